"""Error pages for the whole platform (Chinese, no traceback, no external assets)."""
from django.shortcuts import render


def error_403(request, exception=None):
    return render(request, "core/error.html", {"code": 403, "message": "没有访问此页面的权限"}, status=403)


def error_404(request, exception=None):
    return render(request, "core/error.html", {"code": 404, "message": "页面不存在或无权访问"}, status=404)


def error_500(request):
    return render(request, "core/error.html", {"code": 500, "message": "系统出错，请稍后再试；数据未被修改"}, status=500)

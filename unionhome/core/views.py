"""Error pages for the whole platform (Chinese, no traceback, no external assets), and the one way a page
turns a posted button or small form into a service call and a message."""
from django.contrib import messages
from django.shortcuts import redirect, render

from unionhome.core.errors import DomainError


def favicon(request):
    """``/favicon.ico`` → the static icon (its hashed name in production is known only at request time)."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("core/favicon.ico"))


def error_403(request, exception=None):
    return render(request, "core/error.html", {"code": 403, "message": "没有访问此页面的权限"}, status=403)


def error_404(request, exception=None):
    return render(request, "core/error.html", {"code": 404, "message": "页面不存在或无权访问"}, status=404)


def error_500(request):
    return render(request, "core/error.html", {"code": 500, "message": "系统出错，请稍后再试；数据未被修改"}, status=500)


def button_action(request, call, *, ok: str, to):
    """Run ``call()``; its ``DomainError`` becomes an error message, success the ``ok`` message.
    Always redirects to ``to`` (anything ``redirect`` takes)."""
    try:
        call()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, ok)
    return redirect(to)


def form_action(request, form, call, *, ok: str, to, invalid: str = ""):
    """Validate ``form``, then ``button_action`` with ``call(cleaned_data)``. Bad input becomes one error
    message per field, or the single ``invalid`` message when given."""
    if not form.is_valid():
        for text in [invalid] if invalid else ["；".join(errors) for errors in form.errors.values()]:
            messages.error(request, text)
        return redirect(to)
    return button_action(request, lambda: call(form.cleaned_data), ok=ok, to=to)

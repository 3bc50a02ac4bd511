"""Error pages for the whole platform (Chinese, no traceback, no external assets), and the one way a page
turns a posted button or small form into a service call and a message."""
import sys

from django.contrib import messages
from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from unionhome.core.errors import DomainError


def favicon(request):
    """``/favicon.ico`` → the static icon (its hashed name in production is known only at request time)."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("core/favicon.ico"))


def error_403(request, exception=None):
    return render(request, "core/error.html", {"code": 403, "message": _("没有访问此页面的权限")}, status=403)


def error_404(request, exception=None):
    if request.path.startswith("/api/"):  # an id the route does not take (/api/v1/activities/0.2): the API's body
        return JsonResponse({"code": "not_found", "message": _("记录不存在或无权访问")}, status=404)
    return render(request, "core/error.html", {"code": 404, "message": _("页面不存在或无权访问")}, status=404)


def error_500(request):
    # Django calls this while it handles the uncaught exception, from a view or a middleware alike.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable(request)
    return render(request, "core/error.html", {"code": 500, "message": _("系统出错，请稍后再试；数据未被修改")}, status=500)


def database_unavailable(request):
    """The database stopped or unreachable: 503 with a message (JSON for the API), not a 500. Rendered without the
    site's base page, which needs the database. Each request connects anew, so the platform recovers by itself."""
    message = _("数据库暂时无法连接，请稍后再试；已保存的数据不受影响")
    if request.path.startswith("/api/"):
        response = JsonResponse({"code": "database_unavailable", "message": message}, status=503)
    else:
        response = render(request, "core/unavailable.html", {"message": message}, status=503)
    response["Retry-After"] = "30"
    return response


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
        for text in [invalid] if invalid else [_("；").join(errors) for errors in form.errors.values()]:
            messages.error(request, text)
        return redirect(to)
    return button_action(request, lambda: call(form.cleaned_data), ok=ok, to=to)

"""Error pages for the whole platform (Chinese, no traceback, no external assets), and the one way a page
runs a service: ``button_action`` (a posted button), ``form_action`` (a small posted form, errors as a message),
``form_page`` (a form page, errors on the form), and under them ``attempt`` for views with several steps (login,
vote confirmation, import preview). Only ``attempt`` catches ``DomainError``; no view module does
(``core/tests/test_one_way.py``)."""
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _

from unionhome.core.errors import DomainError, TooMany
from unionhome.core.forms import add_domain_error


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


def _database_away(exc) -> bool:
    """Django's connection errors, and psycopg's own from a raw COPY (which Django does not wrap)."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    try:
        import psycopg
    except ImportError:
        return False
    return isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError))


def error_500(request):
    # Django calls this while it handles the uncaught exception, from a view or a middleware alike.
    if _database_away(sys.exc_info()[1]):
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


@dataclass(frozen=True)
class Outcome:
    """What a service call came to: its return value, or the ``DomainError`` it raised. True when it succeeded."""

    value: Any = None
    error: DomainError | None = None

    def __bool__(self) -> bool:
        return self.error is None

    @property
    def message(self) -> str:
        """The error's text for the page ("" when the call succeeded)."""
        return self.error.message if self.error is not None else ""


def attempt(call: Callable[[], Any], *, request=None, form=None, field: str | None = None) -> Outcome:
    """Run ``call()``: the one place a page catches a service's ``DomainError``. The error goes on ``form``
    (``add_domain_error``, on ``field`` when given) or, without a form, becomes ``request``'s error message;
    the outcome carries it either way (``exc.details``, ``exc.code``) for the view to read."""
    try:
        value = call()
    except DomainError as exc:
        if form is not None:
            add_domain_error(form, exc, field=field)
        elif request is not None:
            messages.error(request, exc.message)
        return Outcome(error=exc)
    return Outcome(value=value)


Say = str | tuple[int, str] | list | None


def _say(request, ok: Say | Callable[[Any], Say], value) -> None:
    """The success message(s): a text, a ``(level, text)`` pair, a list of these, or a callable of the service's
    return value giving one of them. Nothing when empty."""
    said = ok(value) if callable(ok) else ok
    for item in said if isinstance(said, list) else [said]:
        level, text = item if isinstance(item, tuple) else (messages.SUCCESS, item)
        if text:
            messages.add_message(request, level, text)


def _go(request, to, value=None) -> HttpResponseBase:
    """Where the page goes next: ``to`` (anything ``redirect`` takes, or a callable of the service's return value
    giving that or a whole response; ``None`` when the service failed). An htmx request gets ``HX-Redirect``
    instead of a 302."""
    target = to(value) if callable(to) else to
    if isinstance(target, HttpResponseBase):
        return target
    if getattr(request, "htmx", False):
        return hx_redirect(resolve_url(target))
    return redirect(target)


def hx_redirect(url: str) -> HttpResponse:
    """Where htmx sends the whole page (``HX-Redirect``): htmx follows a plain 302 inside its request and would put
    the next page into the part it was refreshing."""
    response = HttpResponse(status=204)
    response["HX-Redirect"] = url
    return response


def button_action(request, call, *, ok: Say | Callable = "", to, fragment: Callable[[str], Any] | None = None):
    """A posted button: run ``call()``; its ``DomainError`` becomes an error message, success the ``ok`` message
    (which may depend on the return value). Then the page goes to ``to``. With ``fragment``, an htmx request
    gets ``fragment(error_text)`` (the refreshed part of the page, the error on it, "" on success) instead."""
    if fragment is not None and getattr(request, "htmx", False):
        outcome = attempt(call)
        return fragment(outcome.message)
    outcome = attempt(call, request=request)
    if outcome:
        _say(request, ok, outcome.value)
    return _go(request, to, outcome.value)


def form_errors_text(form, *, labels: bool = False) -> str:
    """A form's errors as one line (``；`` between them), each after its field's label when ``labels``."""
    if labels:
        return _("；").join(_("%(label)s：%(error)s") % {"label": form.fields[k].label, "error": e[0]}
                            if k in form.fields else e[0] for k, e in form.errors.items())
    return _("；").join(str(e) for errors in form.errors.values() for e in errors)


def form_action(request, form, call, *, ok: Say | Callable = "", to, invalid: str | Callable = "",
                invalid_to=None, fragment: Callable[[str], Any] | None = None):
    """A small posted form that does not come back with its errors: validate ``form``, then ``button_action``
    with ``call(cleaned_data)``. ``to`` may be a callable of the cleaned data. Bad input becomes the single
    ``invalid`` message (a text, or a callable of the form) or else the form's errors in one message, and the
    page goes to ``invalid_to`` (default ``to``); htmx with ``fragment`` gets the fragment with that text."""
    if not form.is_valid():
        text = (invalid(form) if callable(invalid) else invalid) or form_errors_text(form)
        if fragment is not None and getattr(request, "htmx", False):
            return fragment(text)
        messages.error(request, text)
        return _go(request, invalid_to if invalid_to is not None else to)
    target = (lambda _value: to(form.cleaned_data)) if callable(to) else to
    return button_action(request, lambda: call(form.cleaned_data), ok=ok, to=target, fragment=fragment)


def form_page(request, form, call, *, template: str, context=None, ok: Say | Callable = "", to,
              status: int = 200, ready: bool = True):
    """A page with a form that comes back with its errors: GET renders ``template`` with ``form``; a valid POST
    (and ``ready``, e.g. a formset beside it also valid) runs ``call(cleaned_data)``. Its ``DomainError`` goes on
    the form and the page is rendered again (with ``status`` when the form has errors); success says ``ok`` and
    goes to ``to`` (a callable of the return value may give the target or a whole response).
    ``context`` is a dict, or a callable giving one (computed only when the page is rendered)."""
    if request.method == "POST" and form.is_valid() and ready:
        outcome = attempt(lambda: call(form.cleaned_data), form=form)
        if outcome:
            _say(request, ok, outcome.value)
            return _go(request, to, outcome.value)
        if isinstance(outcome.error, TooMany):  # a rate limit says so in its status too (429)
            status = outcome.error.status
    extra = context() if callable(context) else (context or {})
    return render(request, template, {"form": form, **extra}, status=status if form.errors else 200)

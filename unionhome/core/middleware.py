"""Security headers the platform sends on every response, the request IP for the audit, one log line per
request, and the answer to a parameter no database or calendar can hold."""
from __future__ import annotations

import json
import logging
import re
import time

from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import DataError
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.utils.translation import gettext
from django_htmx.middleware import HtmxMiddleware
from whitenoise.middleware import WhiteNoiseMiddleware

from unionhome.core.audit import reset_request_ip, set_request_ip

logger = logging.getLogger(__name__)
request_log = logging.getLogger("unionhome.requests")

# What an out-of-range or malformed parameter raises once a view has turned it into a number or a date:
# year=10000 (ValueError from date()), a 20-digit offset (OverflowError on SQLite, DataError on PostgreSQL).
BAD_PARAMETER = (OverflowError, ValueError, DataError)

# Every script, style and font is served by the platform itself.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)


def client_ip(request) -> str | None:
    """The address of the person's device: ``REMOTE_ADDR``, or behind ``UNIONHOME_PROXY_COUNT`` reverse proxies
    (nginx in front of several app servers) the address the nearest trusted proxy saw, from ``X-Forwarded-For``.
    Entries left of those the proxies added are the client's to write, so they are never trusted. Used by the
    lockout (``AXES_CLIENT_IP_CALLABLE``) and the audit trail."""
    proxies = settings.UNIONHOME_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_request_ip(client_ip(request))
        try:
            response = self.get_response(request)
        finally:
            reset_request_ip(token)
        response.setdefault("Content-Security-Policy", CSP)
        ctx = getattr(request, "ctx", None)
        if ctx is not None and ctx.is_authenticated:
            # Pages of a logged-in user hold personal data: never cache them.
            response["Cache-Control"] = "no-store"
        return response


# In a path no route matched (a 404), what could be personal: a run of digits as long as a phone or ID number,
# and any non-ASCII text (a name typed into the address).
_UNROUTED_PERSONAL = re.compile(r"\d{6,}[\dXx]*|[^\x00-\x7f]+")
_ROUTE_PARAMETER = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def loggable_path(request, match) -> str:
    """The path as the log shows it: a routed request's pattern with its numeric ids filled in and every other
    parameter (a join token, a rule's key, a document's name) left as ``<name>``; an unrouted one with long digit
    runs and non-ASCII text starred out. Never the query string (searches carry names and ID tails)."""
    if match is None or not getattr(match, "route", None):
        return _UNROUTED_PERSONAL.sub("*", request.path)

    def fill(found):
        value = match.kwargs.get(found["name"])
        return str(value) if found["conv"] == "int" and isinstance(value, int) else f"<{found['name']}>"

    return "/" + _ROUTE_PARAMETER.sub(fill, match.route.lstrip("^").rstrip("$"))


class RequestLogMiddleware:
    """One JSON line per request on the ``unionhome.requests`` logger, with no personal data: the route's name,
    the path as ``loggable_path`` shows it, the status and the time taken; never the user, the address or the
    query string."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if request_log.isEnabledFor(logging.INFO):
            match = getattr(request, "resolver_match", None)
            request_log.info(json.dumps({
                "method": request.method, "path": loggable_path(request, match),
                "route": match.view_name if match else None,
                "status": response.status_code, "ms": round((time.perf_counter() - started) * 1000, 1),
            }, ensure_ascii=False))
        return response


class BadParameterMiddleware:
    """A parameter out of range answers 400 with a message, never 500: one place for every page, instead of a
    bound in each view (the API answers the same errors as JSON in ``unionhome/api.py``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, BAD_PARAMETER):
            return None
        logger.warning("bad parameter on %s: %r", request.path, exception, exc_info=exception)
        return render(request, "core/error.html",
                      {"code": 400, "message": gettext("请求参数超出范围或格式不正确，请检查后重试")}, status=400)


def token_api_request(request) -> bool:
    """An API request that carries no session cookie (a bearer token, or nobody): it has no session to load, no
    CSRF to check (a token is not sent by the browser on its own), no flash messages, no htmx and no static file.
    A request with the session cookie (the pages' own calls to the API) goes through every middleware."""
    return request.path_info.startswith("/api/") and settings.SESSION_COOKIE_NAME not in request.COOKIES


class _PagesOnly:
    """A middleware pages need and a token API request does not (``token_api_request``): for such a request it
    only sets what it would have set for an anonymous visitor (``skipped``) and passes on. What every request keeps:
    the request log line, Django's security headers and ours, the locale, ``CommonMiddleware`` (the host check),
    the clickjacking header, the lockout and the 503 when the database is away (``core.views.error_500``)."""

    def __call__(self, request):
        if token_api_request(request):
            self.skipped(request)
            return self.get_response(request)
        return super().__call__(request)

    def skipped(self, request) -> None:
        pass


class PageWhiteNoiseMiddleware(_PagesOnly, WhiteNoiseMiddleware):
    pass


# Sent by a page's own timed refresh (htmx ``hx-trigger="every …"`` with ``hx-headers``: the competition board):
# not something the person did. A job's progress polls without it: the person is waiting for that job.
POLL_HEADER = "X-Unionhome-Poll"


def renews_idle_clock(request, response) -> bool:
    """Whether this answer counts as the person doing something, for the idle logout: everything but a picture
    fetched for a page (a photo, a thumbnail, a QR code, a chart) and a page's own timed refresh (``POLL_HEADER``).
    A page's pictures arrive together, several at once, after the page itself (which renewed the clock); renewing
    the session for each of them would be as many writes of the same row, at the same moment, as there are
    pictures. A scoreboard left open on a phone refreshes itself every 30 seconds: were that renewing, the session
    of a phone left on a desk would never end."""
    if request.method not in ("GET", "HEAD"):
        return True
    return not (response.get("Content-Type", "").startswith("image/") or request.headers.get(POLL_HEADER))


class PageSessionMiddleware(_PagesOnly, SessionMiddleware):
    """Sessions, and the idle logout: a session ends ``SESSION_COOKIE_AGE`` after the last request that
    ``renews_idle_clock`` (the cookie itself lives until the browser closes). Django's own renewal,
    ``SESSION_SAVE_EVERY_REQUEST``, is off because it writes the session on every answer, pictures included, and
    answers 400 when that write finds the session gone: a logout or a sign-in as someone else in another tab,
    while this page's photos were still loading. A renewal here saves nothing the request changed, so a session
    ended meanwhile is left ended and the answer goes out as it was made; a request that did change the session
    (a login, a language) still meets Django's 400 rather than bringing an ended session back."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if (session is not None and not session.modified and response.status_code < 500
                and renews_idle_clock(request, response) and not session.is_empty()):
            try:
                session.save()  # the expiry moves to now + SESSION_COOKIE_AGE
            except UpdateError:
                pass  # ended by a concurrent request: stays ended, this request's next one is anonymous
        return super().process_response(request, response)


class PageCsrfViewMiddleware(_PagesOnly, CsrfViewMiddleware):
    def process_view(self, request, callback, callback_args, callback_kwargs):
        if token_api_request(request):
            return None
        return super().process_view(request, callback, callback_args, callback_kwargs)


class PageAuthenticationMiddleware(_PagesOnly, AuthenticationMiddleware):
    def skipped(self, request) -> None:
        request.user = AnonymousUser()  # the API's token check sets the token's user


class PageMessageMiddleware(_PagesOnly, MessageMiddleware):
    pass


class PageHtmxMiddleware(_PagesOnly, HtmxMiddleware):
    pass

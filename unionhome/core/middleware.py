"""Security headers the platform sends on every response, the request IP for the audit, and the answer to a
parameter no database or calendar can hold."""
from __future__ import annotations

import logging

from django.db import DataError
from django.shortcuts import render
from django.utils.translation import gettext

from unionhome.core.audit import reset_request_ip, set_request_ip

logger = logging.getLogger(__name__)

# What an out-of-range or malformed parameter raises once a view has turned it into a number or a date:
# year=10000 (ValueError from date()), a 20-digit offset (OverflowError on SQLite, DataError on PostgreSQL).
BAD_PARAMETER = (OverflowError, ValueError, DataError)

# Every script, style and font is served by the platform itself.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_request_ip(request.META.get("REMOTE_ADDR"))
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

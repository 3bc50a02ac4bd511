"""Security headers the platform sends on every response, the request IP for the audit, one log line per
request."""
from __future__ import annotations

import json
import logging
import time


from unionhome.core.audit import reset_request_ip, set_request_ip

request_log = logging.getLogger("unionhome.requests")

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


class RequestLogMiddleware:
    """One JSON line per request on the ``unionhome.requests`` logger, with no personal data: the route's name
    and the path without its query string (searches carry names and ID tails), the status and the time taken."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if request_log.isEnabledFor(logging.INFO):
            match = getattr(request, "resolver_match", None)
            request_log.info(json.dumps({
                "method": request.method, "path": request.path, "route": match.view_name if match else None,
                "status": response.status_code, "ms": round((time.perf_counter() - started) * 1000, 1),
            }, ensure_ascii=False))
        return response


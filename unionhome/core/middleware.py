"""Security headers the platform sends on every response, and the request IP for the audit."""
from __future__ import annotations

from unionhome.core.audit import reset_request_ip, set_request_ip

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

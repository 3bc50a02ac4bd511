"""An empty install sends its visitors to the first-run page, where the union is set up."""
from __future__ import annotations

from django.shortcuts import redirect

from unionhome.core.models import Union

# The first-run page itself, its assets, the language switch, the API (answers JSON) and the health check.
EXEMPT_PREFIXES = ("/setup/", "/static/", "/i18n/", "/api/", "/healthz", "/favicon.ico")


class FirstRunMiddleware:
    """Only anonymous visitors are checked (an empty install has nobody to log in), so a logged-in
    request never pays the extra query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is None or not user.is_authenticated) and not request.path.startswith(EXEMPT_PREFIXES) \
                and not Union.objects.exists():
            return redirect("setup:first_run")
        return self.get_response(request)

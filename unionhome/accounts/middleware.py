"""Attach ``request.ctx`` (union, roles, permissions) and enforce the first-login password change."""
from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

from unionhome.accounts.queries import context_for
from unionhome.core.middleware import token_api_request
from unionhome.core.permissions import ANONYMOUS

# Only the pages needed to change the password (and the API, which has no page to show) stay open.
EXEMPT_PREFIXES = ("/accounts/login/", "/accounts/logout/", "/accounts/password/", "/static/", "/i18n/", "/api/")


class UnionContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if token_api_request(request):  # the API's token check builds the context (with the token, one statement)
            request.ctx = ANONYMOUS
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.ctx = context_for(user, request.session.get("union_id"))
            profile = getattr(user, "profile", None)
            if profile is not None and profile.must_change_password and not request.path.startswith(EXEMPT_PREFIXES):
                return redirect(reverse("accounts:password_change"))
        else:
            request.ctx = ANONYMOUS
        return self.get_response(request)

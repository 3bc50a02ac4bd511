"""Login lockout: failures count per (account, source address), so nobody can lock the real owner out
everywhere by mistyping their username from elsewhere; a device the owner has logged in from before
(a signed cookie set on a successful login) is never locked out by anyone else's failures."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.utils import timezone

DEVICE_COOKIE = "uh_device"
DEVICE_SALT = "unionhome.accounts.known_device"
DEVICE_MAX_AGE = dt.timedelta(days=90)


def _attempted_username(request, credentials) -> str:
    username = (credentials or {}).get("username")
    if username is None and request is not None and request.method == "POST":
        username = request.POST.get("username")
    return username or ""


def known_device(request, credentials=None) -> bool:
    """``AXES_WHITELIST_CALLABLE``: the browser carries our signed cookie naming this very account."""
    if request is None:
        return False
    username = _attempted_username(request, credentials)
    try:
        value = request.get_signed_cookie(DEVICE_COOKIE, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except (KeyError, signing.BadSignature):
        return False
    return bool(username) and value == username


def remember_device(response, username: str) -> None:
    """Set on a successful password login: from now on this browser is a known device of ``username``."""
    response.set_signed_cookie(DEVICE_COOKIE, username, salt=DEVICE_SALT, max_age=int(DEVICE_MAX_AGE.total_seconds()),
                               httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)


def active_lockouts(username: str):
    """The sources from which ``username`` is locked out right now."""
    from axes.models import AccessAttempt

    since = timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    return AccessAttempt.objects.filter(username=username, failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
                                        attempt_time__gte=since).order_by("-attempt_time")


def attempt_allowed(request, login: str) -> bool:
    """Whether ``login`` may be tried again from this address (the login page's own lockout: activation codes
    and self-activation count in it, so guessing at one door does not reset the count at the other)."""
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_allowed(request, {"username": login})


def attempt_failed(request, login: str) -> None:
    """A wrong activation counts like a wrong password, per (login, address)."""
    from django.contrib.auth.signals import user_login_failed

    user_login_failed.send(sender=__name__, credentials={"username": login}, request=request)

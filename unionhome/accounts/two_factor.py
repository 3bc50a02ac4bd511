"""The two-step login in the session. After the password, a user who needs a second factor is *not*
logged in: the session only remembers who passed the password, and when, for a few minutes
(``UNIONHOME_2FA_PENDING_SECONDS``). Only the second step calls ``auth.login`` (with django-otp's device),
so every logged-in session of an officer is a two-factor session by construction and no page needs a
check of its own."""
from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.utils import timezone
from django.utils.safestring import mark_safe
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from unionhome.accounts import services
from unionhome.accounts.lockout import remember_device
from unionhome.accounts.queries import two_factor_enrolled, two_factor_required

PENDING_KEY = "uh_login_pending"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def needed(user) -> bool:
    """Officers always; anyone who enrolled an authenticator of their own accord too."""
    return two_factor_required(user) or two_factor_enrolled(user)


def pending_start(request, user, next_url: str) -> None:
    request.session[PENDING_KEY] = {"user": user.pk, "backend": getattr(user, "backend", MODEL_BACKEND),
                                    "at": timezone.now().timestamp(), "next": next_url}


def pending_user(request):
    """Who passed the password step in this session, unless it was too long ago (then it is forgotten)."""
    data = request.session.get(PENDING_KEY)
    if not data:
        return None
    if timezone.now().timestamp() - data["at"] > settings.UNIONHOME_2FA_PENDING_SECONDS:
        pending_clear(request)
        return None
    return get_user_model().objects.filter(pk=data["user"], is_active=True).first()


def pending_clear(request) -> None:
    request.session.pop(PENDING_KEY, None)


def login_complete(request, user, device, response_for_next):
    """Both factors given: log in, with django-otp's record of the device in the session.
    ``response_for_next(next_url)`` makes the response (the device cookie is set on it)."""
    data = request.session.get(PENDING_KEY) or {}
    next_url = data.get("next") or settings.LOGIN_REDIRECT_URL
    user.otp_device = device  # django-otp puts the device in the session on auth.login
    auth.login(request, user, backend=data.get("backend") or MODEL_BACKEND)
    pending_clear(request)
    services.login_record(actor=user)
    response = response_for_next(next_url)
    remember_device(response, user.get_username())
    return response


def login_failed(request, username: str) -> None:
    """A wrong second factor counts like a wrong password: per (account, address), in the audit trail."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
    services.login_failure_record(username=username)
    if getattr(request, "axes_locked_out", False):
        pending_clear(request)


def session_verified(request) -> bool:
    """This session was logged in with a second factor that still belongs to its user."""
    session = getattr(request, "session", None)  # an API request without a session cookie has none
    persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
    if not persistent_id or not request.user.is_authenticated:
        return False
    device = Device.from_persistent_id(persistent_id)
    return device is not None and device.user_id == request.user.pk and device.confirmed


def qr_svg(device) -> str:
    """The authenticator's ``otpauth://`` address as an inline SVG QR code (standard QR, quiet zone 4)."""
    svg = segno.make_qr(device.config_url, error="m").svg_inline(scale=4, border=4, dark="#000", light="#fff")
    return mark_safe(svg)  # segno draws paths only: nothing of the address is copied into the markup


def manual_key(device) -> str:
    """The secret in base32 (what authenticator apps accept when typed in), in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))

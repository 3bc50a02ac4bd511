"""Writes for the second factor: enrolling an authenticator (TOTP, RFC 6238) with one-time recovery codes,
checking a code, an officer resetting someone's second factor, and the owner lifting a lockout with it.

The devices are django-otp's: ``TOTPDevice`` (the phone's authenticator app; it refuses a code of a time
step already used, and slows down repeated wrong codes) and ``StaticDevice`` (the recovery codes, each
used once)."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from unionhome.accounts.services import _union_of, sessions_end
from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, RuleViolation

# Ten codes, as GitHub and Google hand out: enough for a lost phone, few enough to write down.
RECOVERY_CODES = 10


@transaction.atomic
def two_factor_enrol_start(*, actor, user) -> TOTPDevice:
    """The authenticator ``user`` is about to add to their phone: a fresh secret, unconfirmed until they
    type one code from it (the same one until then, so reloading the page keeps the QR code)."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise Conflict("two_factor_enrolled", gettext("已启用两步验证"))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def two_factor_enrol_confirm(*, actor, user, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator with a code from it; returns it and the new recovery codes (shown once).
    A wrong code is kept as a failure on the unconfirmed device (django-otp slows repeated ones down)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        raise Conflict("two_factor_no_enrolment", gettext("请重新扫描二维码绑定"))
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        ok = device.verify_token(_clean(code))
    if not ok:
        raise RuleViolation("two_factor_code_wrong", gettext("验证码不正确，请输入验证器当前显示的6位数字"), field="code")
    return _enrol_complete(actor=actor, user=user, device=device)


@transaction.atomic
def _enrol_complete(*, actor, user, device: TOTPDevice) -> tuple[TOTPDevice, list[str]]:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = _recovery_codes_new(user)
    audit_log(actor=actor, action="accounts.2fa.enrolled", union=_union_of(user), target=user,
              target_label=user.get_username(), after={"authenticator": "totp", "recovery_codes": len(codes)})
    return device, codes


def _recovery_codes_new(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=c) for c in codes)
    return codes


@transaction.atomic
def recovery_codes_renew(*, actor, user) -> list[str]:
    """New recovery codes for an enrolled user; the old ones stop working."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise Conflict("two_factor_not_enrolled", gettext("尚未启用两步验证"))
    codes = _recovery_codes_new(user)
    audit_log(actor=actor, action="accounts.2fa.recovery_renewed", union=_union_of(user), target=user,
              target_label=user.get_username(), after={"recovery_codes": len(codes)})
    return codes


def _clean(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()[:16]


def two_factor_verify(*, user, code: str):
    """The confirmed device of ``user`` that accepts ``code`` (a 6-digit code from the authenticator, or
    a recovery code, which is then used up), or None. Each device's failures and last used time step
    are kept even when the code is wrong (one transaction per check, committed)."""
    code = _clean(code)
    if not code:
        return None
    # Six digits go to the authenticator, anything else to the recovery codes: a wrong code then counts
    # against one device only.
    model = TOTPDevice if len(code) == 6 and code.isdigit() else StaticDevice
    with transaction.atomic():
        device = model.objects.devices_for_user(user, confirmed=True).select_for_update().order_by("pk").first()
        if device is None or not device.verify_token(code):
            return None
        if model is StaticDevice:
            audit_log(actor=user, action="accounts.2fa.recovery_used", union=_union_of(user), target=user,
                      target_label=user.get_username(), after={"recovery_codes_left": device.token_set.count()})
    return device


@transaction.atomic
def two_factor_reset(*, actor, user, union) -> None:
    """A chair or admin removes someone's authenticator and recovery codes (a lost or replaced phone) and
    ends their sessions; they enrol again at their next login. Nobody resets their own: that would let
    whoever holds an open session replace the owner's authenticator."""
    if getattr(actor, "pk", None) == user.pk:
        raise RuleViolation("two_factor_reset_self", gettext("不能重置自己的两步验证，请由另一位工会主席或系统管理员操作"))
    devices = [d.persistent_id for d in devices_for_user(user, confirmed=None)]
    if not devices:
        raise Conflict("two_factor_not_enrolled", gettext("该账号尚未启用两步验证"))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    sessions_end(user)
    audit_log(actor=actor, action="accounts.2fa.reset", union=union, target=user, target_label=user.get_username(),
              before={"devices": devices})


@transaction.atomic
def lockout_self_lift(*, actor, ip: str) -> bool:
    """The owner, having just given their password and a second factor, lifts the lockout of their own
    account at the address they are at (a stranger's failures cannot keep them out). Returns whether
    there was one."""
    from axes.utils import reset

    from unionhome.accounts.lockout import active_lockouts

    if not active_lockouts(actor.get_username()).filter(ip_address=ip).exists():
        return False
    reset(ip=ip, username=actor.get_username())
    audit_log(actor=actor, action="accounts.user.self_unlocked", union=_union_of(actor), target=actor,
              target_label=actor.get_username(), before={"locked_sources": [ip]})
    return True

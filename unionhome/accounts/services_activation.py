"""Members' logins issued from the roster and activated with a one-time code (no e-mail needed), or by the
member with facts only they hold; an officer's reset; logins following the membership (issue 9 §2).

A code is 8 characters from an alphabet without look-alikes (read aloud or typed from paper), stored only as a
keyed hash, single use, expiring after ``accounts.activation_days`` and dying after
``accounts.activation_attempts`` wrong tries. It is returned once, by the service that makes it, to be printed
or read out; it is never in the audit trail, never shown again. Failed tries give one message whatever was
wrong (unknown login, wrong or dead code) so that nobody learns which logins exist.
"""
from __future__ import annotations

import datetime as dt
import hmac
import secrets
import unicodedata
from dataclasses import dataclass

from django.contrib.auth import get_user_model, password_validation
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext, gettext_lazy

from unionhome.accounts.models import ActivationCode, ApiToken, Profile, RoleAssignment
from unionhome.accounts.queries import holds_role
from unionhome.accounts.queries_activation import login_users
from unionhome.accounts.services import sessions_end
from unionhome.accounts.services_roles import roles_sync
from unionhome.core import idcard
from unionhome.core.audit import audit_log
from unionhome.core.crypto import blind_index
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import Union
from unionhome.core.permissions import Role
from unionhome.core.rules import rule_value
from unionhome.members.choices import MembershipStatus
from unionhome.members.models import Worker

User = get_user_model()

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed from paper
CODE_LENGTH = 8
INVALID = ("activation_invalid", gettext_lazy("账号或激活码不正确，或激活码已过期、已使用。请核对后重试，或请工会重新发放激活码。"))
SELF_INVALID = ("self_activation_invalid", gettext_lazy("信息与已发放的账号不符。请核对会员证号、身份证号后6位和手机号，或请工会发放激活码。"))
ISSUERS = frozenset({Role.CHAIR, Role.ADMIN})


@dataclass(frozen=True)
class IssuedCode:
    """What a slip prints (and the API returns once): never stored in this form."""

    user_id: int
    username: str
    name: str
    card_number: str
    group: str
    code: str
    expires_at: dt.datetime


def code_new() -> str:
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


def code_normalise(value: str) -> str:
    """What the member typed, as the code was made: full-width letters, lower case, spaces and dashes forgiven."""
    text = unicodedata.normalize("NFKC", value or "").upper()
    return "".join(ch for ch in text if ch.isalnum())


def _code_hash(code: str) -> str:
    # Keyed (SECRET_KEY): a copy of the database alone does not let anyone try all codes offline.
    return salted_hmac("unionhome.accounts.activation", code_normalise(code), algorithm="sha256").hexdigest()


def _codes_void(user) -> None:
    ActivationCode.objects.filter(user=user, used_at__isnull=True, voided_at__isnull=True).update(
        voided_at=timezone.now())


def _code_make(*, actor, user, union, purpose: str) -> tuple[str, dt.datetime]:
    _codes_void(user)
    code = code_new()
    expires_at = timezone.now() + dt.timedelta(days=int(rule_value("accounts.activation_days", union=union)))
    ActivationCode.objects.create(user=user, union=union, purpose=purpose, code_hash=_code_hash(code),
                                  issued_by=actor if getattr(actor, "is_authenticated", False) else None,
                                  expires_at=expires_at)
    return code, expires_at


def _username_for(worker: Worker) -> str:
    base = f"m{worker.pk}"
    name, n = base, 1
    while User.objects.filter(username=name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def _check_may_issue(actor, union, group) -> None:
    """The chair or the admin issue for the whole union or any group; a group leader for their own group."""
    if group is not None and group.union_id != union.pk:
        raise RuleViolation("group_other_union", gettext("工会小组不属于该工会"))
    if actor is None:  # the platform (manage.py accounts_issue)
        return
    if holds_role(actor, union, ISSUERS):
        return
    if group is not None and holds_role(actor, union, Role.GROUP_LEADER, group=group):
        return
    raise RuleViolation("issue_not_allowed", gettext("只有工会主席、系统管理员或本小组组长可以发放账号"))


def _issued(user, worker, code, expires_at) -> IssuedCode:
    membership = getattr(worker, "membership", None)
    return IssuedCode(user_id=user.pk, username=user.username, name=worker.name if worker else user.first_name,
                      card_number=membership.card_number if membership else "",
                      group=worker.group.name if worker and worker.group_id else "", code=code, expires_at=expires_at)


@transaction.atomic
def accounts_issue(*, actor, union: Union, group=None, progress=None) -> list[IssuedCode]:
    """A login for every active member (of the union, or of one group) who has none: inactive, without a
    usable password, with the member role and a fresh code. A member whose login awaits activation gets a new
    code (the old one dies): printing the slips again is issuing again. Activated logins are left alone.
    Returns the codes, once. One audit entry per login, without the code. ``progress(done, total)`` is told every
    50 members (the background job's progress bar)."""
    _check_may_issue(actor, union, group)
    # One issue per union at a time: a second one (the chair and a group leader at once) waits, then reads the
    # logins the first made (a new statement, a new snapshot) instead of making them twice.
    Union.objects.select_for_update().filter(pk=union.pk).first()
    workers = (Worker.objects.filter(union=union, membership__status=MembershipStatus.ACTIVE)
               .select_related("membership", "group", "account__user").order_by("group__sort_order", "group_id",
                                                                               "name_pinyin", "id"))
    if group is not None:
        workers = workers.filter(group=group)
    issued, created = [], []
    total = workers.count() if progress is not None else 0
    for done, worker in enumerate(workers, start=1):
        if progress is not None and done % 50 == 0:
            progress(done, total)
        profile = getattr(worker, "account", None)
        if profile is None:
            user = User(username=_username_for(worker), first_name=worker.name[:150], is_active=False)
            user.set_unusable_password()
            user.save()
            Profile.objects.create(user=user, worker=worker, must_change_password=False, awaiting_activation=True)
            RoleAssignment.objects.create(user=user, union=union, role=Role.MEMBER)
            action, created = "accounts.account.issued", [*created, worker]
        elif profile.awaiting_activation:
            user, action = profile.user, "accounts.account.reissued"
        else:
            continue
        code, expires_at = _code_make(actor=actor, user=user, union=union, purpose=ActivationCode.Purpose.ISSUE)
        audit_log(actor=actor, action=action, union=union, target=user, target_label=user.username,
                  after={"username": user.username, "worker": worker.pk, "expires_at": expires_at,
                         "group": worker.group_id})
        issued.append(_issued(user, worker, code, expires_at))
    if created:  # an officer who got their login only now takes the roles of their offices with it
        roles_sync(actor=actor, union=union, workers=created)
    return issued


def _activate(*, actor, user, password: str, how: str) -> None:
    now = timezone.now()
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    user.profile, _created = Profile.objects.update_or_create(
        user=user, defaults={"awaiting_activation": False, "activated_at": now, "must_change_password": False,
                             "password_changed_at": now})
    audit_log(actor=actor or user, action="accounts.account.activated", union=_union_of(user), target=user,
              target_label=user.username, note=how)


def _union_of(user):
    assignment = RoleAssignment.objects.filter(user=user).order_by("union_id", "id").first()
    return assignment.union if assignment else None


def _password_checked(password: str, user) -> None:
    try:
        password_validation.validate_password(password, user)
    except Exception as exc:  # ValidationError: its messages are already Chinese
        raise RuleViolation("password_weak", gettext("；").join(getattr(exc, "messages", [str(exc)])), field="password")


def account_activate(*, login: str, code: str, password: str):
    """The member (anonymous) names their login (mobile, card number or username), gives the code and chooses a
    password (Django's validators): the login becomes active. A wrong code counts against the code's tries
    (audited, in its own transaction: the refusal must not roll the count back); the message never says which
    part was wrong. Returns the user."""
    wanted = _code_hash(code)
    failed = []
    with transaction.atomic():
        now = timezone.now()
        for user in login_users(login):
            if not getattr(getattr(user, "profile", None), "awaiting_activation", False):
                continue
            live = (ActivationCode.objects.select_for_update()
                    .filter(user=user, used_at__isnull=True, voided_at__isnull=True).first())
            if live is None:
                continue
            if live.expires_at > now and hmac.compare_digest(live.code_hash, wanted):
                _password_checked(password, user)
                live.used_at = now
                live.save(update_fields=["used_at"])
                _activate(actor=None, user=user, password=password, how=gettext("激活码"))
                return user
            failed.append(live)
    _tries_count(failed)
    raise RuleViolation(*INVALID, field="code")


@transaction.atomic
def _tries_count(codes) -> None:
    limit = int(rule_value("accounts.activation_attempts"))
    for live in codes:
        live = ActivationCode.objects.select_for_update().select_related("user").get(pk=live.pk)
        live.attempts += 1
        if live.attempts >= limit and live.voided_at is None:
            live.voided_at = timezone.now()
        live.save(update_fields=["attempts", "voided_at"])
        audit_log(actor=None, action="accounts.activation.failed", union=live.union, target=live.user,
                  target_label=live.user.username, after={"attempts": live.attempts, "voided": live.voided_at is not None})


def account_activate_self(*, card_number: str, id_last6: str, mobile: str, password: str):
    """Self-activation without a code: the card number, the last 6 characters of the ID number (X in either
    case, full-width digits forgiven: ``core.idcard.normalise``) and the mobile on the roster must all name
    one member whose issued login awaits activation. An activated login is never taken over this way (a
    forgotten password is reset by an officer). Returns the user."""
    card_number = unicodedata.normalize("NFKC", card_number or "").strip()
    tail = idcard.normalise(id_last6 or "").upper()
    mobile = "".join(ch for ch in unicodedata.normalize("NFKC", mobile or "") if ch.isdigit())
    if not card_number or len(tail) != 6 or not mobile:
        raise RuleViolation(*SELF_INVALID)
    workers = (Worker.objects.filter(membership__card_number=card_number,
                                     membership__status__in=(MembershipStatus.ACTIVE, MembershipStatus.RETAINED),
                                     account__awaiting_activation=True)
               .select_related("account__user"))
    with transaction.atomic():
        for worker in workers:
            same_mobile = hmac.compare_digest(worker.mobile_hash, blind_index(mobile))
            same_id = hmac.compare_digest(idcard.normalise(worker.id_number).upper()[-6:], tail)
            if same_mobile and same_id:
                user = worker.account.user
                _password_checked(password, user)
                ActivationCode.objects.filter(user=user, used_at__isnull=True, voided_at__isnull=True).update(
                    used_at=timezone.now())
                _activate(actor=None, user=user, password=password, how=gettext("自助激活（会员证号、身份证号后6位、手机号）"))
                return user
    for worker in workers:  # the card names an issued login, the rest did not match: the union sees the try
        audit_log(actor=None, action="accounts.activation.failed", union=worker.union, target=worker.account.user,
                  target_label=worker.account.user.username, note=gettext("自助激活"))
    raise RuleViolation(*SELF_INVALID)


@transaction.atomic
def account_reset(*, actor, user, union) -> IssuedCode:
    """An officer's reset of a forgotten password: never a password shown or chosen by the officer, but a new
    one-time code; the password becomes unusable, every session ends and every API token is revoked."""
    if getattr(actor, "pk", None) == user.pk:
        raise RuleViolation("cannot_reset_self", gettext("不能重置自己的账号，请由另一位负责人办理"))
    profile, _created = Profile.objects.select_related("worker__membership", "worker__group").get_or_create(user=user)
    if not user.is_active and not profile.awaiting_activation:
        raise Conflict("account_disabled", gettext("该账号已停用，不能重置"))
    user.set_unusable_password()
    user.is_active = False
    user.save(update_fields=["password", "is_active"])
    profile.awaiting_activation = True
    profile.save(update_fields=["awaiting_activation"])
    sessions_end(user)
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    code, expires_at = _code_make(actor=actor, user=user, union=union, purpose=ActivationCode.Purpose.RESET)
    audit_log(actor=actor, action="accounts.account.reset", union=union, target=user, target_label=user.username,
              after={"expires_at": expires_at, "tokens_revoked": revoked})
    return _issued(user, profile.worker, code, expires_at)


def _profile_of(worker):
    return Profile.objects.select_related("user").filter(worker=worker).first()


@transaction.atomic
def account_follow_membership_end(*, actor, worker) -> None:
    """A member who transfers out or leaves loses their login in the same transaction: disabled, sessions
    ended, any code voided (issue 9 §2)."""
    profile = _profile_of(worker)
    if profile is None:
        return
    user = profile.user
    was = {"is_active": user.is_active, "awaiting_activation": profile.awaiting_activation}
    user.is_active = False
    user.save(update_fields=["is_active"])
    profile.awaiting_activation = False
    profile.save(update_fields=["awaiting_activation"])
    _codes_void(user)
    sessions_end(user)
    audit_log(actor=actor, action="accounts.user.disabled", union=worker.union, target=user,
              target_label=user.username, before=was, note=gettext("会籍终止"))


@transaction.atomic
def account_open_on_admission(*, actor, worker) -> None:
    """An admitted applicant (入会申请) gets a login awaiting activation, without a code: they activate it themselves
    with their new card number, the last 6 characters of their ID number and their mobile (or the next issue for
    their group prints a code). The admission is the committee's decision; nobody else is asked."""
    if _profile_of(worker) is not None:
        return
    user = User(username=_username_for(worker), first_name=worker.name[:150], is_active=False)
    user.set_unusable_password()
    user.save()
    Profile.objects.create(user=user, worker=worker, must_change_password=False, awaiting_activation=True)
    RoleAssignment.objects.create(user=user, union=worker.union, role=Role.MEMBER)
    audit_log(actor=actor, action="accounts.account.issued", union=worker.union, target=user,
              target_label=user.username, after={"username": user.username, "worker": worker.pk},
              note=gettext("入会批准，待本人激活"))


@transaction.atomic
def account_follow_membership_resumed(*, actor, worker) -> None:
    """A member who rejoins gets their login back through a new code: it awaits activation (the old password
    is not revived); the next issue for their union or group prints the code."""
    profile = _profile_of(worker)
    if profile is None or profile.user.is_active:
        return
    user = profile.user
    user.set_unusable_password()
    user.save(update_fields=["password"])
    profile.awaiting_activation = True
    profile.save(update_fields=["awaiting_activation"])
    _codes_void(user)
    audit_log(actor=actor, action="accounts.account.reopened", union=worker.union, target=user,
              target_label=user.username, note=gettext("恢复会籍，待发放激活码"))


@transaction.atomic
def federation_viewer_create(*, actor, federation: Union, username: str, full_name: str = "") -> IssuedCode:
    """A federation officer opens a viewer login (role ``federation``) for their own federation; it is
    activated with the one-time code returned here, like a member's."""
    if federation.kind != Union.Kind.FEDERATION:
        raise RuleViolation("not_a_federation", gettext("只有总工会（上级工会）可以开通查看账号"))
    if actor is not None and not RoleAssignment.objects.filter(user=actor, union=federation,
                                                                role=Role.FEDERATION).exists():
        raise RuleViolation("viewer_not_allowed", gettext("只有本级上级工会的账号可以开通查看账号"))
    username = (username or "").strip()
    if User.objects.filter(username=username).exists():
        raise Conflict("username_taken", gettext("用户名 %(name)s 已被使用") % {"name": username}, field="username")
    user = User(username=username, first_name=(full_name or "").strip()[:150], is_active=False)
    user.set_unusable_password()
    user.save()
    Profile.objects.create(user=user, must_change_password=False, awaiting_activation=True)
    RoleAssignment.objects.create(user=user, union=federation, role=Role.FEDERATION)
    code, expires_at = _code_make(actor=actor, user=user, union=federation, purpose=ActivationCode.Purpose.ISSUE)
    audit_log(actor=actor, action="accounts.federation_viewer.created", union=federation, target=user,
              target_label=username, after={"username": username, "role": Role.FEDERATION.value,
                                            "expires_at": expires_at})
    return IssuedCode(user_id=user.pk, username=username, name=user.first_name, card_number="", group="", code=code,
                      expires_at=expires_at)


# Slips for more members than this are made in the background (a progress bar, then the file, once).
ISSUE_BACKGROUND_MEMBERS = 300


def accounts_issue_pending(*, union, group=None) -> int:
    """How many logins an issue would make or renew: active members without an activated login."""
    from django.db.models import Q

    workers = Worker.objects.filter(union=union, membership__status=MembershipStatus.ACTIVE)
    if group is not None:
        workers = workers.filter(group=group)
    return workers.filter(Q(account__isnull=True) | Q(account__awaiting_activation=True)).count()


def accounts_issue_start(*, actor, union: Union, group=None, activate_url: str):
    """The slips' way in: a few hundred logins are issued now (returns the codes); more are queued as a background
    job whose result is the slips (returns the ``Job``)."""
    from unionhome.jobs.services import job_start

    _check_may_issue(actor, union, group)
    if accounts_issue_pending(union=union, group=group) <= ISSUE_BACKGROUND_MEMBERS:
        return accounts_issue(actor=actor, union=union, group=group)
    return job_start(actor=actor, union=union, kind="accounts.issue_slips",
                     params={"group": group.pk if group else None, "activate_url": activate_url})

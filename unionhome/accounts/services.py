"""Writes to logins, roles and API tokens."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.accounts.models import ApiToken, Profile, RoleAssignment, RoleGrantRequest
from unionhome.accounts.queries import two_factor_enrolled, two_factor_required
from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.permissions import Role
from unionhome.core.rules import rule_value

User = get_user_model()


@transaction.atomic
def account_create(*, actor, username: str, password: str, union, roles: list[str] | None = None, worker=None,
                   group=None, full_name: str = "", must_change_password: bool = True,
                   validate_password: bool = True):
    if User.objects.filter(username=username).exists():
        raise Conflict("username_taken", _("用户名 %(username)s 已被使用") % {"username": username})
    user = User(username=username, first_name=(full_name or (worker.name if worker else ""))[:150])
    if validate_password:
        try:
            password_validation.validate_password(password, user)
        except Exception as exc:  # ValidationError: its messages are already Chinese
            raise RuleViolation("password_weak", _("；").join(getattr(exc, "messages", [str(exc)])))
    user.set_password(password)
    user.save()
    Profile.objects.create(user=user, worker=worker, must_change_password=must_change_password)
    audit_log(actor=actor, action="accounts.user.created", union=union, target=user, target_label=username,
              after={"username": username, "worker": worker.pk if worker else None})
    for role in roles or [Role.MEMBER]:
        role_grant(actor=actor, user=user, union=union, role=role, group=group if role == Role.GROUP_LEADER else None)
    return user


# Roles that reach money, needy members' files or the platform itself: one officer alone never hands
# them out (four-eyes principle; 《工会会计制度》 separates who books from who approves and audits).
CONFIRMED_ROLES = frozenset({Role.CHAIR, Role.ADMIN, Role.HARDSHIP, Role.FINANCE, Role.AUDITOR})
# Who may confirm such a grant: a chair or an admin of the union.
CONFIRMING_ROLES = frozenset({Role.CHAIR, Role.ADMIN})


@transaction.atomic
def role_grant(*, actor, user, union, role: str, group=None) -> RoleAssignment | RoleGrantRequest:
    """Grant ``role`` in ``union``. Nobody grants a role to themselves. A role in ``CONFIRMED_ROLES``
    granted by a person becomes a pending request that a second officer confirms (``role_grant_confirm``);
    ``actor=None`` is the platform itself (set-up, or a role that comes with holding an office)."""
    role = Role(role)
    if role == Role.GROUP_LEADER and group is None:
        raise RuleViolation("group_required", _("小组长角色须指定工会小组"))
    if group is not None and group.union_id != union.pk:
        raise RuleViolation("group_other_union", _("工会小组不属于该工会"))
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        raise RuleViolation("role_self_grant", _("不能给自己授予角色"))
    existing = RoleAssignment.objects.filter(user=user, union=union, role=role, group=group).first()
    if existing is not None:
        return existing
    if actor is not None and role in CONFIRMED_ROLES:
        if RoleGrantRequest.objects.filter(user=user, union=union, role=role,
                                           status=RoleGrantRequest.Status.PENDING).exists():
            raise Conflict("role_grant_pending", _("该角色的授予已在等待确认"))
        request = RoleGrantRequest.objects.create(user=user, union=union, role=role, group=group, requested_by=actor)
        audit_log(actor=actor, action="accounts.role.requested", union=union, target=request,
                  target_label=user.username, after={"user": user.username, "role": role.value})
        return request
    assignment = RoleAssignment.objects.create(user=user, union=union, role=role, group=group)
    _two_factor_role_taken(user, role)
    audit_log(actor=actor, action="accounts.role.granted", union=union, target=assignment,
              after={"user": user.username, "role": role.value, "group": group.pk if group else None})
    return assignment


def _two_factor_role_taken(user, role: str) -> None:
    """A session opened with the password alone must not go on with a role that needs two factors:
    the person logs in again, with the second factor."""
    if role in settings.UNIONHOME_2FA_ROLES:
        sessions_end(user)


def _pending_for_decision(actor, grant_request: RoleGrantRequest) -> RoleGrantRequest:
    grant_request = RoleGrantRequest.objects.select_for_update().select_related("user").get(pk=grant_request.pk)
    if grant_request.status != RoleGrantRequest.Status.PENDING:
        raise Conflict("role_grant_decided", _("该角色授予已处理"))
    if not RoleAssignment.objects.filter(user=actor, union=grant_request.union_id,
                                         role__in=CONFIRMING_ROLES).exists():
        raise RuleViolation("role_grant_not_officer", _("只有工会主席或系统管理员可以确认角色授予"))
    return grant_request


@transaction.atomic
def role_grant_confirm(*, actor, grant_request: RoleGrantRequest) -> RoleAssignment:
    """The second officer's confirmation: a chair or admin of the union other than the one who asked,
    and never the grantee."""
    grant_request = _pending_for_decision(actor, grant_request)
    if actor.pk == grant_request.requested_by_id:
        raise RuleViolation("role_grant_same_officer", _("须由另一位工会主席或系统管理员确认"))
    if actor.pk == grant_request.user_id:
        raise RuleViolation("role_self_grant", _("不能确认授予自己的角色"))
    grant_request.status = RoleGrantRequest.Status.CONFIRMED
    grant_request.decided_by, grant_request.decided_at = actor, timezone.now()
    grant_request.save(update_fields=["status", "decided_by", "decided_at"])
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=grant_request.user, union=grant_request.union, role=grant_request.role, group=grant_request.group)
    _two_factor_role_taken(grant_request.user, grant_request.role)
    audit_log(actor=actor, action="accounts.role.granted", union=grant_request.union, target=assignment,
              after={"user": grant_request.user.username, "role": grant_request.role,
                     "group": grant_request.group_id, "requested_by": grant_request.requested_by.username,
                     "confirmed_by": actor.get_username()})
    return assignment


@transaction.atomic
def role_grant_reject(*, actor, grant_request: RoleGrantRequest) -> None:
    """A chair or admin (the one who asked may withdraw) turns a pending grant down."""
    grant_request = _pending_for_decision(actor, grant_request)
    grant_request.status = RoleGrantRequest.Status.REJECTED
    grant_request.decided_by, grant_request.decided_at = actor, timezone.now()
    grant_request.save(update_fields=["status", "decided_by", "decided_at"])
    audit_log(actor=actor, action="accounts.role.rejected", union=grant_request.union, target=grant_request,
              target_label=grant_request.user.username,
              before={"user": grant_request.user.username, "role": grant_request.role})


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    audit_log(actor=actor, action="accounts.role.revoked", union=assignment.union, target=assignment,
              before={"user": assignment.user.username, "role": assignment.role})
    assignment.delete()


@transaction.atomic
def password_change(*, actor, user, new_password: str) -> None:
    try:
        password_validation.validate_password(new_password, user)
    except Exception as exc:
        raise RuleViolation("password_weak", _("；").join(getattr(exc, "messages", [str(exc)])))
    user.set_password(new_password)
    user.save(update_fields=["password"])
    Profile.objects.update_or_create(user=user, defaults={"must_change_password": False,
                                                          "password_changed_at": timezone.now()})
    audit_log(actor=actor, action="accounts.password.changed", target=user, target_label=user.username)


@transaction.atomic
def account_disable(*, actor, user, union) -> None:
    """Disabling an account ends all its sessions at once (ASVS 7.4.2)."""
    if getattr(actor, "pk", None) == user.pk:
        raise RuleViolation("cannot_disable_self", _("不能停用自己的账号"))
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions_end(user)
    audit_log(actor=actor, action="accounts.user.disabled", union=union, target=user, target_label=user.username)


def sessions_end(user) -> None:
    """End every open session of ``user`` at once."""
    for session in Session.objects.filter(expire_date__gt=timezone.now()):
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_issue(*, actor, user, name: str, days: int | None = None, union=None,
                two_factor: bool = False) -> tuple[ApiToken, str]:
    """Returns the token row and the secret, shown once. Whoever holds a token acts as its owner, so a
    token is issued only by its owner, for themselves: an officer who could issue (and read) a token for
    someone else could act as them while the audit blamed them. ``actor=None`` is the system (set-up
    scripts), never a page or the API. It expires after ``accounts.token_days`` at most. An officer (or anyone
    who enrolled a second factor) gets one only from a session logged in with both factors (``two_factor``):
    a token outlives the session, so a stolen password alone must not yield one."""
    if actor is not None and getattr(actor, "pk", None) != user.pk:
        raise RuleViolation("token_not_own", _("API令牌只能由本人为自己签发"))
    if actor is not None and not two_factor and (two_factor_required(user) or two_factor_enrolled(user)):
        raise RuleViolation("token_needs_two_factor", _("签发API令牌须先以两步验证登录（请退出后重新登录）"))
    max_days = int(rule_value("accounts.token_days", union=union))
    days = max_days if days is None else days
    if not 1 <= days <= max_days:
        raise RuleViolation("token_days", _("有效期须在1至%(max_days)s天之间") % {"max_days": max_days}, field="days")
    key = "uh_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=_hash(key), prefix=key[:8],
                                    expires_at=timezone.now() + dt.timedelta(days=days))
    audit_log(actor=actor, action="accounts.token.issued", union=union, target=token, target_label=name,
              after={"owner": user.username, "prefix": token.prefix, "expires_at": token.expires_at})
    return token, key


@transaction.atomic
def token_revoke(*, actor, token: ApiToken, union=None) -> None:
    """The owner, or an officer managing the owner's account (the view checks which), ends a token at once."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise Conflict("token_revoked", _("该令牌已吊销"))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_log(actor=actor, action="accounts.token.revoked", union=union, target=token, target_label=token.name,
              before={"owner": token.user.username, "prefix": token.prefix})


# ``last_used_at`` tells an officer whether a token is still in use, not each request: like GitHub,
# which records a token's last use to within the hour, we write it at most once a minute per token,
# so a burst of API calls does not turn every read into a write on the token row.
TOKEN_USE_RESOLUTION = dt.timedelta(seconds=60)


def token_user(key: str):
    """The active user of an unrevoked, unexpired token, with their profile (one round trip on PostgreSQL; the use
    is recorded at most once per ``TOKEN_USE_RESOLUTION``)."""
    found = _token_read(key, with_roles=False)
    return found[0] if found else None


def token_context(key: str):
    """The ``UnionContext`` of a bearer token's user (their roles, first union), or None for a token that is
    unknown, revoked, expired or whose login is disabled. On PostgreSQL the token, its user, profile, roles and
    their unions are read — and the token's use recorded, at most once per ``TOKEN_USE_RESOLUTION`` — in one
    statement (``_TokenStatement``); elsewhere as ``token_user`` + ``context_for``."""
    from unionhome.accounts.queries import context_for, context_from_assignments

    found = _token_read(key, with_roles=True)
    if found is None:
        return None
    user, assignments = found
    if assignments is None:  # no single-statement read on this database
        return context_for(user, None)
    return context_from_assignments(user, assignments, None)


def _token_read(key: str, *, with_roles: bool):
    from django.db import connection

    now = timezone.now()
    if connection.vendor == "postgresql":
        return _TokenStatement.get(with_roles).run(connection, _hash(key), now, now - TOKEN_USE_RESOLUTION)
    token = (ApiToken.objects.select_related("user__profile")
             .filter(key_hash=_hash(key), revoked_at__isnull=True, expires_at__gt=now)
             .order_by()[:1])
    token = token[0] if token else None
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, None


class _TokenStatement:
    """One PostgreSQL statement for a bearer token: the token (unrevoked, unexpired, of an active login), the write
    of its last use when the recorded one is older than the resolution (a data-modifying CTE: no write at all
    within the minute), the user, the profile and — for the API — each role assignment with its union, one row per
    assignment (one row of NULLs without any). The rows become model instances as the ORM would build them (the
    columns are every concrete field, plain types with no converters on PostgreSQL;
    ``test_the_token_statement_builds_what_the_orm_builds`` compares them)."""

    @classmethod
    def get(cls, with_roles: bool):
        """Built once per process (``core.statements.built_once``)."""
        from unionhome.core.statements import built_once

        return built_once((cls, with_roles), lambda: cls(with_roles))

    def __init__(self, with_roles: bool):
        from unionhome.core.models import Union

        self.with_roles = with_roles
        self.models = [User, Profile] + ([RoleAssignment, Union] if with_roles else [])
        self.fields = [[f.attname for f in m._meta.concrete_fields] for m in self.models]
        aliases = ["u", "p", "r", "un"]
        columns = ", ".join(f'{a}."{f.column}"' for m, a in zip(self.models, aliases, strict=False)
                            for f in m._meta.concrete_fields)
        token, user, profile = ApiToken._meta.db_table, User._meta.db_table, Profile._meta.db_table
        roles = ""
        if with_roles:
            roles = (f' LEFT JOIN "{RoleAssignment._meta.db_table}" r ON r."user_id" = u."id"'
                     f' LEFT JOIN "{Union._meta.db_table}" un ON un."id" = r."union_id"'
                     ' ORDER BY r."union_id", r."id"')
        self.sql = (
            f'WITH t AS (SELECT t."id", t."user_id", t."last_used_at" FROM "{token}" t'
            f' JOIN "{user}" tu ON tu."id" = t."user_id" AND tu."is_active"'
            ' WHERE t."key_hash" = %s AND t."revoked_at" IS NULL AND t."expires_at" > %s),'
            f' used AS (UPDATE "{token}" SET "last_used_at" = %s WHERE "id" IN'
            ' (SELECT "id" FROM t WHERE t."last_used_at" IS NULL OR t."last_used_at" <= %s))'
            f' SELECT {columns} FROM t JOIN "{user}" u ON u."id" = t."user_id"'
            f' LEFT JOIN "{profile}" p ON p."user_id" = u."id"{roles}')

    def run(self, connection, key_hash: str, now, stale_before):
        from unionhome.core.statements import statement_cursor

        with statement_cursor() as cursor:
            cursor.execute(self.sql, [key_hash, now, now, stale_before])
            rows = cursor.fetchall()
        if not rows:
            return None
        db = connection.alias
        parts = []
        for row in rows:
            values, start = [], 0
            for names in self.fields:
                values.append(row[start:start + len(names)])
                start += len(names)
            parts.append(values)
        user = User.from_db(db, self.fields[0], parts[0][0])
        profile = parts[0][1]
        if profile[0] is not None:
            user.profile = Profile.from_db(db, self.fields[1], profile)  # caches the user on the profile too
        else:
            User._meta.get_field("profile").set_cached_value(user, None)  # none: no query to find that out
        if not self.with_roles:
            return user, None
        assignments, unions = [], {}
        for values in parts:
            if values[2][0] is None:
                continue
            a = RoleAssignment.from_db(db, self.fields[2], values[2])
            union_id = values[3][0]
            if union_id not in unions:
                unions[union_id] = self.models[3].from_db(db, self.fields[3], values[3])
            a.union = unions[union_id]
            assignments.append(a)
        return user, assignments


@transaction.atomic
def account_unlock(*, actor, user, union) -> int:
    """Lift every lockout of ``user`` (all sources) at once; returns how many sources were locked."""
    from axes.utils import reset

    from unionhome.accounts.lockout import active_lockouts

    sources = [a.ip_address for a in active_lockouts(user.username)]
    if not sources:
        raise Conflict("account_not_locked", _("该账号当前未被锁定"))
    reset(username=user.username)
    audit_log(actor=actor, action="accounts.user.unlocked", union=union, target=user, target_label=user.username,
              before={"locked_sources": sources})
    return len(sources)


def _union_of(user):
    assignment = RoleAssignment.objects.filter(user=user).order_by("union_id", "id").first()
    return assignment.union if assignment else None


def login_record(*, actor, union=None) -> None:
    """A successful login, in the trail of the union the user works in (the address comes with the request)."""
    audit_log(actor=actor, action="accounts.login.succeeded", union=union or _union_of(actor), target=actor,
              target_label=actor.get_username())


def login_failure_record(*, username: str) -> None:
    """A wrong password for an existing account: the account's union sees it (unknown names are not kept)."""
    from unionhome.accounts.queries_activation import login_users

    users = login_users(username)  # the username, or the one member a mobile or card number names
    if len(users) != 1:
        return
    user = users[0]
    audit_log(actor=None, action="accounts.login.failed", union=_union_of(user), target=user,
              target_label=user.get_username())

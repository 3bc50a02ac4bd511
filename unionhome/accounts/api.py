"""The account page and the token page through the API (issue 13): the same services and checks.

Officers (``accounts.manage``) open logins for workers, ask for and confirm roles, disable, unlock and reset
second factors, and end someone's token. Tokens are issued only by their owner, for themselves, from a session
logged in with both factors (a bearer token alone never yields another token).
"""
from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from pydantic import field_validator

from unionhome.accounts import services, services_two_factor, two_factor
from unionhome.accounts.forms_manage import UNION_ROLES
from unionhome.accounts.models import ApiToken, RoleAssignment, RoleGrantRequest
from unionhome.accounts.queries import account_in_union_or_404, accounts_in_union, pending_role_grants, tokens_of
from unionhome.core.errors import Conflict
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema

router = Router(tags=["账号与令牌"])
ROLE_VALUES = {value for value, _label in UNION_ROLES}


def _known_role(value: str) -> str:
    if value not in ROLE_VALUES:
        raise ValueError(f"未知角色：{value}")
    return value


class RoleOut(Schema):
    id: int
    role: str
    group_id: int | None


class AccountOut(Schema):
    id: int
    username: str
    name: str
    is_active: bool
    worker_id: int | None
    roles: list[RoleOut]

    @staticmethod
    def resolve_name(obj):
        return obj.get_full_name()

    @staticmethod
    def resolve_worker_id(obj):
        profile = getattr(obj, "profile", None)
        return profile.worker_id if profile else None

    @staticmethod
    def resolve_roles(obj):
        return list(obj.role_assignments.all())  # accounts_in_union prefetches this union's roles only


class AccountIn(CleanTextSchema):
    worker_id: int
    username: str = Field(pattern=r"^[A-Za-z0-9_.@-]{3,150}$")
    password: str = Field(max_length=128)
    roles: list[str] = ["member"]
    group_id: int | None = None

    @field_validator("roles")
    @classmethod
    def roles_known(cls, value):
        return [_known_role(v) for v in value]


class GrantIn(CleanTextSchema):
    role: str
    group_id: int | None = None

    @field_validator("role")
    @classmethod
    def role_known(cls, value):
        return _known_role(value)


class GrantOut(Schema):
    """``status`` "granted" (the role is in effect) or "pending" (a second chair or admin must confirm)."""
    status: str
    assignment_id: int | None = None
    request_id: int | None = None


class GrantRequestOut(Schema):
    id: int
    user_id: int
    role: str
    group_id: int | None
    status: str
    requested_at: dt.datetime


@router.get("/", response=list[AccountOut], url_name="accounts")
def account_list(request):
    ctx = api_require(request, "accounts.manage")
    return list(accounts_in_union(ctx.union))


@router.post("/", response={201: AccountOut}, url_name="accounts")
def account_create(request, body: AccountIn):
    """A login for a worker of the union (one per worker); the initial password must be changed at first login."""
    from unionhome.members.models import Worker
    from unionhome.org.models import UnionGroup

    ctx = api_require(request, "accounts.manage")
    worker = get_in_union_or_404(Worker, ctx.union, pk=body.worker_id)
    if hasattr(worker, "account") and worker.account is not None:
        raise Conflict("worker_has_account", "该职工已有账号")
    group = get_in_union_or_404(UnionGroup, ctx.union, pk=body.group_id) if body.group_id else None
    user = services.account_create(actor=request.user, username=body.username, password=body.password,
                                   union=ctx.union, roles=body.roles, worker=worker, group=group)
    return Status(201, account_in_union_or_404(ctx.union, user.pk))


@router.post("/{user_id}/roles", response={201: GrantOut}, url_name="account_roles")
def role_grant(request, user_id: int, body: GrantIn):
    """Grant a role; one reaching money, needy files or the platform waits for a second officer's confirmation."""
    from unionhome.org.models import UnionGroup

    ctx = api_require(request, "accounts.manage")
    account = account_in_union_or_404(ctx.union, user_id)
    group = get_in_union_or_404(UnionGroup, ctx.union, pk=body.group_id) if body.group_id else None
    result = services.role_grant(actor=request.user, user=account, union=ctx.union, role=body.role, group=group)
    if isinstance(result, RoleGrantRequest):
        return Status(201, {"status": "pending", "request_id": result.pk})
    return Status(201, {"status": "granted", "assignment_id": result.pk})


@router.post("/roles/{assignment_id}/revoke", response={204: None}, url_name="account_role_revoke")
def role_revoke(request, assignment_id: int):
    ctx = api_require(request, "accounts.manage")
    assignment = get_in_union_or_404(RoleAssignment.objects.select_related("user"), ctx.union, pk=assignment_id)
    services.role_revoke(actor=request.user, assignment=assignment)
    return Status(204, None)


@router.get("/role-grants", response=list[GrantRequestOut], url_name="account_role_grants")
def role_grants_pending(request):
    """Role grants waiting for a second chair or admin, oldest first."""
    ctx = api_require(request, "accounts.manage")
    return list(pending_role_grants(ctx.union))


def _grant_request(ctx, request_id):
    return get_in_union_or_404(RoleGrantRequest.objects.select_related("user"), ctx.union, pk=request_id)


@router.post("/role-grants/{request_id}/confirm", response=RoleOut, url_name="account_role_grant_confirm")
def role_grant_confirm(request, request_id: int):
    """Another chair or admin (not the one who asked, not the grantee) confirms; the role takes effect."""
    ctx = api_require(request, "accounts.manage")
    return services.role_grant_confirm(actor=request.user, grant_request=_grant_request(ctx, request_id))


@router.post("/role-grants/{request_id}/reject", response={204: None}, url_name="account_role_grant_reject")
def role_grant_reject(request, request_id: int):
    ctx = api_require(request, "accounts.manage")
    services.role_grant_reject(actor=request.user, grant_request=_grant_request(ctx, request_id))
    return Status(204, None)


@router.post("/{user_id}/disable", response={204: None}, url_name="account_disable")
def account_disable(request, user_id: int):
    """The login stops working and its sessions end."""
    ctx = api_require(request, "accounts.manage")
    services.account_disable(actor=request.user, user=account_in_union_or_404(ctx.union, user_id), union=ctx.union)
    return Status(204, None)


class UnlockOut(Schema):
    cleared: int


@router.post("/{user_id}/unlock", response=UnlockOut, url_name="account_unlock")
def account_unlock(request, user_id: int):
    """Lift the lockout after too many wrong passwords (409 ``account_not_locked`` when there is none)."""
    ctx = api_require(request, "accounts.manage")
    cleared = services.account_unlock(actor=request.user, user=account_in_union_or_404(ctx.union, user_id),
                                      union=ctx.union)
    return {"cleared": cleared}


@router.post("/{user_id}/two-factor/reset", response={204: None}, url_name="account_two_factor_reset")
def two_factor_reset(request, user_id: int):
    """Remove someone's authenticator (a lost phone); they enrol again at the next login. Never one's own."""
    ctx = api_require(request, "accounts.manage")
    services_two_factor.two_factor_reset(actor=request.user, user=account_in_union_or_404(ctx.union, user_id),
                                         union=ctx.union)
    return Status(204, None)


@router.post("/tokens/{token_id}/revoke", response={204: None}, url_name="account_token_revoke")
def account_token_revoke(request, token_id: int):
    """An officer ends a token of a login of the union (never issues or reads one)."""
    ctx = api_require(request, "accounts.manage")
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=token_id)
    account_in_union_or_404(ctx.union, token.user_id)
    services.token_revoke(actor=request.user, token=token, union=ctx.union)
    return Status(204, None)


# --- my own tokens ------------------------------------------------------------------------------------------------

class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenIn(CleanTextSchema):
    name: str = Field(min_length=1, max_length=100)
    days: int | None = None


class TokenIssuedOut(TokenOut):
    key: str  # shown in this answer only; only its hash is kept


def _logged_in(request):
    from ninja.errors import HttpError

    if not request.user.is_authenticated:
        raise HttpError(401, "请先登录")
    return getattr(request, "ctx", None)


@router.get("/me/tokens", response=list[TokenOut], url_name="my_tokens")
def my_tokens(request):
    _logged_in(request)
    return list(tokens_of(request.user))


@router.post("/me/tokens", response={201: TokenIssuedOut}, url_name="my_tokens")
def my_token_create(request, body: TokenIn):
    """A token for myself. An officer (or anyone with an authenticator) only from a session logged in with both
    factors: with a bearer token this answers 422 ``token_needs_two_factor``, like a password-only session."""
    ctx = _logged_in(request)
    token, key = services.token_issue(actor=request.user, user=request.user, name=body.name, days=body.days,
                                      union=ctx.union if ctx else None,
                                      two_factor=two_factor.session_verified(request))
    token.key = key
    return Status(201, token)


@router.post("/me/tokens/{token_id}/revoke", response={204: None}, url_name="my_token_revoke")
def my_token_revoke(request, token_id: int):
    ctx = _logged_in(request)
    token = get_object_or_404(tokens_of(request.user), pk=token_id)
    services.token_revoke(actor=request.user, token=token, union=ctx.union if ctx else None)
    return Status(204, None)

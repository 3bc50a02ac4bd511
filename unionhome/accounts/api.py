"""Accounts API: issuing members' logins (the codes in this answer only), an officer's reset, activation
(anonymous), roles following office, the federation's viewer logins; the account page and the token page
(issue 13): officers (``accounts.manage``) open logins for workers, ask for and confirm roles, disable, unlock and
reset second factors, and end someone's token. Tokens are issued only by their owner, for themselves, from a
session logged in with both factors (a bearer token alone never yields another token). Each endpoint calls the
pages' service."""
from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import field_validator

from unionhome.accounts import services, services_activation, services_roles, services_two_factor, two_factor
from unionhome.accounts.forms_manage import UNION_ROLES
from unionhome.accounts.lockout import attempt_allowed, attempt_failed
from unionhome.accounts.models import ApiToken, RoleAssignment, RoleGrantRequest
from unionhome.accounts.queries import account_in_union_or_404, accounts_in_union, pending_role_grants, tokens_of
from unionhome.core.errors import Conflict, DomainError
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.org.models import UnionGroup

router = Router(tags=[gettext_lazy("账号")])




class IssuedOut(Schema):
    user_id: int
    username: str
    name: str
    card_number: str
    group: str
    code: str
    expires_at: dt.datetime


class IssueIn(Schema):
    group_id: int | None = None


@router.post("/issue", response={201: list[IssuedOut]}, url_name="accounts_issue")
def issue(request, payload: IssueIn):
    """A login for every active member without one (of the union, or one group), each with a one-time code
    returned here only; unactivated logins get a new code."""
    ctx = api_require(request, "accounts.issue")
    group = get_in_union_or_404(UnionGroup, ctx.union, pk=payload.group_id) if payload.group_id else None
    issued = services_activation.accounts_issue(actor=request.user, union=ctx.union, group=group)
    return Status(201, [vars(c) for c in issued])


@router.post("/{user_id}/reset", response=IssuedOut, url_name="accounts_reset")
def reset(request, user_id: int):
    """A new one-time code for a forgotten password (never a password); sessions and tokens end."""
    ctx = api_require(request, "accounts.manage")
    account = account_in_union_or_404(ctx.union, user_id)
    return vars(services_activation.account_reset(actor=request.user, user=account, union=ctx.union))


class ActivateIn(Schema):
    login: str = Field(max_length=150)
    code: str = Field(max_length=20)
    password: str = Field(max_length=128)


class SelfActivateIn(Schema):
    card_number: str = Field(max_length=40)
    id_last6: str = Field(max_length=12)
    mobile: str = Field(max_length=20)
    password: str = Field(max_length=128)


class ActivatedOut(Schema):
    username: str


def _activation(request, login: str, call):
    if not attempt_allowed(request, login):
        raise HttpError(429, _("尝试次数过多，请30分钟后再试"))
    try:
        return {"username": call().get_username()}
    except DomainError as exc:
        if exc.code != "password_weak":
            attempt_failed(request, login)
        raise


@router.post("/activate", auth=None, response=ActivatedOut, url_name="accounts_activate")
def activate(request, payload: ActivateIn):
    """Anonymous: login (mobile, card number or username) + code + a new password. One answer for every
    wrong combination (422 ``activation_invalid``); wrong tries count in the login lockout (429)."""
    return _activation(request, payload.login.strip(), lambda: services_activation.account_activate(
        login=payload.login, code=payload.code, password=payload.password))


@router.post("/activate/self", auth=None, response=ActivatedOut, url_name="accounts_activate_self")
def activate_self(request, payload: SelfActivateIn):
    """Anonymous: card number + last 6 characters of the ID number + mobile + a new password, for an issued
    login awaiting activation."""
    return _activation(request, payload.card_number.strip(), lambda: services_activation.account_activate_self(
        card_number=payload.card_number, id_last6=payload.id_last6, mobile=payload.mobile,
        password=payload.password))


class SyncOut(Schema):
    granted: int
    ended: int


@router.post("/roles-sync", response=SyncOut, url_name="accounts_roles_sync")
def roles_sync(request):
    """Make the office roles match the offices held today (idempotent)."""
    ctx = api_require(request, "accounts.manage")
    granted, ended = services_roles.roles_sync(actor=request.user, union=ctx.union)
    return {"granted": granted, "ended": ended}


class ViewerIn(CleanTextSchema):
    username: str = Field(pattern=r"^[A-Za-z0-9_.@-]{3,150}$")
    full_name: str = Field("", max_length=50)


@router.post("/federation-viewers", response={201: IssuedOut}, url_name="accounts_federation_viewers")
def federation_viewer(request, payload: ViewerIn):
    """A viewer login for the caller's own federation, with its one-time code (this answer only)."""
    ctx = api_require(request, "accounts.federation_viewers")
    slip = services_activation.federation_viewer_create(actor=request.user, federation=ctx.union,
                                                        username=payload.username, full_name=payload.full_name)
    return Status(201, vars(slip))


# --- the account page through the API -----------------------------------------------------------------------
ROLE_VALUES = {value for value, _label in UNION_ROLES}


def _known_role(value: str) -> str:
    if value not in ROLE_VALUES:
        raise ValueError(_("未知角色：%(role)s") % {"role": value})
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

    ctx = api_require(request, "accounts.manage")
    worker = get_in_union_or_404(Worker, ctx.union, pk=body.worker_id)
    if hasattr(worker, "account") and worker.account is not None:
        raise Conflict("worker_has_account", _("该职工已有账号"))
    group = get_in_union_or_404(UnionGroup, ctx.union, pk=body.group_id) if body.group_id else None
    user = services.account_create(actor=request.user, username=body.username, password=body.password,
                                   union=ctx.union, roles=body.roles, worker=worker, group=group)
    return Status(201, account_in_union_or_404(ctx.union, user.pk))


@router.post("/{user_id}/roles", response={201: GrantOut}, url_name="account_roles")
def role_grant(request, user_id: int, body: GrantIn):
    """Grant a role; one reaching money, needy files or the platform waits for a second officer's confirmation."""
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
    if not request.user.is_authenticated:
        raise HttpError(401, _("请先登录"))
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

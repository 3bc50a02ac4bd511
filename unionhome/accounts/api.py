"""Accounts API: issuing members' logins (the codes in this answer only), an officer's reset, activation
(anonymous), roles following office, the federation's viewer logins. Each endpoint calls the pages' service."""
import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from unionhome.accounts import services_activation, services_roles
from unionhome.accounts.lockout import attempt_allowed, attempt_failed
from unionhome.accounts.queries import account_in_union_or_404
from unionhome.core.errors import DomainError
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

"""JSON API of the welfare policy editor: a province's versions, a draft, publishing (federation officers, for
their own province)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from unionhome.core.permissions import api_require
from unionhome.core.text import CleanTextSchema
from unionhome.funds import queries_policy, services_policy
from unionhome.funds.models import WelfarePolicy

router = Router(tags=[gettext_lazy("福利政策")])


class CapIn(Schema):
    code: str
    cap: Decimal | None = None


class PolicyIn(CleanTextSchema):
    province: str
    name: str
    source: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    forms: list[str] = ["goods", "voucher"]
    prize_ratio: str = ""
    festival_fund_ratio: str = ""
    birthday_in_month: bool = False
    note: str = ""
    items: list[CapIn] = []
    festivals: list[CapIn] = []


class PolicyOut(Schema):
    id: int
    province: str
    name: str
    source: str
    effective_from: dt.date
    effective_to: dt.date | None
    forms: list[str]
    prize_ratio: str
    festival_fund_ratio: str
    birthday_in_month: bool
    note: str
    published: bool
    items: list[CapIn]
    festivals: list[CapIn]

    @staticmethod
    def resolve_published(obj):
        return obj.is_published

    @staticmethod
    def resolve_items(obj):
        return [{"code": i.benefit, "cap": i.cap} for i in obj.items.all()]

    @staticmethod
    def resolve_festivals(obj):
        return [{"code": f.festival, "cap": f.cap} for f in obj.festival_rows.all()]


def _provinces(ctx) -> list[str]:
    own = services_policy.province_of(ctx.union)
    return [own] if own else []


def _policy(ctx, policy_id: int) -> WelfarePolicy:
    policy = WelfarePolicy.objects.filter(pk=policy_id).first()
    if policy is None or policy.province not in _provinces(ctx):
        raise HttpError(404, _("未找到"))
    return policy


@router.get("", response=list[PolicyOut], url_name="funds_policies")
def policies(request, province: str = ""):
    """Every version of the province's policy (drafts included), newest first."""
    ctx = api_require(request, "funds.policy_edit")
    allowed = _provinces(ctx)
    province = province or (allowed[0] if len(allowed) == 1 else services_policy.province_of(ctx.union))
    if province not in allowed:
        raise HttpError(404, _("未找到"))
    return list(queries_policy.policy_versions(province))


@router.post("", response={201: PolicyOut}, url_name="funds_policies")
def create_draft(request, body: PolicyIn):
    """A draft version; publish it to put it in force from its date."""
    ctx = api_require(request, "funds.policy_edit")
    return Status(201, services_policy.policy_draft_save(actor=request.user, publisher=ctx.union,
                                                         draft=_draft(body)))


def _draft(body: PolicyIn) -> services_policy.PolicyDraft:
    data = body.dict()
    return services_policy.PolicyDraft(
        **{k: v for k, v in data.items() if k not in ("items", "festivals", "forms")}, forms=tuple(body.forms),
        items=tuple((i.code, i.cap) for i in body.items), festivals=tuple((f.code, f.cap) for f in body.festivals))


@router.get("/{policy_id}", response=PolicyOut, url_name="funds_policy")
def policy(request, policy_id: int):
    ctx = api_require(request, "funds.policy_edit")
    return _policy(ctx, policy_id)


@router.put("/{policy_id}", response=PolicyOut, url_name="funds_policy")
def update_draft(request, policy_id: int, body: PolicyIn):
    """Change a draft (a published version is never changed: the service refuses it with 409)."""
    ctx = api_require(request, "funds.policy_edit")
    return services_policy.policy_draft_save(actor=request.user, publisher=ctx.union, draft=_draft(body),
                                             policy=_policy(ctx, policy_id))


@router.post("/{policy_id}/publish", response=PolicyOut, url_name="funds_policy_publish")
def publish(request, policy_id: int):
    ctx = api_require(request, "funds.policy_edit")
    return services_policy.policy_publish(actor=request.user, publisher=ctx.union, policy=_policy(ctx, policy_id))

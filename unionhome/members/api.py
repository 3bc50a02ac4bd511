import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from unionhome.core.errors import RuleViolation
from unionhome.core.middleware import client_ip
from unionhome.core.paging import Offset
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.members import services
from unionhome.members.models import Worker
from unionhome.members.queries import (
    WorkerFilters,
    membership_rate,
    membership_rate_by,
    my_worker_or_404,
    worker_search,
    worker_visible_to,
)
from unionhome.members.services import SENSITIVE_FIELDS, worker_reveal
from unionhome.org.models import UnionGroup, Unit

router = Router(tags=[gettext_lazy("会员")])


class WorkerOut(Schema):
    id: int
    name: str
    name_pinyin: str
    gender: str
    ethnicity: str
    birth_date: dt.date
    id_number_masked: str
    mobile_masked: str
    unit_id: int | None
    group_id: int | None
    employment_status: str
    membership_status: str | None
    card_number: str | None

    @staticmethod
    def resolve_membership_status(obj):
        return obj.membership.status if hasattr(obj, "membership") else None

    @staticmethod
    def resolve_card_number(obj):
        return obj.membership.card_number if hasattr(obj, "membership") else None


class WorkerPage(Schema):
    count: int
    results: list[WorkerOut]


class FilterIn(Schema):
    q: str = ""
    unit: int | None = None
    group: int | None = None
    status: str = ""
    gender: str = ""
    age_band: str = ""
    ethnicity: str = ""
    employment_status: str = ""
    offset: Offset = 0
    limit: int = 50


class RevealOut(Schema):
    field: str
    value: str


@router.get("/workers", response=WorkerPage, url_name="members_workers")
def workers(request, filters: Query[FilterIn]):
    ctx = api_require(request, "members.view")
    data = filters.dict()
    offset, limit = max(0, data.pop("offset")), min(max(1, data.pop("limit")), 200)
    qs = worker_search(worker_visible_to(ctx), WorkerFilters(**data)).select_related("membership")
    return {"count": qs.count(), "results": list(qs[offset:offset + limit])}


@router.get("/workers/{worker_id}", response=WorkerOut, url_name="members_worker")
def worker(request, worker_id: int):
    ctx = api_require(request, "members.view")
    return get_in_union_or_404(worker_visible_to(ctx).select_related("membership"), ctx.union, pk=worker_id)


@router.post("/workers/{worker_id}/reveal/{field}", response=RevealOut, url_name="members_worker_reveal")
def reveal(request, worker_id: int, field: str):
    ctx = api_require(request, "members.reveal")
    if field not in SENSITIVE_FIELDS:
        raise Http404
    worker = get_in_union_or_404(worker_visible_to(ctx), ctx.union, pk=worker_id)
    return {"field": field, "value": worker_reveal(actor=request.user, worker=worker, field=field)}


class WorkerIn(CleanTextSchema):
    name: str = Field(max_length=50)
    gender: str
    birth_date: dt.date
    id_number: str
    ethnicity: str = "汉族"
    mobile: str = ""
    unit_id: int | None = None
    group_id: int | None = None
    post: str = Field("", max_length=100)
    employment_status: str = "employed"
    political_status: str = "masses"
    education: str = ""
    join_on: dt.date | None = None
    card_number: str = Field("", max_length=40)


class WorkerPatch(CleanTextSchema):
    name: str | None = Field(None, max_length=50)
    gender: str | None = None
    birth_date: dt.date | None = None
    id_number: str | None = None
    ethnicity: str | None = None
    mobile: str | None = None
    unit_id: int | None = None
    group_id: int | None = None
    post: str | None = Field(None, max_length=100)
    employment_status: str | None = None
    political_status: str | None = None
    education: str | None = None


class MembershipIn(CleanTextSchema):
    on: dt.date
    card_number: str = Field("", max_length=40)
    other_union: str = Field("", max_length=100)
    card_endorsement: str = Field("", max_length=200)
    note: str = Field("", max_length=300)


class EventOut(Schema):
    kind: str
    on: dt.date
    other_union: str
    card_endorsement: str
    note: str


class MembershipOut(Schema):
    worker_id: int
    status: str
    card_number: str
    joined_on: dt.date
    status_since: dt.date
    events: list[EventOut]

    @staticmethod
    def resolve_events(obj):
        return list(obj.events.all())


class RateOut(Schema):
    staff: int
    members: int
    rate: float | None


class RateRow(RateOut):
    name: str | None


class RatesOut(Schema):
    union: RateOut
    by_unit: list[RateRow]
    by_group: list[RateRow]


def _org_refs(ctx, data: dict) -> dict:
    """Resolve unit_id / group_id within the caller's union (another union's id answers 404)."""
    for key, model in (("unit", Unit), ("group", UnionGroup)):
        if f"{key}_id" in data:
            ref = data.pop(f"{key}_id")
            data[key] = get_in_union_or_404(model, ctx.union, pk=ref) if ref is not None else None
    return data


@router.post("/workers", response={201: WorkerOut}, url_name="members_workers")
def worker_create_api(request, payload: WorkerIn):
    ctx = api_require(request, "members.manage")
    worker = services.worker_create(actor=request.user, union=ctx.union, **_org_refs(ctx, payload.dict()))
    return Status(201, Worker.objects.select_related("membership").get(pk=worker.pk))


@router.patch("/workers/{worker_id}", response=WorkerOut, url_name="members_worker")
def worker_update_api(request, worker_id: int, payload: WorkerPatch):
    ctx = api_require(request, "members.manage")
    worker = get_in_union_or_404(worker_visible_to(ctx), ctx.union, pk=worker_id)
    # null clears only what may be empty (unit, group); for the other fields it means "unchanged"
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k.endswith("_id")}
    services.worker_update(actor=request.user, worker=worker, **_org_refs(ctx, changes))
    return Worker.objects.select_related("membership").get(pk=worker.pk)


@router.post("/workers/{worker_id}/membership/{action}", response=MembershipOut, url_name="members_membership")
def membership_api(request, worker_id: int, action: str, payload: MembershipIn):
    ctx = api_require(request, "members.manage")
    worker = get_in_union_or_404(worker_visible_to(ctx), ctx.union, pk=worker_id)
    d, user = payload, request.user
    if action in ("join", "transfer_in"):
        if action == "transfer_in" and not d.other_union.strip():
            raise RuleViolation("source_required", _("转入须填写原工会"), field="other_union")
        membership = services.membership_join(actor=user, worker=worker, joined_on=d.on, card_number=d.card_number,
                                              from_union=d.other_union if action == "transfer_in" else "")
    elif action == "transfer_out":
        membership = services.membership_transfer_out(actor=user, worker=worker, on=d.on, to_union=d.other_union,
                                                      card_endorsement=d.card_endorsement, note=d.note)
    elif action == "retire":
        membership = services.membership_retire(actor=user, worker=worker, on=d.on, note=d.note)
    elif action == "leave":
        membership = services.membership_leave(actor=user, worker=worker, on=d.on, note=d.note)
    elif action == "reinstate":
        membership = services.membership_reinstate(actor=user, worker=worker, on=d.on, note=d.note)
    else:
        raise Http404
    return membership


@router.get("/rates", response=RatesOut, url_name="members_rates")
def rates(request):
    ctx = api_require(request, "members.view_all")
    qs = Worker.objects.filter(union=ctx.union)

    def rows(field):
        return [{"name": r[field], **{k: r[k] for k in ("staff", "members", "rate")}}
                for r in membership_rate_by(qs, field)]

    return {"union": membership_rate(qs), "by_unit": rows("unit__name"), "by_group": rows("group__name")}


# --- 我的: the signed-in member's own corner ---------------------------------------------------------------------
class MineItemOut(Schema):
    on: dt.date | None
    text: str
    url: str
    note: str


class MineSectionOut(Schema):
    key: str
    title: str
    note: str
    url: str
    items: list[MineItemOut]


class MineOut(Schema):
    worker_id: int
    name: str
    mobile_masked: str
    address_masked: str
    sections: list[MineSectionOut]


class ContactIn(CleanTextSchema):
    mobile: str = Field("", max_length=11)
    address: str = Field("", max_length=200)


def _mine(ctx) -> dict:
    from unionhome.core.panels import collect_mine

    worker = my_worker_or_404(ctx)
    return {"worker_id": worker.pk, "name": worker.name, "mobile_masked": worker.mobile_masked,
            "address_masked": worker.address_masked, "sections": collect_mine(ctx, worker)}


@router.get("/me", response=MineOut, url_name="members_me")
def mine_api(request):
    """What the platform holds about me and what concerns me (the page 我的); 404 without a member record."""
    return _mine(api_require(request))


@router.post("/me/contact", response=MineOut, url_name="members_me_contact")
def my_contact_api(request, payload: ContactIn):
    ctx = api_require(request)
    services.worker_contact_update(actor=request.user, worker=my_worker_or_404(ctx), **payload.dict())
    return _mine(ctx)


# --- 入会申请 ------------------------------------------------------------------------------------------------------
class JoinApplicationIn(CleanTextSchema):
    name: str = Field(max_length=50)
    gender: str
    birth_date: dt.date
    id_number: str = Field(max_length=40)
    ethnicity: str = "汉族"
    mobile: str = Field("", max_length=11)
    unit_id: int | None = None
    group_id: int | None = None
    post: str = Field("", max_length=100)
    statement: str = Field("", max_length=500)


class JoinApplicationOut(Schema):
    id: int
    name: str
    gender: str
    birth_date: dt.date
    id_number_masked: str
    mobile_masked: str
    unit_id: int | None
    group_id: int | None
    post: str
    statement: str
    status: str
    decline_reason: str
    worker_id: int | None
    created_at: dt.datetime


class JoinSubmittedOut(Schema):
    status: str


class JoinApproveIn(CleanTextSchema):
    card_number: str = Field("", max_length=40)
    joined_on: dt.date | None = None


class JoinDeclineIn(CleanTextSchema):
    reason: str = Field(max_length=300)


class JoinLinkOut(Schema):
    token: str
    url: str


@router.post("/apply/{token}", auth=None, response={201: JoinSubmittedOut}, url_name="members_join_apply")
def join_apply_api(request, token: str, payload: JoinApplicationIn):
    """Anyone holding the union's published link applies to join (no account yet)."""
    from unionhome.members.services_join import join_application_submit, join_link_active

    link = join_link_active(token)
    data = payload.dict()
    refs = {}
    for key, model in (("unit", Unit), ("group", UnionGroup)):
        ref = data.pop(f"{key}_id")
        refs[key] = get_in_union_or_404(model, link.union, pk=ref) if ref is not None else None
    join_application_submit(link=link, **data, **refs, address=client_ip(request))
    return Status(201, {"status": "submitted"})


@router.get("/join-applications", response=list[JoinApplicationOut], url_name="members_join_applications")
def join_applications_api(request, status: str = "submitted"):
    from unionhome.members.queries import join_applications

    ctx = api_require(request, "members.manage")
    return list(join_applications(ctx.union, status or None)[:500])


@router.post("/join-applications/{application_id}/approve", response=JoinApplicationOut,
             url_name="members_join_approve")
def join_approve_api(request, application_id: int, payload: JoinApproveIn):
    from unionhome.members.models import JoinApplication
    from unionhome.members.services_join import join_application_approve

    ctx = api_require(request, "members.manage")
    application = get_in_union_or_404(JoinApplication, ctx.union, pk=application_id)
    return join_application_approve(actor=request.user, application=application, **payload.dict())


@router.post("/join-applications/{application_id}/decline", response=JoinApplicationOut,
             url_name="members_join_decline")
def join_decline_api(request, application_id: int, payload: JoinDeclineIn):
    from unionhome.members.models import JoinApplication
    from unionhome.members.services_join import join_application_decline

    ctx = api_require(request, "members.manage")
    application = get_in_union_or_404(JoinApplication, ctx.union, pk=application_id)
    return join_application_decline(actor=request.user, application=application, reason=payload.reason)


@router.post("/join-link", response=JoinLinkOut, url_name="members_join_link")
def join_link_api(request):
    """Publish a new application link (the old one stops working)."""
    from django.urls import reverse

    from unionhome.members.services_join import join_link_renew

    ctx = api_require(request, "members.manage")
    link = join_link_renew(actor=request.user, union=ctx.union)
    return {"token": link.token, "url": request.build_absolute_uri(reverse("members:join_apply", args=[link.token]))}

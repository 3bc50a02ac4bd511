"""JSON API of the year's plan, its mid-year check and year-end summary: every page action through the same
services, permissions and error codes, plus ``/summary`` (``queries.plan_summary``, what the year-end report
reads) and the picker's search."""
from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status

from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.meetings.models import Decision, Goal
from unionhome.members.models import Worker
from unionhome.org.models import UnionGroup
from unionhome.plans import linkable, queries, services
from unionhome.plans.models import Entry, EvidenceLink, Plan, PlanItem, Review

router = Router(tags=[gettext_lazy("工作计划")])


# --- schemas -----------------------------------------------------------------------------------------------------

class ItemOut(Schema):
    id: int
    number: int
    title: str
    area: str
    owner_ids: list[int]
    group_ids: list[int]
    owners: list[str]
    target: str
    figure_key: str
    target_value: int | None
    deadline: dt.date | None
    goal_ids: list[int]


class PlanOut(Schema):
    id: int
    year: int
    status: str
    adopted_on: dt.date | None
    decision_id: int | None
    reviews: list[str]
    items: list[ItemOut]


class ItemIn(CleanTextSchema):
    title: str
    area: str
    owner_ids: list[int] = []
    group_ids: list[int] = []
    target: str = ""
    figure_key: str = ""
    target_value: int | None = None
    deadline: dt.date | None = None


class YearIn(Schema):
    year: int


class AdoptIn(Schema):
    adopted_on: dt.date
    decision_id: int | None = None


class GoalIn(Schema):
    goal_id: int


class ReviewIn(CleanTextSchema):
    checked_on: dt.date
    note: str = ""


class EntryIn(CleanTextSchema):
    status: str
    comment: str = ""
    reason: str = ""


class LinkIn(Schema):
    kind: str
    object_id: int


class LinkOut(Schema):
    id: int
    kind: str
    object_id: int
    kind_label: str
    title: str
    date: dt.date | None
    url: str


class EntryOut(Schema):
    id: int
    item_id: int
    title: str
    status: str
    comment: str
    reason: str
    figure_key: str
    value: float | int | None
    target_value: int | None
    met: bool | None
    links: list[LinkOut]


class ReviewOut(Schema):
    id: int
    kind: str
    checked_on: dt.date
    note: str
    entries: list[EntryOut]


class RecordOut(Schema):
    kind: str
    object_id: int
    title: str
    date: dt.date | None
    url: str


class SummaryRecordOut(Schema):
    kind: str
    kind_label: str
    label: str
    date: dt.date | None
    url: str


class SummaryOut(Schema):
    number: int
    title: str
    area: str
    area_label: str
    owners: list[str]
    target: str
    figure_key: str
    figure_name: str
    target_value: int | None
    value: float | int | None
    met: bool | None
    deadline: dt.date | None
    status: str
    status_label: str
    comment: str
    reason: str
    review: str
    as_of: dt.date
    records: list[SummaryRecordOut]


# --- helpers -----------------------------------------------------------------------------------------------------

def _plan(ctx, plan_id: int) -> Plan:
    return get_in_union_or_404(Plan, ctx.union, pk=plan_id)


def _item(ctx, plan: Plan, item_id: int) -> PlanItem:
    return get_in_union_or_404(PlanItem.objects.filter(plan=plan), ctx.union, pk=item_id)


def _kind(kind: str) -> str:
    if kind not in Review.Kind.values:
        raise Http404
    return kind


def _entry(ctx, entry_id: int) -> Entry:
    return get_in_union_or_404(Entry.objects.select_related("review"), ctx.union, pk=entry_id)


def _item_out(item: PlanItem) -> dict:
    return {"id": item.pk, "number": item.number, "title": item.title, "area": item.area,
            "owner_ids": sorted(w.pk for w in item.owners.all()), "group_ids": sorted(g.pk for g in item.groups.all()),
            "owners": queries.owner_names(item), "target": item.target, "figure_key": item.figure_key,
            "target_value": item.target_value, "deadline": item.deadline,
            "goal_ids": sorted(g.pk for g in item.goals.all())}


def _plan_out(plan: Plan) -> dict:
    return {"id": plan.pk, "year": plan.year, "status": plan.status, "adopted_on": plan.adopted_on,
            "decision_id": plan.decision_id, "reviews": sorted(queries.reviews_of(plan)),
            "items": [_item_out(i) for i in queries.items_of(plan)]}


def _review_out(review: Review) -> dict:
    return {"id": review.pk, "kind": review.kind, "checked_on": review.checked_on, "note": review.note,
            "entries": [{"id": r.entry.pk, "item_id": r.item.pk, "title": r.item.title, "status": r.entry.status,
                         "comment": r.entry.comment, "reason": r.entry.reason, "figure_key": r.item.figure_key,
                         "value": r.value, "target_value": r.item.target_value, "met": r.met,
                         "links": [{"id": v.link.pk, "kind": v.link.kind, "object_id": v.link.object_id,
                                    "kind_label": v.kind_label, "title": v.title, "date": v.date, "url": v.url}
                                   for v in r.links]}
                        for r in queries.review_view(review)]}


def _item_args(ctx, payload: ItemIn) -> dict:
    owners = [get_in_union_or_404(Worker, ctx.union, pk=pk) for pk in payload.owner_ids]
    groups = [get_in_union_or_404(UnionGroup, ctx.union, pk=pk) for pk in payload.group_ids]
    return {"title": payload.title, "area": payload.area, "owners": owners, "groups": groups,
            "target": payload.target, "figure_key": payload.figure_key, "target_value": payload.target_value,
            "deadline": payload.deadline}


# --- the plan ----------------------------------------------------------------------------------------------------

@router.get("", response=PlanOut, url_name="plans_plan")
def plan_detail(request, year: int):
    ctx = api_require(request, "plans.view")
    return _plan_out(get_in_union_or_404(Plan, ctx.union, year=year))


@router.post("", response={201: PlanOut}, url_name="plans_create")
def plan_create(request, payload: YearIn):
    ctx = api_require(request, "plans.manage")
    return Status(201, _plan_out(services.plan_create(actor=request.user, union=ctx.union, year=payload.year)))


@router.post("/copy", response={201: PlanOut}, url_name="plans_copy")
def plan_copy(request, payload: YearIn):
    """Last year's items into this year's draft plan (deadlines a year on, owners still on the committee)."""
    ctx = api_require(request, "plans.manage")
    return Status(201, _plan_out(services.plan_copy(actor=request.user, union=ctx.union, year=payload.year)))


@router.get("/summary", response=list[SummaryOut], url_name="plans_summary")
def plan_summary(request, year: int, as_of: dt.date | None = None):
    """Per item: target, the figure computed as of ``as_of``, status, comment and the linked records."""
    ctx = api_require(request, "plans.view")
    return queries.plan_summary(union=ctx.union, year=year, as_of=as_of)


@router.post("/{int:plan_id}/items", response={201: ItemOut}, url_name="plans_item_add")
def item_add(request, plan_id: int, payload: ItemIn):
    ctx = api_require(request, "plans.manage")
    item = services.item_add(actor=request.user, plan=_plan(ctx, plan_id), **_item_args(ctx, payload))
    return Status(201, _item_out(item))


@router.put("/{int:plan_id}/items/{int:item_id}", response=ItemOut, url_name="plans_item_update")
def item_update(request, plan_id: int, item_id: int, payload: ItemIn):
    ctx = api_require(request, "plans.manage")
    item = _item(ctx, _plan(ctx, plan_id), item_id)
    return _item_out(services.item_update(actor=request.user, item=item, **_item_args(ctx, payload)))


@router.post("/{int:plan_id}/adopt", response=PlanOut, url_name="plans_adopt")
def plan_adopt(request, plan_id: int, payload: AdoptIn):
    ctx = api_require(request, "plans.manage")
    decision = (None if payload.decision_id is None
                else get_in_union_or_404(Decision.objects.select_related("item__meeting"), ctx.union,
                                         pk=payload.decision_id))
    plan = services.plan_adopt(actor=request.user, plan=_plan(ctx, plan_id), adopted_on=payload.adopted_on,
                               decision=decision)
    return _plan_out(plan)


@router.post("/{int:plan_id}/items/{int:item_id}/goals", response=ItemOut, url_name="plans_goal_link")
def goal_link(request, plan_id: int, item_id: int, payload: GoalIn):
    ctx = api_require(request, "plans.manage")
    item = _item(ctx, _plan(ctx, plan_id), item_id)
    goal = get_in_union_or_404(Goal, ctx.union, pk=payload.goal_id)
    return _item_out(services.goal_link(actor=request.user, item=item, goal=goal))


# --- the mid-year check and the year-end summary ------------------------------------------------------------------

@router.get("/{int:plan_id}/reviews/{kind}", response=ReviewOut, url_name="plans_review")
def review_detail(request, plan_id: int, kind: str):
    ctx = api_require(request, "plans.view")
    review = get_in_union_or_404(Review, ctx.union, plan_id=plan_id, kind=_kind(kind))
    return _review_out(review)


@router.post("/{int:plan_id}/reviews/{kind}", response={201: ReviewOut}, url_name="plans_review_start")
def review_start(request, plan_id: int, kind: str, payload: ReviewIn):
    ctx = api_require(request, "plans.manage")
    review = services.review_start(actor=request.user, plan=_plan(ctx, plan_id), kind=_kind(kind),
                                   checked_on=payload.checked_on, note=payload.note)
    return Status(201, _review_out(review))


@router.put("/entries/{int:entry_id}", response=ReviewOut, url_name="plans_entry")
def entry_set(request, entry_id: int, payload: EntryIn):
    ctx = api_require(request, "plans.manage")
    entry = services.entry_set(actor=request.user, entry=_entry(ctx, entry_id), status=payload.status,
                               comment=payload.comment, reason=payload.reason)
    return _review_out(entry.review)


@router.get("/entries/{int:entry_id}/records", response=list[RecordOut], url_name="plans_records")
def record_search(request, entry_id: int, record_kind: str, q: str = "", start: dt.date | None = None,
                  end: dt.date | None = None):
    """The picker: the union's records of ``record_kind`` by title and dates (at most 50, newest first)."""
    ctx = api_require(request, "plans.manage")
    _entry(ctx, entry_id)
    spec = linkable.get(record_kind)
    if spec is None:
        raise Http404
    return [{"kind": spec.key, "object_id": r.pk, "title": str(spec.title(r)), "date": spec.date_of(r),
             "url": spec.url(r)} for r in spec.search(ctx.union, q=q[:60], start=start, end=end)]


@router.post("/entries/{int:entry_id}/links", response={201: ReviewOut}, url_name="plans_link_add")
def link_add(request, entry_id: int, payload: LinkIn):
    ctx = api_require(request, "plans.manage")
    entry = _entry(ctx, entry_id)
    services.link_add(actor=request.user, entry=entry, kind=payload.kind, object_id=payload.object_id)
    return Status(201, _review_out(entry.review))


@router.delete("/links/{int:link_id}", response=ReviewOut, url_name="plans_link_remove")
def link_remove(request, link_id: int):
    ctx = api_require(request, "plans.manage")
    link = get_in_union_or_404(EvidenceLink.objects.select_related("entry__review"), ctx.union, pk=link_id)
    review = link.entry.review
    services.link_remove(actor=request.user, link=link)
    return _review_out(review)

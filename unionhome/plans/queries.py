"""Reads of the plan: the plan page, a check with each item's figure and evidence, the year-end report's
``plan_summary``, and the dashboard's warnings."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.core import figures as figure_registry
from unionhome.core.figures import When
from unionhome.core.rules import rule_value
from unionhome.meetings.models import Goal
from unionhome.plans import linkable
from unionhome.plans.models import Entry, EvidenceLink, Plan, PlanItem, Review


def plan_for(union, year: int) -> Plan | None:
    return Plan.objects.filter(union=union, year=year).select_related("decision__item__meeting").first()


def plan_exists(union, year: int) -> bool:
    return Plan.objects.filter(union=union, year=year).exists()


def review_of(plan: Plan, kind: str) -> Review | None:
    return plan.reviews.filter(kind=kind).first()


def items_of(plan: Plan) -> list[PlanItem]:
    return list(plan.items.prefetch_related("owners", "groups", "goals__worker").order_by("number"))


def reviews_of(plan: Plan) -> dict[str, Review]:
    return {r.kind: r for r in plan.reviews.all()}


def when_as_of(year: int, as_of: dt.date) -> When:
    """The plan's year read on ``as_of``: records dated from 1 January up to that day."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    day = min(max(as_of, start), end)
    return When(year=year, start=start, end=day, as_of=day)


def figure_value(union, item: PlanItem, as_of: dt.date):
    """The item's registered figure for its plan's year as it stood on ``as_of`` (None: no figure named)."""
    figure = figure_registry.get(item.figure_key) if item.figure_key else None
    if figure is None:
        return None
    return figure_registry.compute(figure, union, when_as_of(item.plan.year, as_of), with_parts=False).value


def target_met(item: PlanItem, value) -> bool | None:
    if value is None or item.target_value is None:
        return None
    return value >= item.target_value


@dataclass
class LinkView:
    link: EvidenceLink
    kind_label: str
    title: str
    date: dt.date | None
    url: str


@dataclass
class EntryView:
    entry: Entry
    item: PlanItem
    figure_name: str
    value: object
    met: bool | None
    links: list[LinkView] = field(default_factory=list)


def _link_views(union, links) -> dict[int, list[LinkView]]:
    records = linkable.resolve_many(union, links)
    out: dict[int, list[LinkView]] = {}
    for link in links:
        kind = linkable.get(link.kind)
        record = records.get((link.kind, link.object_id))
        if kind is None or record is None:
            view = LinkView(link, link.kind, _("（记录已不存在）"), None, "")
        else:
            view = LinkView(link, str(kind.label), str(kind.title(record)), kind.date_of(record), kind.url(record))
        out.setdefault(link.entry_id, []).append(view)
    return out


def review_view(review: Review) -> list[EntryView]:
    """Each item at the check: its status and comment, its figure as of the check date, its evidence."""
    union = review.union
    entries = list(review.entries.select_related("item__plan")
                   .prefetch_related("item__owners", "item__groups").order_by("item__number"))
    links = list(EvidenceLink.objects.filter(entry__review=review).order_by("id"))
    by_entry = _link_views(union, links)
    out = []
    for e in entries:
        figure = figure_registry.get(e.item.figure_key) if e.item.figure_key else None
        value = figure_value(union, e.item, review.checked_on)
        out.append(EntryView(e, e.item, str(figure.name) if figure else "", value, target_met(e.item, value),
                             by_entry.get(e.pk, [])))
    return out


def owner_names(item: PlanItem) -> list[str]:
    return [w.name for w in item.owners.all()] + [g.name for g in item.groups.all()]


def latest_review(plan: Plan, *, as_of: dt.date | None = None) -> Review | None:
    qs = plan.reviews.order_by("-checked_on", "-id")
    if as_of is not None:
        qs = qs.filter(checked_on__lte=as_of)
    return qs.first()


def plan_summary(*, union, year: int, as_of: dt.date | None = None) -> list[dict]:
    """For the year-end report: per item, its title, area, owners (names), target, the figure computed from the
    registry as of ``as_of`` (default: the latest check's date, else today within the year), its status and
    comment at the latest check on or before ``as_of``, and the linked records (label, date, url)."""
    plan = plan_for(union, year)
    if plan is None:
        return []
    review = latest_review(plan, as_of=as_of)
    day = as_of or (review.checked_on if review else min(timezone.localdate(), dt.date(year, 12, 31)))
    entries = {e.item_id: e for e in review.entries.all()} if review else {}
    links = list(EvidenceLink.objects.filter(entry__review=review).order_by("id")) if review else []
    by_entry = _link_views(union, links)
    out = []
    for item in items_of(plan):
        figure = figure_registry.get(item.figure_key) if item.figure_key else None
        value = figure_value(union, item, day)
        entry = entries.get(item.pk)
        out.append({
            "number": item.number, "title": item.title, "area": item.area, "area_label": item.get_area_display(),
            "owners": owner_names(item), "target": item.target, "figure_key": item.figure_key,
            "figure_name": str(figure.name) if figure else "", "target_value": item.target_value,
            "value": value, "met": target_met(item, value), "deadline": item.deadline,
            "status": entry.status if entry else Entry.Status.PENDING,
            "status_label": (entry.get_status_display() if entry else Entry.Status.PENDING.label),
            "comment": entry.comment if entry else "", "reason": entry.reason if entry else "",
            "review": review.kind if review else "", "as_of": day,
            "records": [{"kind": v.link.kind, "label": v.title, "kind_label": v.kind_label, "date": v.date,
                         "url": v.url} for v in (by_entry.get(entry.pk, []) if entry else [])],
        })
    return out


def goals_open(union, year: int) -> list[Goal]:
    """The year's committee members' goals, for linking to an item."""
    return list(Goal.objects.for_union(union).filter(year=year).select_related("worker").order_by("worker__name", "id"))


@dataclass
class YearWarning:
    level: str
    code: str
    message: str
    year: int


def year_warnings(union, *, today: dt.date | None = None) -> list[YearWarning]:
    """Items past their deadline and not done (nor dropped) at the latest check; no mid-year check by the
    configured month (``plans.midyear_check_by_month``)."""
    today = today or timezone.localdate()
    plan = Plan.objects.filter(union=union, year=today.year, status=Plan.Status.ADOPTED).first()
    if plan is None:
        return []
    out: list[YearWarning] = []
    month = int(rule_value("plans.midyear_check_by_month", union=union, on=today))
    if today.month >= month and not plan.reviews.filter(kind=Review.Kind.MIDYEAR).exists():
        out.append(YearWarning("danger" if today.month > month else "warning", "plan_midyear_missing",
                               _("%(year)s年工作计划尚未进行年中检查（应于%(month)s月底前完成）")
                               % {"year": today.year, "month": month}, today.year))
    review = latest_review(plan)
    closed = set(review.entries.filter(status__in=[Entry.Status.DONE, Entry.Status.DROPPED])
                 .values_list("item_id", flat=True)) if review else set()
    late = [i for i in plan.items.filter(deadline__lt=today).order_by("number") if i.pk not in closed]
    if late:
        out.append(YearWarning("warning", "plan_items_overdue",
                               _("%(n)s项计划事项已过完成期限尚未完成：%(titles)s")
                               % {"n": len(late), "titles": _("、").join(i.title for i in late[:3])}, today.year))
    return out

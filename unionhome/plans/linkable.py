"""The records a plan item may cite as evidence: an allow-list of kinds, each saying how to find the union's
records of that kind in a period, how to search them, and how to date, name and open one.

A link row stores only (kind, id); it is written only after ``resolve`` has found the record among the plan's
union's records of that kind, so a record of another union, or of a kind not listed here, can never be linked.
The labels never name a person (a care visit is shown by its kind and date), since the plan and its summary are
read by the whole committee and the year-end report; so an evaluation is cited by its round (decided or later),
and an honour only when it is a group's (优秀工会小组), never a person's. plans sits above awards
(docs/architecture.md, "Layers")."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.activities.models import Activity
from unionhome.awards.models import Award, Round
from unionhome.care.models import BloodDrive, CareVisit, HealthCheckCampaign, WarmthCampaign
from unionhome.competitions.models import Competition
from unionhome.disclosures.models import DisclosureItem, Inspection
from unionhome.elections.models import Election
from unionhome.meetings.models import Decision, Meeting
from unionhome.study.models import StudySession
from unionhome.suggestions.models import Suggestion


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    model: type
    date_field: str  # a DateField path, or a DateTimeField (``datetime=True``)
    search_fields: tuple[str, ...]
    title: Callable  # record -> text
    url: Callable  # record -> url
    datetime: bool = False
    base: Callable | None = None  # (qs) -> qs: only the records that count as done (held, published…)
    related: tuple[str, ...] = ()

    def records(self, union) -> QuerySet:
        qs = self.model.objects.filter(union=union)
        if self.related:
            qs = qs.select_related(*self.related)
        return self.base(qs) if self.base else qs

    def date_of(self, record) -> dt.date | None:
        value = record
        for part in self.date_field.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return timezone.localdate(value) if isinstance(value, dt.datetime) else value

    def search(self, union, *, q: str = "", start: dt.date | None = None, end: dt.date | None = None,
               limit: int = 50) -> list:
        qs = self.records(union)
        lookup = f"{self.date_field}__date" if self.datetime else self.date_field
        if start:
            qs = qs.filter(**{f"{lookup}__gte": start})
        if end:
            qs = qs.filter(**{f"{lookup}__lte": end})
        if q:
            cond = Q()
            for f in self.search_fields:
                cond |= Q(**{f"{f}__icontains": q})
            qs = qs.filter(cond)
        return list(qs.order_by(f"-{self.date_field}", "-pk")[:limit])


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    _KINDS[kind.key] = kind
    return kind


def kinds() -> list[Kind]:
    return list(_KINDS.values())


def get(key: str) -> Kind | None:
    return _KINDS.get(key)


def resolve(union, key: str, object_id) -> object | None:
    """The record of ``key`` with ``object_id`` among ``union``'s records, or None (unknown kind, missing, or
    another union's: the caller refuses all three alike)."""
    kind = _KINDS.get(key)
    if kind is None:
        return None
    try:
        return kind.records(union).filter(pk=int(object_id)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def resolve_many(union, links) -> dict[tuple[str, int], object]:
    """Each link's record in one query per kind: {(kind, id): record}."""
    wanted: dict[str, set[int]] = {}
    for link in links:
        wanted.setdefault(link.kind, set()).add(link.object_id)
    out = {}
    for key, ids in wanted.items():
        kind = _KINDS.get(key)
        if kind is None:
            continue
        for record in kind.records(union).filter(pk__in=ids):
            out[(key, record.pk)] = record
    return out


def _url(name: str) -> Callable:
    return lambda r: reverse(name, args=[r.pk])


def _pair(a, b) -> str:
    return gettext("%(a)s：%(b)s") % {"a": a, "b": b}


def _held_meetings(qs):
    return qs.filter(status__in=["held", "closed"])


register(Kind("meetings.meeting", _("会议"), Meeting, "held_on", ("title",),
              lambda r: _pair(r.get_kind_display(), r.title), _url("meetings:detail"), base=_held_meetings))
register(Kind("meetings.decision", _("会议决定"), Decision, "item__meeting__held_on",
              ("text", "item__meeting__title"), lambda r: _pair(r.item.meeting.title, r.text[:60]),
              lambda r: reverse("meetings:detail", args=[r.item.meeting_id]) + f"#item-{r.item_id}",
              base=lambda qs: qs.filter(outcome="adopted"), related=("item__meeting",)))
register(Kind("activities.activity", _("活动"), Activity, "starts_at", ("title", "place"),
              lambda r: r.title, _url("activities:detail"), datetime=True,
              base=lambda qs: qs.exclude(status="cancelled")))
register(Kind("care.visit", _("慰问"), CareVisit, "visited_on", ("gift",),
              lambda r: gettext("%(kind)s慰问") % {"kind": r.get_kind_display()}, _url("care:visit_detail")))
register(Kind("care.warmth", _("送温暖活动"), WarmthCampaign, "created_at", ("name",),
              lambda r: r.name, _url("care:warmth_detail"), datetime=True))
register(Kind("care.health", _("女职工健康检查"), HealthCheckCampaign, "created_at", ("name", "clinic"),
              lambda r: r.name, _url("care:health_detail"), datetime=True))
register(Kind("care.blood", _("义务献血"), BloodDrive, "held_on", ("name", "place"),
              lambda r: r.name, lambda r: reverse("care:blood_detail", args=[r.pk])))
register(Kind("elections.election", _("选举"), Election, "held_on", ("title",),
              lambda r: r.title, _url("elections:detail"), base=lambda qs: qs.filter(parent__isnull=True)))
register(Kind("competitions.competition", _("比赛"), Competition, "held_on", ("title", "place"),
              lambda r: r.title, _url("competitions:detail")))
register(Kind("suggestions.suggestion", _("合理化建议"), Suggestion, "created_at", ("title",),
              lambda r: f"{r.code} {r.title}", _url("suggestions:detail"), datetime=True))
register(Kind("disclosures.item", _("公开事项"), DisclosureItem, "published_on", ("title",),
              lambda r: r.title, _url("disclosures:item")))
register(Kind("disclosures.inspection", _("公开检查"), Inspection, "held_on", ("summary",),
              lambda r: str(r), _url("disclosures:inspection"), base=lambda qs: qs.filter(status="done")))
register(Kind("study.session", _("小组学习"), StudySession, "held_on", ("topic", "place"),
              lambda r: r.topic, _url("study:session")))


_DECIDED_ROUNDS = ("decided", "published", "final")

register(Kind("awards.round", _("年终评选"), Round, "meeting_on", ("title", "meeting_ref"),
              lambda r: r.title, _url("awards:round"), base=lambda qs: qs.filter(status__in=_DECIDED_ROUNDS)))
register(Kind("awards.group_honour", _("集体荣誉"), Award, "round__meeting_on", ("group__name", "kind__name"),
              lambda r: _pair(r.kind.name, r.group.name), lambda r: reverse("awards:round", args=[r.round_id]),
              base=lambda qs: qs.filter(worker__isnull=True, withdrawn=False, round__status__in=_DECIDED_ROUNDS),
              related=("kind", "group", "round")))

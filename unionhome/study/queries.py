"""Reads of the study app: who sees which sessions, the rates, the warnings, the training gaps, the quiz.

The two rates are defined once each (``ATTENDANCE`` and ``REFLECTION`` below) and counted per member, per group
and for the union by the same expressions:
- attendance rate = marks "present" ÷ marks recorded (present + leave + absent) in recorded sessions;
- reflection rate = reflections accepted ÷ sessions attended (present).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from unionhome.committees.models import Position, Term
from unionhome.org.models import UnionGroup
from unionhome.study.models import Attendance, Quiz, Reflection, StudySession, TrainingRecord

_PRESENT = Q(mark=Attendance.Mark.PRESENT)
ATTENDANCE = {"marked": Count("id"), "present": Count("id", filter=_PRESENT),
              "leave": Count("id", filter=Q(mark=Attendance.Mark.LEAVE))}


def rate(part: int, whole: int) -> float | None:
    """A share in percent with one decimal; None when nothing was counted."""
    return round(100 * part / whole, 1) if whole else None


def session_scope(ctx) -> QuerySet[StudySession]:
    """Officers see every group's sessions; a group leader the groups they lead and their own; a member their own
    group's."""
    qs = StudySession.objects.filter(union=ctx.union).select_related("group")
    if ctx.has("study.manage"):
        return qs
    groups = set(ctx.group_ids)
    if ctx.worker_id:
        from unionhome.members.models import Worker

        own = Worker.objects.filter(pk=ctx.worker_id, union=ctx.union).values_list("group_id", flat=True).first()
        if own:
            groups.add(own)
    return qs.filter(group_id__in=groups)


def stats_groups(ctx) -> QuerySet[UnionGroup]:
    qs = UnionGroup.objects.filter(union=ctx.union)
    return qs if ctx.has("study.manage") or not ctx.group_ids else qs.filter(pk__in=ctx.group_ids)


def _attendance(union, year: int) -> QuerySet[Attendance]:
    return Attendance.objects.filter(union=union, session__held_on__year=year,
                                     session__status=StudySession.Status.RECORDED)


def _accepted(union, year: int) -> QuerySet[Reflection]:
    return Reflection.objects.filter(union=union, session__held_on__year=year, status=Reflection.Status.ACCEPTED)


def _with_rates(row: dict, accepted: int) -> dict:
    row = dict(row)
    row["accepted"] = accepted
    row["attendance_rate"] = rate(row["present"], row["marked"])
    row["reflection_rate"] = rate(accepted, row["present"])
    return row


def _figures(union, year: int, kind: str | None = None) -> dict:
    """The counts behind the rates, read from the figures registry (``study/figures.py``): for the union, or
    ``{group id: count}`` per group (``kind="group"``)."""
    from unionhome.core import figures as registry
    from unionhome.core.figures import When

    when = When.for_year(year)
    keys = {"sessions": "study.sessions", "marked": "study.attendance_marked", "present": "study.attendance_present",
            "accepted": "study.reflections"}
    if kind is None:
        return {k: registry.compute(registry.get(key), union, when, with_parts=False).count for k, key in keys.items()}
    return {k: registry.scope_values(registry.get(key), union, when, kind) for k, key in keys.items()}


def rates_of_union(union, year: int) -> dict:
    counts = _figures(union, year)
    leave = _attendance(union, year).filter(mark=Attendance.Mark.LEAVE).count()
    return _with_rates({"marked": counts["marked"], "present": counts["present"], "leave": leave}, counts["accepted"])


def rates_by_group(union, year: int, groups=None) -> list[dict]:
    groups = list(groups if groups is not None else UnionGroup.objects.filter(union=union))
    by = _figures(union, year, "group")
    leave = dict(_attendance(union, year).filter(mark=Attendance.Mark.LEAVE).values_list("session__group_id")
                 .annotate(n=Count("id")))
    return [{"group": g, "sessions": by["sessions"].get(g.pk, 0),
             **_with_rates({"marked": by["marked"].get(g.pk, 0), "present": by["present"].get(g.pk, 0),
                            "leave": leave.get(g.pk, 0)}, by["accepted"].get(g.pk, 0))} for g in groups]


def rates_by_member(union, year: int, group) -> list[dict]:
    from unionhome.study.services import group_members

    att = {r["worker_id"]: r for r in _attendance(union, year).filter(session__group=group)
           .values("worker_id").annotate(**ATTENDANCE)}
    acc = dict(_accepted(union, year).filter(session__group=group).values_list("worker_id").annotate(n=Count("id")))
    empty = {"marked": 0, "present": 0, "leave": 0}
    return [{"worker": w, **_with_rates({k: att.get(w.pk, empty)[k] for k in empty}, acc.get(w.pk, 0))}
            for w in group_members(group)]


def rates_of_member(worker, year: int) -> dict:
    att = _attendance(worker.union, year).filter(worker=worker).aggregate(**ATTENDANCE)
    return _with_rates(att, _accepted(worker.union, year).filter(worker=worker).count())


@dataclass
class QuietGroup:
    group: UnionGroup
    last: dt.date | None


def groups_without_session(union, *, days: int, today: dt.date | None = None) -> list[QuietGroup]:
    """Groups with no session recorded within the last ``days`` days (study.no_session_warning_days)."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=days)
    last = dict(StudySession.objects.filter(union=union, status=StudySession.Status.RECORDED, held_on__lte=today)
                .values_list("group_id").annotate(last=Max("held_on")))
    return [QuietGroup(g, last.get(g.pk)) for g in UnionGroup.objects.filter(union=union)
            if last.get(g.pk) is None or last[g.pk] <= since]


def officers_untrained(union, *, today: dt.date | None = None) -> list[Position]:
    """Officers holding a position in a current term with no training record from that term's start on."""
    today = today or timezone.localdate()
    positions = list(Position.objects.filter(union=union, ended_on__isnull=True)
                     .exclude(term__status=Term.Status.ENDED)
                     .select_related("worker", "term__committee").order_by("term__committee__kind", "title", "id"))
    trained = {}
    for worker_id, day in TrainingRecord.objects.filter(union=union).values_list("worker_id", "training__starts_on"):
        trained.setdefault(worker_id, []).append(day)
    return [p for p in positions if not any(p.term.starts_on <= d <= today for d in trained.get(p.worker_id, []))]


def training_of(worker) -> QuerySet[TrainingRecord]:
    return TrainingRecord.objects.filter(worker=worker).select_related("training").order_by("-training__starts_on")


def answers_visible(quiz: Quiz, now=None) -> bool:
    """The right answers (and so the scores) are shown to nobody before the deadline."""
    return (now or timezone.now()) >= quiz.deadline


def reflections_to_review(sessions: QuerySet[StudySession]) -> QuerySet[Reflection]:
    return (Reflection.objects.filter(session__in=sessions, status=Reflection.Status.SUBMITTED)
            .select_related("worker", "session__group").order_by("created_at"))

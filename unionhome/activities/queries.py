"""Reads: activity lists, sign-up lists, a member's history and the participation figures."""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from unionhome.activities.models import Activity, Signup
from unionhome.funds.queries_dues import participation_source


# Taking part in an activity is organisational life: the six-month review (funds, rule 22) must see it. funds
# cannot import activities, so activities registers this read with it (loaded at start-up through panels).
@participation_source
def attendance_last(union, *, since: dt.date, until: dt.date) -> dict[int, dt.date]:
    """Each member's last day at an activity held between ``since`` and ``until``: a place taken (signed up and
    accepted, or an accepted invitation) at an activity that has started, checked in or not."""
    rows = (Signup.objects.filter(union=union, status="accepted", activity__starts_at__date__gte=since,
                                  activity__starts_at__date__lte=until)
            .values("worker_id").annotate(last=Max("activity__starts_at")))
    return {r["worker_id"]: timezone.localtime(r["last"]).date() for r in rows}


def activity_list(union, *, year: int | None = None, kind: str = "", upcoming: bool = False) -> QuerySet[Activity]:
    qs = Activity.objects.filter(union=union)
    if year:
        qs = qs.filter(starts_at__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if upcoming:
        qs = qs.filter(ends_at__gte=timezone.now()).exclude(status=Activity.Status.CANCELLED).order_by("starts_at")
    return qs


def signup_accepted(activity: Activity) -> QuerySet[Signup]:
    """Who takes part: the accepted sign-ups in sign-up order (competitions build entries from these)."""
    return (Signup.objects.filter(activity=activity, status=Signup.Status.ACCEPTED)
            .select_related("worker", "group").order_by("created_at", "id"))


def signup_waitlist(activity: Activity) -> QuerySet[Signup]:
    return (Signup.objects.filter(activity=activity, status=Signup.Status.WAITLISTED)
            .select_related("worker", "group").order_by("created_at", "id"))


def signup_live_for(activity: Activity, worker_id: int | None) -> Signup | None:
    if not worker_id:
        return None
    return (Signup.objects.filter(activity=activity, worker_id=worker_id)
            .exclude(status=Signup.Status.CANCELLED).first())


def member_history(union, worker_id: int) -> QuerySet[Signup]:
    """A member's own sign-ups, newest activity first."""
    return (Signup.objects.filter(union=union, worker_id=worker_id).select_related("activity")
            .order_by("-activity__starts_at", "-id"))


def waitlist_position(signup: Signup) -> int | None:
    if signup.status != Signup.Status.WAITLISTED:
        return None
    return Signup.objects.filter(activity_id=signup.activity_id, status=Signup.Status.WAITLISTED).filter(
        Q(created_at__lt=signup.created_at) | Q(created_at=signup.created_at, id__lt=signup.id)).count() + 1


_TAKING_PART = Q(signups__status=Signup.Status.ACCEPTED)


def stats_by_activity(union, year: int) -> QuerySet[Activity]:
    return (Activity.objects.filter(union=union, starts_at__year=year)
            .annotate(n_accepted=Count("signups", filter=_TAKING_PART),
                      n_checked_in=Count("signups", filter=_TAKING_PART & Q(signups__checked_in_at__isnull=False)),
                      n_waitlisted=Count("signups", filter=Q(signups__status=Signup.Status.WAITLISTED)))
            .order_by("starts_at", "id"))


def _accepted_in_year(union, year: int) -> QuerySet[Signup]:
    return Signup.objects.filter(union=union, status=Signup.Status.ACCEPTED, activity__starts_at__year=year)


def stats_by_group(union, year: int) -> list[dict]:
    rows = (_accepted_in_year(union, year).values("group_id", "group__name")
            .annotate(signups=Count("id"), people=Count("worker_id", distinct=True),
                      checked_in=Count("id", filter=Q(checked_in_at__isnull=False)))
            .order_by("group__name"))
    return [{"group": r["group__name"] or "（未分组）", **{k: r[k] for k in ("signups", "people", "checked_in")}}
            for r in rows]


def stats_by_member(union, year: int) -> list[dict]:
    rows = (_accepted_in_year(union, year).values("worker_id", "worker__name", "group__name")
            .annotate(activities=Count("activity_id", distinct=True),
                      checked_in=Count("id", filter=Q(checked_in_at__isnull=False)))
            .order_by("-activities", "worker__name_pinyin"))
    return [{"worker_id": r["worker_id"], "name": r["worker__name"], "group": r["group__name"] or "",
             "activities": r["activities"], "checked_in": r["checked_in"]} for r in rows]


def stats_year(union, year: int) -> dict:
    accepted = _accepted_in_year(union, year)
    return {
        "year": year,
        "activities": Activity.objects.filter(union=union, starts_at__year=year)
        .exclude(status=Activity.Status.CANCELLED).count(),
        "signups": accepted.count(),
        "people": accepted.values("worker_id").distinct().count(),
        "checked_in": accepted.filter(checked_in_at__isnull=False).count(),
    }


def years_with_activities(union) -> list[int]:
    years = {d.year for d in Activity.objects.filter(union=union).dates("starts_at", "year")}
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)

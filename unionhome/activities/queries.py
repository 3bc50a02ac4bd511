"""Reads: activity lists, sign-up lists, a member's history and the participation figures."""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.activities.models import Activity, Signup
from unionhome.funds.queries import vouchers_for
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


def upcoming_for_members(union) -> list[Activity]:
    """The members' list: what is coming, a series shown once by its next occurrence."""
    seen: set[int] = set()
    rows = []
    for a in activity_list(union, upcoming=True).select_related("series"):
        if a.series_id:
            if a.series_id in seen:
                continue
            seen.add(a.series_id)
        rows.append(a)
    return rows


def upcoming_count(union) -> int:
    """How many things are coming up, a series counted once (the dashboard card)."""
    qs = activity_list(union, upcoming=True)
    return (qs.filter(series__isnull=True).count()
            + qs.filter(series__isnull=False).values("series_id").distinct().count())


def series_occurrences_of(series) -> QuerySet[Activity]:
    return Activity.objects.filter(series=series).order_by("starts_at", "id")


def series_occurrences(activity: Activity) -> QuerySet[Activity]:
    """All occurrences of the activity's series, in order (empty for a single activity)."""
    if not activity.series_id:
        return Activity.objects.none()
    return Activity.objects.filter(series_id=activity.series_id).order_by("starts_at", "id")


def signup_accepted(activity: Activity) -> QuerySet[Signup]:
    """Who takes part: the accepted sign-ups in sign-up order (competitions build entries from these)."""
    return (Signup.objects.filter(activity=activity, status=Signup.Status.ACCEPTED)
            .select_related("worker", "group").order_by("created_at", "id"))


def signup_of_groups(activity: Activity, group_ids) -> QuerySet[Signup]:
    """The live sign-ups of the members now in these groups (a group leader's view of their group)."""
    return (Signup.objects.filter(activity=activity, worker__group_id__in=list(group_ids))
            .exclude(status=Signup.Status.CANCELLED).select_related("worker", "group")
            .order_by("status", "created_at", "id"))


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


def stats_by_activity(union, year: int) -> list[dict]:
    """One row per activity, and one per series (its occurrences of the year added up; ``sessions``
    counts those held, cancelled ones left out). Each row: pk (the first occurrence), title, kind,
    starts_at (the first), series (True/False), sessions, accepted, checked_in, waitlisted."""
    qs = (Activity.objects.filter(union=union, starts_at__year=year)
          .annotate(n_accepted=Count("signups", filter=_TAKING_PART),
                    n_checked_in=Count("signups", filter=_TAKING_PART & Q(signups__checked_in_at__isnull=False)),
                    n_waitlisted=Count("signups", filter=Q(signups__status=Signup.Status.WAITLISTED)))
          .order_by("starts_at", "id"))
    rows: list[dict] = []
    by_series: dict[int, dict] = {}
    for a in qs:
        row = by_series.get(a.series_id) if a.series_id else None
        if row is None:
            row = {"pk": a.pk, "title": a.title, "kind": a.kind, "kind_display": a.get_kind_display(),
                   "starts_at": a.starts_at, "series": bool(a.series_id), "sessions": 0, "accepted": 0,
                   "checked_in": 0, "waitlisted": 0}
            rows.append(row)
            if a.series_id:
                by_series[a.series_id] = row
        row["sessions"] += a.status != Activity.Status.CANCELLED
        row["accepted"] += a.n_accepted
        row["checked_in"] += a.n_checked_in
        row["waitlisted"] += a.n_waitlisted
    return rows


def _accepted_in_year(union, year: int) -> QuerySet[Signup]:
    return Signup.objects.filter(union=union, status=Signup.Status.ACCEPTED, activity__starts_at__year=year)


def stats_by_group(union, year: int) -> list[dict]:
    rows = (_accepted_in_year(union, year).values("group_id", "group__name")
            .annotate(signups=Count("id"), people=Count("worker_id", distinct=True),
                      checked_in=Count("id", filter=Q(checked_in_at__isnull=False)))
            .order_by("group__name"))
    return [{"group": r["group__name"] or _("（未分组）"), **{k: r[k] for k in ("signups", "people", "checked_in")}}
            for r in rows]


def stats_by_member(union, year: int) -> list[dict]:
    """Per member: activities taken part in (a series counts once), sessions (each occurrence), check-ins."""
    rows = (_accepted_in_year(union, year).values("worker_id", "worker__name", "group__name")
            .annotate(singles=Count("activity_id", distinct=True, filter=Q(activity__series__isnull=True)),
                      series=Count("activity__series_id", distinct=True),
                      sessions=Count("id"),
                      checked_in=Count("id", filter=Q(checked_in_at__isnull=False)))
            .order_by("-sessions", "worker__name_pinyin"))
    return [{"worker_id": r["worker_id"], "name": r["worker__name"], "group": r["group__name"] or "",
             "activities": r["singles"] + r["series"], "sessions": r["sessions"], "checked_in": r["checked_in"]}
            for r in rows]


def stats_year(union, year: int) -> dict:
    accepted = _accepted_in_year(union, year)
    held = Activity.objects.filter(union=union, starts_at__year=year).exclude(status=Activity.Status.CANCELLED)
    return {
        "year": year,
        # a series counts once; its occurrences count in "sessions"
        "activities": held.filter(series__isnull=True).count()
        + held.filter(series__isnull=False).values("series_id").distinct().count(),
        "sessions": held.count(),
        "signups": accepted.count(),
        "people": accepted.values("worker_id").distinct().count(),
        "checked_in": accepted.filter(checked_in_at__isnull=False).count(),
    }


def years_with_activities(union) -> list[int]:
    years = {d.year for d in Activity.objects.filter(union=union).dates("starts_at", "year")}
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def costs_with_vouchers(activity) -> list:
    """The activity's costs, each with ``voucher``: the ledger voucher that booked it (one query for all)."""
    costs = list(activity.costs.all())
    vouchers = vouchers_for(costs)
    for cost in costs:
        cost.voucher = vouchers.get(cost.pk)
    return costs



# What a sign-up reads of the member (``eligibility_problem``, the sign-up row, the audit label): never their
# encrypted fields.
_SIGNUP_WORKER = ("union_id", "name", "gender", "employment_status", "group_id")


def signup_parties(union, activity_id: int, worker_id: int):
    """The activity and the signing member of ``union``, in one statement (the sign-up burst's read:
    ``members.queries.row_with_member``). 404 when either is missing or another union's."""
    from django.http import Http404

    from unionhome.members.queries import row_with_member

    activity, worker = row_with_member(Activity, union, activity_id, worker_id, _SIGNUP_WORKER)
    if worker is None:
        raise Http404
    return activity, worker

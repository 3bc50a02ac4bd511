"""Figures for the dashboard: membership and its breakdowns, and federation aggregates."""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from unionhome.members.choices import AGE_BANDS, Gender, MembershipStatus
from unionhome.members.models import Worker
from unionhome.members.queries import membership_rate, membership_rate_by
from unionhome.org.models import Union


def union_figures(union, *, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    workers = Worker.objects.filter(union=union)
    active = Q(membership__status=MembershipStatus.ACTIVE)
    totals = workers.aggregate(
        workers=Count("id"),
        active=Count("id", filter=active),
        retained=Count("id", filter=Q(membership__status=MembershipStatus.RETAINED)),
        women=Count("id", filter=active & Q(gender=Gender.FEMALE)),
    )
    by_gender = list(workers.filter(active).values("gender").annotate(n=Count("id")).order_by("gender"))
    by_ethnicity = list(workers.filter(active).values("ethnicity").annotate(n=Count("id")).order_by("-n"))
    ages = []
    for key, label, low, high in AGE_BANDS:
        youngest = dt.date(today.year - low, today.month, min(today.day, 28))
        oldest = dt.date(today.year - high - 1, today.month, min(today.day, 28))
        ages.append({"key": key, "label": label,
                     "n": workers.filter(active, birth_date__lte=youngest, birth_date__gt=oldest).count()})
    return {
        "totals": totals,
        "rate": membership_rate(workers),
        "by_unit": membership_rate_by(workers, "unit__name"),
        "by_group": membership_rate_by(workers, "group__name"),
        "by_gender": [{"label": Gender(r["gender"]).label, "n": r["n"]} for r in by_gender],
        "by_ethnicity": by_ethnicity,
        "by_age": ages,
    }


def federation_figures(federation: Union) -> dict:
    """Aggregates only: counts per union below the federation, never a row of a person."""
    unions = Union.objects.descendants_of(federation).filter(kind=Union.Kind.GRASSROOTS)
    rows = (Worker.objects.filter(union__in=unions).on_roster().values("union__name", "union__code")
            .annotate(staff=Count("id"), members=Count("id", filter=Q(membership__status=MembershipStatus.ACTIVE)),
                      women=Count("id", filter=Q(membership__status=MembershipStatus.ACTIVE, gender=Gender.FEMALE)))
            .order_by("union__code"))
    rows = [{**r, "rate": round(100.0 * r["members"] / r["staff"], 1) if r["staff"] else None} for r in rows]
    staff = sum(r["staff"] for r in rows)
    members = sum(r["members"] for r in rows)
    return {"unions": rows, "staff": staff, "members": members, "union_count": unions.count(),
            "rate": round(100.0 * members / staff, 1) if staff else None}

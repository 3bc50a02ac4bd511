"""Figures for the dashboard: membership and its breakdowns, and federation aggregates."""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from unionhome.core.models import Union
from unionhome.members.ages import age_band
from unionhome.members.choices import AGE_BANDS, Gender, MembershipStatus
from unionhome.members.models import Worker
from unionhome.members.queries import membership_rate, membership_rate_by, rate_percent

MEMBER_STATUSES = (MembershipStatus.ACTIVE, MembershipStatus.RETAINED)


def _table(rows: list[tuple[str, str]], order: list[tuple[str, str]] | None = None) -> list[dict]:
    """(key, membership status) pairs → one row per key: in membership (在会), retained (保留会籍) and all."""
    counts: dict[str, dict] = {}
    for key, status in rows:
        row = counts.setdefault(key, {"active": 0, "retained": 0})
        row["active" if status == MembershipStatus.ACTIVE else "retained"] += 1
    if order is None:
        order = [(k, k) for k in sorted(counts, key=lambda k: (-sum(counts[k].values()), k))]
    return [{"key": key, "label": label, **counts.get(key, {"active": 0, "retained": 0}),
             "n": sum(counts.get(key, {}).values())} for key, label in order]


def union_figures(union, *, today: dt.date | None = None) -> dict:
    """The union's membership figures, each saying what it counts.

    Members (会员) are those in membership (在会) and retirees who keep it (保留会籍), as on the roster. The
    membership rate counts members in membership among staff on the roster; the gender, age and ethnicity
    tables count every member, retained ones in their own column, so each table adds up to the members."""
    today = today or timezone.localdate()
    workers = Worker.objects.filter(union=union)
    members = list(workers.filter(membership__status__in=MEMBER_STATUSES)
                   .values_list("gender", "ethnicity", "birth_date", "membership__status"))
    active = sum(1 for *_rest, status in members if status == MembershipStatus.ACTIVE)
    women = [status for gender, _e, _b, status in members if gender == Gender.FEMALE]
    totals = {
        "workers": workers.count(),
        "members": len(members),
        "active": active,
        "retained": len(members) - active,
        "women": len(women),
        "women_retained": sum(1 for status in women if status == MembershipStatus.RETAINED),
    }
    ages = [(age_band(born, today), status) for _g, _e, born, status in members]
    return {
        "totals": totals,
        "rate": membership_rate(workers),
        "by_unit": membership_rate_by(workers, "unit__name"),
        "by_group": membership_rate_by(workers, "group__name"),
        "by_gender": _table([(g, status) for g, _e, _b, status in members],
                            [(g.value, g.label) for g in Gender]),
        "by_ethnicity": _table([(e or "", status) for _g, e, _b, status in members]),
        "by_age": _table(ages, [(key, label) for key, label, _low, _high in AGE_BANDS]),
    }


def federation_figures(federation: Union) -> dict:
    """Aggregates only: counts per union below the federation, never a row of a person. Every grassroots union
    below has its row (a union with nobody on the roster shows zeros), so the header's count is the rows'."""
    unions = list(Union.objects.descendants_of(federation).filter(kind=Union.Kind.GRASSROOTS).order_by("code", "pk"))
    counts = {r["union"]: r for r in Worker.objects.filter(union__in=unions).on_roster().values("union").annotate(
        staff=Count("id"), members=Count("id", filter=Q(membership__status=MembershipStatus.ACTIVE)),
        women=Count("id", filter=Q(membership__status=MembershipStatus.ACTIVE, gender=Gender.FEMALE)))}
    rows = []
    for union in unions:
        row = counts.get(union.pk, {"staff": 0, "members": 0, "women": 0})
        rows.append({"union__name": union.name, "union__code": union.code, "staff": row["staff"],
                     "members": row["members"], "women": row["women"],
                     "rate": rate_percent(row["members"], row["staff"])})
    staff = sum(r["staff"] for r in rows)
    members = sum(r["members"] for r in rows)
    return {"unions": rows, "staff": staff, "members": members, "union_count": len(rows),
            "rate": rate_percent(members, staff)}

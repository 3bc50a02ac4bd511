"""Reads of the roster: what a given user may see, search, filters, the membership rate."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from unionhome.core import idcard
from unionhome.core.crypto import blind_index
from unionhome.members.choices import AGE_BANDS, EmploymentStatus, MembershipStatus
from unionhome.members.models import Worker


def worker_visible_to(ctx) -> QuerySet[Worker]:
    """Rows a user may see: officers the whole union, a group leader their group, a member themself."""
    qs = Worker.objects.filter(union=ctx.union)
    if ctx.union is None:
        return qs.none()
    if ctx.has("members.view_all"):
        return qs
    scope = Q(pk=ctx.worker_id) if ctx.worker_id else Q(pk__in=[])
    if ctx.group_ids:
        scope |= Q(group_id__in=ctx.group_ids)
    return qs.filter(scope)


@dataclass
class WorkerFilters:
    q: str = ""
    unit: int | None = None
    group: int | None = None
    status: str = ""
    gender: str = ""
    age_band: str = ""
    ethnicity: str = ""
    employment_status: str = ""


def worker_search(qs: QuerySet[Worker], f: WorkerFilters, *, today: dt.date | None = None) -> QuerySet[Worker]:
    """Search by name, full pinyin, pinyin initials, ID tail, card number or mobile; then filters."""
    q = (f.q or "").strip()
    if q:
        low = q.lower().replace(" ", "")
        cond = Q(name__contains=q)
        if low.isascii() and low.isalpha():
            cond |= Q(name_pinyin__startswith=low) | Q(name_initials__startswith=low)
        if q.isdigit() or q.upper().endswith("X"):
            if len(q) == 4:
                cond |= Q(id_tail=q.upper())
            if len(q) == 18:
                cond |= Q(id_number_hash=blind_index(idcard.normalise(q)))
            if len(q) == 11:
                cond |= Q(mobile_hash=blind_index(q))
        cond |= Q(membership__card_number=q)
        qs = qs.filter(cond)
    if f.unit:
        qs = qs.filter(unit_id=f.unit)
    if f.group:
        qs = qs.filter(group_id=f.group)
    if f.status:
        qs = qs.filter(membership__isnull=True) if f.status == "none" else qs.filter(membership__status=f.status)
    if f.gender:
        qs = qs.filter(gender=f.gender)
    if f.ethnicity:
        qs = qs.filter(ethnicity=f.ethnicity)
    if f.employment_status:
        qs = qs.filter(employment_status=f.employment_status)
    if f.age_band:
        today = today or timezone.localdate()
        for key, _label, low_age, high_age in AGE_BANDS:
            if key == f.age_band:
                oldest = _years_before(today, high_age + 1) + dt.timedelta(days=1)
                youngest = _years_before(today, low_age)
                qs = qs.filter(birth_date__gte=oldest, birth_date__lte=youngest)
    return qs


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def membership_rate(qs: QuerySet[Worker]) -> dict:
    """入会率: active members among staff on the roster (在职), as counts and a percentage."""
    agg = qs.on_roster().aggregate(
        staff=Count("id"), members=Count("id", filter=Q(membership__status=MembershipStatus.ACTIVE)))
    staff, members = agg["staff"], agg["members"]
    return {"staff": staff, "members": members, "rate": round(100.0 * members / staff, 1) if staff else None}


def membership_rate_by(qs: QuerySet[Worker], field: str) -> list[dict]:
    rows = (qs.on_roster().values(field)
            .annotate(staff=Count("id"), members=Count("id", filter=Q(membership__status=MembershipStatus.ACTIVE)))
            .order_by(field))
    return [{**r, "rate": round(100.0 * r["members"] / r["staff"], 1) if r["staff"] else None} for r in rows]

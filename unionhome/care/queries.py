"""Reads of the care domain: the care calendar, lists, campaign totals and health-check figures."""
from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from unionhome.care import festivals
from unionhome.care.models import CareVisit, Donation, HardshipFile, HealthCheckInvite, Publication, WarmthVisit
from unionhome.care.models.hardship import FileStatus
from unionhome.care.models.health import InviteStatus
from unionhome.care.models.visits import VisitKind
from unionhome.core.rules import rule_value
from unionhome.funds.queries import vouchers_for
from unionhome.members.models import Worker
from unionhome.members.queries import WorkerFilters, worker_search


def member_search(union, q: str, limit: int = 10) -> QuerySet[Worker]:
    """Pick a member (active or retained) for the phone form's search box: the roster's own search
    (name, full pinyin, initials, ID tail, card number, mobile), first ``limit`` in pinyin order."""
    q = (q or "").strip()
    qs = Worker.objects.filter(union=union, membership__status__in=["active", "retained"])
    if not q:
        return qs.none()
    return worker_search(qs, WorkerFilters(q=q)).select_related("unit").order_by("name_pinyin", "pk")[:limit]


def visit_list(union, *, kind: str = "", year: int | None = None) -> QuerySet[CareVisit]:
    qs = CareVisit.objects.filter(union=union).select_related("worker", "worker__unit")
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(visited_on__year=year)
    return qs


@dataclass
class FestivalGap:
    festival: str
    label: str
    year: int
    day: dt.date
    retirees: list = field(default_factory=list)
    needy: list = field(default_factory=list)


def _visited_for(union, festival: str, year: int) -> set[int]:
    start, end = festivals.window(festival, year)
    by_visit = CareVisit.objects.filter(union=union, festival=festival, visited_on__range=(start, end))
    by_warmth = WarmthVisit.objects.filter(union=union, campaign__festival=festival, done_on__range=(start, end))
    return set(by_visit.values_list("worker_id", flat=True)) | set(by_warmth.values_list("worker_id", flat=True))


def festival_gaps(union, *, today: dt.date, year: int | None = None) -> list[FestivalGap]:
    """Retirees (and needy households) not yet visited before 国庆, 元旦 and 春节 — the standing rule."""
    if year:
        occurrences = [(f, year, festivals.occurs_on(f, year)) for f in festivals.RETIREE_FESTIVALS
                       if festivals.occurs_on(f, year)]
    else:
        occurrences = festivals.upcoming(today)
    retirees = list(Worker.objects.filter(union=union, employment_status="retired", membership__status="retained")
                    .select_related("unit"))
    spans = _needy_spans(union, [day for _f, _y, day in occurrences])
    needy_workers = (Worker.objects.select_related("unit").order_by("name_pinyin", "pk")
                     .in_bulk({worker_id for worker_id, _o, _c in spans}))
    gaps = []
    for festival, occ_year, day in occurrences:
        seen = _visited_for(union, festival, occ_year)
        needy = {worker_id for worker_id, opened, closed in spans if opened <= day and (closed is None or closed > day)}
        gaps.append(FestivalGap(festival, festivals.LABELS[festival], occ_year, day,
                                [w for w in retirees if w.pk not in seen],
                                [w for pk, w in needy_workers.items() if pk in needy and pk not in seen]))
    return gaps


def _needy_spans(union, days: list[dt.date]) -> list[tuple[int, dt.date, dt.date | None]]:
    """(worker, opened, closed) of the hardship files open on at least one of ``days``. A household counts for a
    festival only when its file was open that day: not one opened after it, nor one closed before it."""
    if not days:
        return []
    rows = (HardshipFile.objects.filter(union=union, opened_on__lte=max(days))
            .filter(Q(status=FileStatus.OPEN) | Q(closed_on__gt=min(days)))
            .values_list("worker_id", "opened_on", "status", "closed_on"))
    return [(worker_id, opened, None if status == FileStatus.OPEN else closed or opened)
            for worker_id, opened, status, closed in rows]


@dataclass
class Calendar:
    today: dt.date
    birthdays: list
    in_hospital: list
    gaps: list


def care_calendar(union, *, today: dt.date, year: int | None = None) -> Calendar:
    members = (Worker.objects.filter(union=union, membership__status__in=["active", "retained"],
                                     birth_date__month=today.month).select_related("unit").order_by("birth_date__day"))
    given = set(CareVisit.objects.filter(union=union, kind=VisitKind.BIRTHDAY, visited_on__year=today.year)
                .values_list("worker_id", flat=True))
    birthdays = [(w, w.pk in given) for w in members]
    in_hospital = list(CareVisit.objects.filter(union=union, kind=VisitKind.HOSPITAL, discharged_on__isnull=True)
                       .select_related("worker", "worker__unit").order_by("visited_on"))
    return Calendar(today, birthdays, in_hospital, festival_gaps(union, today=today, year=year))


# --- hardship ---------------------------------------------------------------------------------------

def hardship_list(union, *, status: str = FileStatus.OPEN) -> QuerySet[HardshipFile]:
    qs = HardshipFile.objects.filter(union=union).select_related("worker", "worker__unit")
    return qs.filter(status=status) if status else qs


def hardship_review_due(union, *, today: dt.date) -> list[HardshipFile]:
    from unionhome.care.services.hardship import review_due_on

    return [f for f in hardship_list(union) if review_due_on(f) <= today]


def household_initial(file: HardshipFile) -> list[dict]:
    """Last review's household rows as the yearly review form's starting point."""
    return [{"name": m.name, "relation": m.relation, "id_number": m.id_number, "birth_date": m.birth_date,
             "health_status": m.health_status or "healthy", "occupation": m.occupation,
             "annual_income": Decimal(m.annual_income) if m.annual_income else None}
            for m in file.household.all()]


def publications_current(union, *, today: dt.date) -> QuerySet[Publication]:
    """公示 visible today only: expired notices disappear (rule 30)."""
    return Publication.objects.filter(union=union, starts_on__lte=today, ends_on__gte=today)


# --- 送温暖 -----------------------------------------------------------------------------------------

def warmth_rounds(union, worker_id: int | None) -> list[dict]:
    """The 送温暖 households a committee member visits, in the open campaigns: those the hardship officer sent
    them to, and the retirees nobody was sent to yet. Only what the visit needs — the name, the group, who goes,
    whether it is done — never a hardship file's reasons, income or ID (those stay care.hardship)."""
    if worker_id is None:
        return []
    mine = Q(officer_id=worker_id) | Q(officer__isnull=True, target=WarmthVisit.Target.RETIREE)
    rows = (WarmthVisit.objects.filter(mine, union=union, campaign__closed=False)
            .order_by("campaign_id", "done_on", "worker__name_pinyin", "pk")
            .values("id", "campaign_id", "campaign__name", "worker__name", "worker__group__name", "target",
                    "officer__name", "done_on", "gift"))
    labels = dict(WarmthVisit.Target.choices)
    return [{"id": r["id"], "campaign_id": r["campaign_id"], "campaign": r["campaign__name"],
             "name": r["worker__name"], "group": r["worker__group__name"] or "", "target": r["target"],
             "target_label": str(labels[r["target"]]), "visitor": r["officer__name"] or "",
             "done_on": r["done_on"], "gift": r["gift"]} for r in rows]


def warmth_totals(campaign) -> dict:
    rows = campaign.visits.values("target").annotate(
        count=Count("id"), done=Count("id", filter=Q(done_on__isnull=False)),
        amount=Sum("amount", filter=Q(done_on__isnull=False)))
    totals = {"count": 0, "done": 0, "amount": Decimal("0"), "by_target": {}}
    for row in rows:
        amount = row["amount"] or Decimal("0")
        totals["by_target"][row["target"]] = {"count": row["count"], "done": row["done"], "amount": amount}
        totals["count"] += row["count"]
        totals["done"] += row["done"]
        totals["amount"] += amount
    totals["left"] = totals["count"] - totals["done"]
    return totals


# --- 妇检 ----------------------------------------------------------------------------------------------

def health_figures(campaign) -> dict:
    invites = campaign.invites
    by_day: OrderedDict = OrderedDict()
    for slot in campaign.slots.order_by("day", "starts_at"):
        day = by_day.setdefault(slot.day, {"capacity": 0, "scheduled": 0, "attended": 0})
        day["capacity"] += slot.capacity
    for row in invites.filter(slot__isnull=False).values("slot__day").annotate(
            scheduled=Count("id"), attended=Count("id", filter=Q(status=InviteStatus.ATTENDED))):
        day = by_day.setdefault(row["slot__day"], {"capacity": 0, "scheduled": 0, "attended": 0})
        day["scheduled"], day["attended"] = row["scheduled"], row["attended"]
    return {
        "invited": invites.count(),
        "scheduled": invites.filter(slot__isnull=False).count(),
        "attended": invites.filter(status=InviteStatus.ATTENDED).count(),
        "screening": invites.filter(screening=True).count(),
        "by_day": by_day,
    }


def health_check_due(union, *, today: dt.date) -> list[tuple[Worker, dt.date | None, bool]]:
    """Women members due a check by the configured cycle (rule 26): (worker, last check, adds screening)."""
    years = int(rule_value("care.health.cycle_years", union=union, on=today))
    screening_age = int(rule_value("care.health.screening_age", union=union, on=today))
    cutoff = today.replace(year=today.year - years) if not (today.month == 2 and today.day == 29) else \
        dt.date(today.year - years, 2, 28)
    last = dict(HealthCheckInvite.objects.filter(union=union, status=InviteStatus.ATTENDED)
                .values("worker_id").annotate(last=Max("attended_on")).values_list("worker_id", "last"))
    out = []
    for w in Worker.objects.filter(union=union, gender="F", membership__status="active", employment_status="employed"):
        when = last.get(w.pk)
        if when is None or when <= cutoff:
            out.append((w, when, w.age_on(today) >= screening_age))
    return out


# --- drives --------------------------------------------------------------------------------------------

def donation_totals(drive) -> dict:
    rows = (Donation.objects.filter(drive=drive).values("worker__group__name")
            .annotate(pledged=Sum("pledged"), received=Sum("received"), donors=Count("worker", distinct=True))
            .order_by("worker__group__name"))
    groups = [{"group": r["worker__group__name"] or _("（未分组）"), "pledged": r["pledged"], "received": r["received"],
               "donors": r["donors"]} for r in rows]
    return {"groups": groups, "pledged": sum((g["pledged"] for g in groups), Decimal("0")),
            "received": sum((g["received"] for g in groups), Decimal("0")),
            "donors": Donation.objects.filter(drive=drive).values("worker").distinct().count()}


def blood_totals(drive) -> dict:
    rows = dict(drive.volunteers.values_list("outcome").annotate(n=Count("id")))
    return {"volunteers": sum(rows.values()), "donated": rows.get("donated", 0),
            "volume": drive.volunteers.aggregate(v=Sum("volume_ml"))["v"] or 0, "by_outcome": rows}


def officer_choices(union) -> QuerySet[Worker]:
    """Workers who can go on a visit: those holding an officer role in this union."""
    roles = ["committee", "women_committee", "chair", "hardship_officer"]
    return (Worker.objects.filter(union=union, account__user__role_assignments__union=union,
                                  account__user__role_assignments__role__in=roles).distinct())


def assistance_with_vouchers(file) -> list:
    """A needy file's assistance, each with ``voucher``: the ledger voucher that booked it (one query for all)."""
    rows = list(file.assistance.all())
    vouchers = vouchers_for(rows)
    for row in rows:
        row.voucher = vouchers.get(row.pk)
    return rows

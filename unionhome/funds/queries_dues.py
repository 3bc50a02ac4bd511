"""Reads for dues: the month's due list, arrears, and members to review under rule 22."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from unionhome.core.rules import rule_value
from unionhome.funds.models import DuesPayment, DuesRate, WelfarePayout
from unionhome.members.choices import MembershipStatus
from unionhome.members.models import Worker

ZERO = Decimal("0.00")

# Rule 22 counts any sign of organisational life. Domains below funds in the layer order (activities) cannot be
# imported here; at start-up they register a function ``(union, since) -> {worker_id: last date}`` instead,
# as apps fill the dashboard through core.panels.
_PARTICIPATION_SOURCES: list[Callable[..., dict[int, dt.date]]] = []


def participation_source(fn: Callable[..., dict[int, dt.date]]) -> Callable[..., dict[int, dt.date]]:
    """Register a source of members' activity for the six-month review (rule 22)."""
    if fn not in _PARTICIPATION_SOURCES:
        _PARTICIPATION_SOURCES.append(fn)
    return fn


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of every month from ``first``'s month to ``last``'s month, inclusive."""
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(dt.date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def add_months(day: dt.date, n: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def _rates(union) -> dict[int, list[DuesRate]]:
    rates = defaultdict(list)
    for r in DuesRate.objects.filter(union=union).order_by("worker_id", "from_month"):
        rates[r.worker_id].append(r)
    return rates


def _due(rates: list[DuesRate], month: dt.date) -> Decimal | None:
    due = None
    for r in rates:
        if r.from_month <= month:
            due = r.monthly_due
    return due


def dues_month_list(union, month: dt.date) -> list[dict]:
    """Each member with a membership this month: the due (0 for retained members), paid or not."""
    month = month.replace(day=1)
    workers = list(Worker.objects.filter(union=union, membership__status__in=[MembershipStatus.ACTIVE,
                                                                            MembershipStatus.RETAINED])
                   .select_related("membership", "group").order_by("group__sort_order", "name_pinyin"))
    rates = _rates(union)
    paid = {p.worker_id: p for p in DuesPayment.objects.filter(union=union, month=month)}
    rows = []
    for w in workers:
        retained = w.membership.status == MembershipStatus.RETAINED
        due = ZERO if retained else _due(rates.get(w.pk, []), month)
        rows.append({"worker": w, "retained": retained, "due": due, "payment": paid.get(w.pk),
                     "owing": (not retained) and due is not None and due > 0 and w.pk not in paid})
    return rows


def dues_arrears(union, *, upto: dt.date, since: dt.date | None = None) -> list[dict]:
    """Active members with unpaid months from ``since`` (default: 1 January of ``upto``'s year) to ``upto``."""
    upto = upto.replace(day=1)
    since = (since or dt.date(upto.year, 1, 1)).replace(day=1)
    rates = _rates(union)
    paid = defaultdict(set)
    for worker_id, month in DuesPayment.objects.filter(union=union, month__gte=since, month__lte=upto).values_list(
            "worker_id", "month"):
        paid[worker_id].add(month)
    out = []
    for w in (Worker.objects.filter(union=union, membership__status=MembershipStatus.ACTIVE)
              .select_related("membership", "group").order_by("name_pinyin")):
        start = max(since, w.membership.joined_on.replace(day=1))
        missing, amount = [], ZERO
        for month in months_between(start, upto):
            due = _due(rates.get(w.pk, []), month)
            if due and month not in paid[w.pk]:
                missing.append(month)
                amount += due
        if missing:
            out.append({"worker": w, "months": missing, "amount": amount})
    return out


def dormant_members(union, *, today: dt.date) -> list[dict]:
    """Rule 22: active members with N (6) consecutive months of neither dues nor any activity we can see.

    Listed for the committee's review only; nobody is ever removed automatically.
    """
    months = rule_value("funds.dormant_months", union=union, on=today)
    last_full = add_months(today.replace(day=1), -1)
    window_start = add_months(last_full, -(months - 1))
    window_end = today.replace(day=1)
    seen: dict[int, dt.date] = {}
    for worker_id, month, paid_on in DuesPayment.objects.filter(union=union).values_list("worker_id", "month",
                                                                                         "paid_on"):
        seen[worker_id] = max(seen.get(worker_id, dt.date.min), month, paid_on.replace(day=1))
    for worker_id, on in WelfarePayout.objects.filter(union=union).values_list("worker_id", "on"):
        seen[worker_id] = max(seen.get(worker_id, dt.date.min), on.replace(day=1))
    for source in _PARTICIPATION_SOURCES:
        for worker_id, on in source(union, since=window_start, until=today).items():
            seen[worker_id] = max(seen.get(worker_id, dt.date.min), on.replace(day=1))
    out = []
    for w in (Worker.objects.filter(union=union, membership__status=MembershipStatus.ACTIVE)
              .select_related("membership", "group").order_by("name_pinyin")):
        if w.membership.joined_on.replace(day=1) > window_start:
            continue  # not a member for the whole window yet
        last = seen.get(w.pk)
        if last is None or last < window_start:
            out.append({"worker": w, "last_activity": last, "since": window_start, "until": last_full,
                        "window_end": window_end})
    return out

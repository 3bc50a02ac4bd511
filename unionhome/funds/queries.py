"""Reads of the books: balances and totals are always sums of entries, never stored figures."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet, Sum

from unionhome.funds.chart import chart_in_force
from unionhome.funds.models import (
    Budget,
    Kind,
    LedgerEntry,
    LedgerOpening,
    PayoutRequest,
    PeriodSignoff,
    WelfarePayout,
)

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def money(value) -> Decimal:
    """Round a database sum to cents: SQLite sums decimals in floating point (found by the property test)."""
    return Decimal(value or 0).quantize(CENT) if not isinstance(value, Decimal) else value.quantize(CENT)


def _sum(qs, **filters) -> Decimal:
    return money(qs.filter(**filters).aggregate(s=Sum("amount"))["s"])


def entries_for(source) -> QuerySet[LedgerEntry]:
    """The entries posted for a source record (``services.entry_post_for``) and their reversals, in order."""
    return LedgerEntry.objects.filter(source_type=ContentType.objects.get_for_model(source),
                                      source_id=str(source.pk)).order_by("on", "number")


def vouchers_for(sources) -> dict[int, str]:
    """Source pk → the voucher of its posting (not of a reversal), for a list of records of one model: one query."""
    sources = list(sources)
    if not sources:
        return {}
    rows = LedgerEntry.objects.filter(source_type=ContentType.objects.get_for_model(sources[0]),
                                      source_id__in=[str(s.pk) for s in sources], reverses=None)
    return {int(e.source_id): e.voucher for e in rows.only("source_id", "on", "number")}


def postings_for(sources) -> dict[int, LedgerEntry]:
    """Source pk → its posting (not a reversal) with the chart item it was booked under, for a list of records of
    one model: one query (the care summary prints each visit's budget category and voucher)."""
    sources = list(sources)
    if not sources:
        return {}
    rows = (LedgerEntry.objects.filter(source_type=ContentType.objects.get_for_model(sources[0]),
                                       source_id__in=[str(s.pk) for s in sources], reverses=None)
            .select_related("account_item"))
    return {int(e.source_id): e for e in rows}


def opening_of(union) -> LedgerOpening | None:
    return LedgerOpening.objects.filter(union=union).first()


def balance(union, year: int) -> Decimal:
    """Closing balance at the end of ``year``: the balance carried in at the opening of the books (建账) plus
    Σ income − Σ expense over every entry up to that year. The opening year's 期初 is the carried balance."""
    sums = LedgerEntry.objects.filter(union=union, on__year__lte=year).aggregate(
        income=Sum("amount", filter=Q(kind=Kind.INCOME)), expense=Sum("amount", filter=Q(kind=Kind.EXPENSE)))
    opening = opening_of(union)
    carried = opening.balance if opening is not None and year >= opening.opened_on.year - 1 else ZERO
    return carried + money(sums["income"]) - money(sums["expense"])


def balance_now(union, today: dt.date) -> Decimal:
    """The balance after every entry posted so far (entries are never dated after today)."""
    return balance(union, today.year)


def year_totals(union, year: int) -> dict:
    """Opening balance, the year's income and expense, closing balance."""
    qs = LedgerEntry.objects.filter(union=union, on__year=year)
    agg = qs.aggregate(income=Sum("amount", filter=Q(kind=Kind.INCOME)),
                       expense=Sum("amount", filter=Q(kind=Kind.EXPENSE)), entries=Count("id"))
    income, expense = money(agg["income"]), money(agg["expense"])
    opening = balance(union, year - 1)
    return {"opening": opening, "income": income, "expense": expense, "closing": opening + income - expense,
            "entries": agg["entries"]}


def ledger_header(union, year: int | None, month: int | None = None) -> dict:
    """The ledger page's four figures for exactly the period its list shows (all years, a year, or a month):
    the balance before it, its income and expense, the balance after it."""
    if year is None:
        opening = opening_of(union)
        start = opening.balance if opening is not None else ZERO
        qs = LedgerEntry.objects.filter(union=union)
    elif month is None:
        return year_totals(union, year)
    else:
        before = LedgerEntry.objects.filter(union=union, on__year=year, on__month__lt=month)
        start = balance(union, year - 1) + _sum(before, kind=Kind.INCOME) - _sum(before, kind=Kind.EXPENSE)
        qs = LedgerEntry.objects.filter(union=union, on__year=year, on__month=month)
    income, expense = _sum(qs, kind=Kind.INCOME), _sum(qs, kind=Kind.EXPENSE)
    return {"opening": start, "income": income, "expense": expense, "closing": start + income - expense}


def period_totals(union, year: int, month: int) -> dict:
    qs = LedgerEntry.objects.filter(union=union, on__year=year, on__month=month)
    agg = qs.aggregate(income=Sum("amount", filter=Q(kind=Kind.INCOME)),
                       expense=Sum("amount", filter=Q(kind=Kind.EXPENSE)), entries=Count("id"))
    return {"income": money(agg["income"]), "expense": money(agg["expense"]), "entries": agg["entries"]}


def category_totals(union, year: int, *, month: int | None = None, by_subcategory: bool = False) -> list[dict]:
    """Totals per category (and sub-item) for a year or one month, in chart order, with names."""
    qs = LedgerEntry.objects.filter(union=union, on__year=year)
    if month:
        qs = qs.filter(on__month=month)
    fields = ["kind", "category"] + (["subcategory"] if by_subcategory else [])
    sums = {tuple(r[f] for f in fields): money(r["total"]) for r in qs.values(*fields).annotate(total=Sum("amount"))}
    rows = []
    for item in chart_in_force(dt.date(year, 12, 31)):
        if item.subcategory and not by_subcategory:
            continue
        key = (item.kind, item.category) + ((item.subcategory,) if by_subcategory else ())
        if by_subcategory and not item.subcategory:
            total = sum((v for k, v in sums.items() if k[:2] == key[:2]), ZERO)
        else:
            total = sums.get(key, ZERO)
        rows.append({"kind": item.kind, "category": item.category, "subcategory": item.subcategory,
                     "name": item.label, "account_no": item.account_no, "total": total})
    return rows


def budget_vs_actual(union, year: int) -> list[dict]:
    budgets = {(b.kind, b.category): b.amount for b in Budget.objects.filter(union=union, year=year)}
    rows = []
    for row in category_totals(union, year):
        planned = budgets.get((row["kind"], row["category"]))
        remainder = (planned - row["total"]) if planned is not None else None
        used = round(100 * row["total"] / planned, 1) if planned else None
        rows.append({**row, "budget": planned, "remainder": remainder, "used_pct": used,
                     "over": planned is not None and row["total"] > planned})
    return rows


@dataclass
class EntryFilters:
    year: int | None = None
    month: int | None = None
    kind: str = ""
    category: str = ""
    q: str = ""


def redact(entries, *, confidential: bool):
    """What a reader without ``funds.confidential`` sees of a welfare or assistance entry: the category and a
    reference (``source_label``), never the member or the cause. The rows are immutable (database triggers), so
    the loaded instances are changed in place, for display only. Returns ``entries``."""
    if not confidential:
        for e in entries:
            if e.confidential:
                e.note, e.counterparty = e.source_label or e.voucher, ""
    return entries


def _search(qs: QuerySet[LedgerEntry], q: str, *, confidential: bool) -> list[int]:
    # Notes and counterparties are encrypted: match in Python, and never on details the reader may not see
    # (a search must not answer "is there a dialysis payment?").
    found = []
    for e in qs.select_related(None).only("pk", "note", "counterparty", "source_label", "confidential", "on", "number"):
        texts = [e.source_label, e.voucher]
        if confidential or not e.confidential:
            texts += [e.note, e.counterparty]
        if any(q in t for t in texts if t):
            found.append(e.pk)
    return found


def entry_list(union, f: EntryFilters, *, confidential: bool = False) -> QuerySet[LedgerEntry]:
    qs = LedgerEntry.objects.filter(union=union).select_related("account_item", "reverses")
    if f.year:
        qs = qs.filter(on__year=f.year)
    if f.month:
        qs = qs.filter(on__month=f.month)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.q:
        qs = qs.filter(pk__in=_search(qs, f.q, confidential=confidential))
    return qs.order_by("-on", "-number")


def entry_list_totals(qs: QuerySet[LedgerEntry]) -> dict:
    agg = qs.order_by().aggregate(income=Sum("amount", filter=Q(kind=Kind.INCOME)),
                                  expense=Sum("amount", filter=Q(kind=Kind.EXPENSE)), count=Count("id"))
    income, expense = money(agg["income"]), money(agg["expense"])
    return {"income": income, "expense": expense, "net": income - expense, "count": agg["count"]}


def signed_periods(union, year: int) -> dict[int, PeriodSignoff]:
    return {p.month: p for p in PeriodSignoff.objects.filter(union=union, year=year).select_related("signed_by")}


def override_list(union, *, confidential: bool = False) -> list[WelfarePayout]:
    """Cap breaches for the funds reviewer; without ``funds.confidential`` the member and the chair's
    reason (which may say why the member needed more) are withheld."""
    rows = list(_overrides(union))
    for p in rows:
        p.hidden = not confidential
        if p.hidden:
            p.override_reason = ""
    return rows


def _overrides(union) -> QuerySet[WelfarePayout]:
    return (WelfarePayout.objects.filter(union=union).exclude(override_reason="")
            .select_related("worker", "overridden_by", "entry", "policy").order_by("-on", "-id"))


def payout_requests_pending(union) -> QuerySet[PayoutRequest]:
    return (PayoutRequest.objects.filter(union=union, status=PayoutRequest.Status.PENDING)
            .select_related("worker", "requested_by").order_by("created_at", "id"))


def payouts_given(worker, year: int) -> dict[str, Decimal]:
    rows = WelfarePayout.objects.standing().filter(worker=worker, year=year).values("benefit").annotate(total=Sum("amount"))
    return {r["benefit"]: money(r["total"]) for r in rows}

"""The 经审 committee's review of the year's 经费决算 (regulations §2; issue 12 §4).

Recorded by the funds reviewer once the year has ended and every month of it since the books were opened is
signed off (``period_signoff``), so the ledger already refuses any entry into the year; the review then freezes
the year's budgets too (``services.budget_set``) and keeps the figures as they were reviewed."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.funds.models import FinalAccountsReview, LedgerBook, PeriodSignoff
from unionhome.funds.queries import opening_of, year_totals


def months_to_sign(union, year: int) -> list[int]:
    """The months of ``year`` the reviewer must have signed off before the 决算 can be reviewed: every month from
    the opening of the books (or January) to December that is not signed off yet."""
    opening = opening_of(union)
    first = 1
    if opening is not None and opening.opened_on.year == year:
        first = opening.opened_on.month
    signed = set(PeriodSignoff.objects.filter(union=union, year=year).values_list("month", flat=True))
    return [m for m in range(first, 13) if m not in signed]


@transaction.atomic
def final_accounts_review(*, actor, union, year: int, opinion: str, findings: str = "",
                          today: dt.date | None = None) -> FinalAccountsReview:
    """The funds reviewer records the review opinion and findings on the year's 决算; the year is then frozen."""
    # ``today`` lets tests and the demo review as of an earlier day, never a later one than the real today.
    today = min(today or timezone.localdate(), timezone.localdate())
    opinion, findings = (opinion or "").strip(), (findings or "").strip()
    if not opinion:
        raise RuleViolation("opinion_required", gettext("请填写审查意见"), field="opinion")
    if year >= today.year:
        raise RuleViolation("year_not_ended", gettext("%(year)s年度尚未结束，年度结束后才能审查决算") % {"year": year},
                            field="year")
    opening = opening_of(union)
    if opening is None or opening.opened_on.year > year:
        raise RuleViolation("no_books", gettext("%(year)s年度本工会还没有在本系统建账，无决算可审查") % {"year": year},
                            field="year")
    # The book row is the lock every posting and sign-off of the year takes.
    LedgerBook.objects.get_or_create(union=union, year=year)
    LedgerBook.objects.select_for_update().get(union=union, year=year)
    if FinalAccountsReview.objects.filter(union=union, year=year).exists():
        raise Conflict("final_accounts_reviewed", gettext("%(year)s年度决算已经审查，不能重复审查") % {"year": year})
    missing = months_to_sign(union, year)
    if missing:
        raise RuleViolation("months_not_signed", gettext("%(year)s年还有%(months)s月未经审签结账，请先逐月审签") % {
            "year": year, "months": gettext("、").join(str(m) for m in missing)})
    totals = year_totals(union, year)
    review = FinalAccountsReview.objects.create(
        union=union, year=year, opinion=opinion[:4000], findings=findings[:4000], reviewed_on=today,
        reviewed_by=actor if getattr(actor, "is_authenticated", False) else None, opening=totals["opening"],
        income=totals["income"], expense=totals["expense"], closing=totals["closing"])
    audit_log(actor=actor, action="funds.final_accounts.reviewed", target=review, after=snapshot(review))
    return review

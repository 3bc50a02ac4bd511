"""The year's 经费决算 (issue 12 §4): totals are the ledger's sums, the 经审 review freezes the year, the
workbook and the two congress documents."""
import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from docx import Document
from python_calamine import CalamineWorkbook

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.funds import final_accounts as fa_docs
from unionhome.funds.queries import year_totals
from unionhome.funds.services import budget_set, ledger_open, period_signoff
from unionhome.funds.services_final import final_accounts_review, months_to_sign
from unionhome.funds.tests.factories import income, post

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 1)


def _year(cast):
    ledger_open(actor=cast.users["finance"], union=cast.union, on=dt.date(2025, 1, 1), balance=Decimal("500.00"))
    budget_set(actor=cast.users["chair"], union=cast.union, year=2025, kind="income", category="allocation",
               amount=Decimal("3000"))
    budget_set(actor=cast.users["chair"], union=cast.union, year=2025, kind="expense", category="activity",
               amount=Decimal("100"))
    income(cast, "2000.00", on=dt.date(2025, 1, 5))
    income(cast, "0.10", on=dt.date(2025, 2, 5))
    post(cast, amount="150.20", on=dt.date(2025, 3, 10))
    post(cast, amount="0.20", on=dt.date(2025, 7, 10), category="rights", subcategory="warmth")


def _sign_all(cast, year=2025):
    for month in range(1, 13):
        period_signoff(actor=cast.users["auditor"], union=cast.union, year=year, month=month, note="ok", today=TODAY)


def test_the_final_accounts_are_the_ledger_sums_with_the_budget(cast):
    _year(cast)
    fa = fa_docs.final_accounts(cast.union, 2025)
    totals = year_totals(cast.union, 2025)
    assert (fa.opening, fa.income, fa.expense, fa.closing) == (Decimal("500.00"), Decimal("2000.10"),
                                                               Decimal("150.40"), Decimal("2349.70"))
    assert fa.closing == totals["closing"]
    assert sum(r["total"] for r in fa.income_rows) == fa.income
    assert sum(r["total"] for r in fa.expense_rows) == fa.expense
    activity = next(r for r in fa.expense_rows if r["category"] == "activity")
    assert activity["budget"] == Decimal("100.00") and activity["over"]


def test_the_workbook_totals_are_the_ledger_totals(cast):
    _year(cast)
    book = CalamineWorkbook.from_filelike(io.BytesIO(fa_docs.final_accounts_xlsx(cast.union, 2025)))
    rows = book.get_sheet_by_index(0).to_python()
    by_label = {r[1]: r for r in rows if len(r) > 3 and isinstance(r[1], str)}
    assert by_label["收入合计"][3] == pytest.approx(2000.10)
    assert by_label["支出合计"][3] == pytest.approx(150.40)
    assert by_label["上年结转"][3] == pytest.approx(500.00)
    assert by_label["结转下年"][3] == pytest.approx(2349.70)
    assert by_label["收入合计"][2] == pytest.approx(3000.00)


def test_the_review_needs_the_year_ended_every_month_signed_and_an_opinion(cast):
    _year(cast)
    auditor = cast.users["auditor"]
    with pytest.raises(RuleViolation) as err:
        final_accounts_review(actor=auditor, union=cast.union, year=2025, opinion="", today=TODAY)
    assert err.value.code == "opinion_required"
    with pytest.raises(RuleViolation) as err:
        final_accounts_review(actor=auditor, union=cast.union, year=2025, opinion="ok", today=dt.date(2025, 12, 1))
    assert err.value.code == "year_not_ended"
    period_signoff(actor=auditor, union=cast.union, year=2025, month=1, today=TODAY)
    assert months_to_sign(cast.union, 2025) == list(range(2, 13))
    with pytest.raises(RuleViolation) as err:
        final_accounts_review(actor=auditor, union=cast.union, year=2025, opinion="ok", today=TODAY)
    assert err.value.code == "months_not_signed"


def test_a_recorded_review_freezes_the_year_and_is_audited(cast):
    _year(cast)
    _sign_all(cast)
    review = final_accounts_review(actor=cast.users["auditor"], union=cast.union, year=2025,
                                   opinion="账实相符，收支合规。", findings="个别票据摘要不全。", today=TODAY)
    assert (review.income, review.expense, review.closing) == (Decimal("2000.10"), Decimal("150.40"),
                                                              Decimal("2349.70"))
    assert AuditEntry.objects.filter(action="funds.final_accounts.reviewed").exists()
    # The ledger refuses a later entry into the reviewed year (every month is signed off) …
    with pytest.raises(Conflict) as err:
        post(cast, amount="5.00", on=dt.date(2025, 12, 30))
    assert err.value.code == "period_closed"
    # … the budget of the year is frozen, and a second review is refused.
    with pytest.raises(Conflict) as err:
        budget_set(actor=cast.users["chair"], union=cast.union, year=2025, kind="expense", category="activity",
                   amount=Decimal("999"))
    assert err.value.code == "final_accounts_frozen"
    with pytest.raises(Conflict):
        final_accounts_review(actor=cast.users["auditor"], union=cast.union, year=2025, opinion="again", today=TODAY)
    assert fa_docs.final_accounts(cast.union, 2025).closing == review.closing


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def test_the_congress_documents_are_a4_with_the_figures_and_the_opinion(cast):
    _year(cast)
    with pytest.raises(RuleViolation) as err:
        fa_docs.review_report_docx(cast.union, 2025)
    assert err.value.code == "not_reviewed"
    _sign_all(cast)
    final_accounts_review(actor=cast.users["auditor"], union=cast.union, year=2025, opinion="账实相符，收支合规。",
                          findings="个别票据摘要不全。", today=TODAY)
    report = fa_docs.funds_report_docx(cast.union, 2025)
    text = _text(report)
    assert "2025年度经费收支情况报告" in text and "2,000.10" in text and "2,349.70" in text
    assert "账实相符" in text
    section = Document(io.BytesIO(report)).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    review = _text(fa_docs.review_report_docx(cast.union, 2025))
    assert "审查报告" in review and "个别票据摘要不全" in review and "经费审查委员会" in review
    assert zipfile.is_zipfile(io.BytesIO(report))


def test_the_pages_and_api_give_the_same_final_accounts(cast, client_for):
    _year(cast)
    _sign_all(cast)
    auditor = client_for(cast.users["auditor"])
    response = auditor.post("/funds/final-accounts/record-review/", {"year": 2025, "opinion": "合规"})
    assert response.status_code == 302
    page = client_for(cast.users["chair"]).get("/funds/final-accounts/?year=2025")
    assert "2349.70" in page.content.decode() and "合规" in page.content.decode()
    api = client_for(cast.users["chair"]).get("/api/v1/funds/final-accounts?year=2025")
    assert api.status_code == 200 and api.json()["closing"] == "2349.70" and api.json()["review"]["opinion"] == "合规"
    for what in ("xlsx", "report", "review"):
        assert client_for(cast.users["finance"]).get(f"/funds/final-accounts/files/{what}/?year=2025").status_code == 200
        assert client_for(cast.users["finance"]).get(f"/api/v1/funds/final-accounts/files/{what}?year=2025").status_code == 200

import datetime as dt
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.funds import queries
from unionhome.funds.models import LedgerEntry
from unionhome.funds.services import comment_add, entry_post, entry_reverse, period_signoff
from unionhome.funds.tests.factories import income, post

pytestmark = pytest.mark.django_db


def test_it_posts_an_entry_with_a_voucher_number_and_an_audit_row(cast):
    entry = post(cast, counterparty="体育用品店", method="转账", note="乒乓球拍")
    assert entry.number == 1 and entry.voucher == "2025-0001"
    assert entry.account_item.name == "文体活动费"
    assert post(cast).number == 2
    assert AuditEntry.objects.filter(action="funds.entry.posted", target_id=str(entry.pk)).exists()


def test_it_rejects_an_uncategorised_entry(cast):
    with pytest.raises(RuleViolation) as err:
        post(cast, category="")
    assert err.value.code == "uncategorised"
    assert not LedgerEntry.objects.exists()


@pytest.mark.parametrize("category,subcategory,code", [
    ("entertainment", "", "category_unknown"),        # not in the chart
    ("activity", "", "subcategory_required"),         # 职工活动支出 has sub-items
    ("activity", "banquet", "subcategory_unknown"),
    ("rights", "culture_sports", "subcategory_unknown"),  # a sub-item of another category
])
def test_it_rejects_an_entry_outside_the_chart_of_accounts(cast, category, subcategory, code):
    with pytest.raises(RuleViolation) as err:
        post(cast, category=category, subcategory=subcategory)
    assert err.value.code == code


def test_it_rejects_an_income_category_as_expense_and_a_date_before_the_chart(cast):
    with pytest.raises(RuleViolation):
        post(cast, kind="expense", category="dues", subcategory="")
    with pytest.raises(RuleViolation) as err:
        post(cast, on=dt.date(2016, 5, 1))
    assert err.value.code == "category_unknown"


@pytest.mark.parametrize("amount", ["0", "-5", "abc", "99999999999"])
def test_it_rejects_a_zero_negative_or_malformed_amount(cast, amount):
    with pytest.raises(RuleViolation):
        post(cast, amount=amount) if amount != "abc" else entry_post(
            actor=None, union=cast.union, on=dt.date(2025, 3, 1), kind="expense", category="activity",
            subcategory="welfare", amount="abc")


def test_a_reversal_nets_the_entry_to_zero_and_cannot_be_repeated(cast):
    income(cast, "500.00")
    entry = post(cast, amount="120.50")
    assert queries.balance(cast.union, 2025) == Decimal("379.50")
    rev = entry_reverse(actor=cast.users["finance"], entry=entry, reason="重复记账", on=dt.date(2025, 3, 12))
    assert rev.amount == Decimal("-120.50") and rev.reverses == entry and rev.category == entry.category
    assert queries.balance(cast.union, 2025) == Decimal("500.00")
    with pytest.raises(Conflict):
        entry_reverse(actor=cast.users["finance"], entry=entry, reason="again", on=dt.date(2025, 3, 12))
    with pytest.raises(Conflict):
        entry_reverse(actor=cast.users["finance"], entry=rev, reason="undo", on=dt.date(2025, 3, 12))
    with pytest.raises(RuleViolation):
        entry_reverse(actor=cast.users["finance"], entry=post(cast), reason=" ")


def test_the_database_refuses_update_and_delete_of_an_entry(cast):
    entry = post(cast)
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1.00"))
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM funds_ledgerentry WHERE id = %s", [entry.pk])
    assert LedgerEntry.objects.get(pk=entry.pk).amount == Decimal("100.00")


def test_a_signed_off_period_refuses_new_entries_but_the_next_month_is_open(cast):
    post(cast, on=dt.date(2025, 3, 10))
    signoff = period_signoff(actor=cast.users["auditor"], union=cast.union, year=2025, month=3, note="账实相符")
    assert signoff.entries == 1 and signoff.expense == Decimal("100.00")
    with pytest.raises(Conflict) as err:
        post(cast, on=dt.date(2025, 3, 31))
    assert err.value.code == "period_closed"
    assert post(cast, on=dt.date(2025, 4, 1)).number == 2
    with pytest.raises(Conflict):
        period_signoff(actor=cast.users["auditor"], union=cast.union, year=2025, month=3)


def test_a_reversal_of_an_entry_in_a_closed_period_goes_into_an_open_one(cast):
    entry = post(cast, on=dt.date(2025, 3, 10))
    period_signoff(actor=cast.users["auditor"], union=cast.union, year=2025, month=3)
    with pytest.raises(Conflict):
        entry_reverse(actor=cast.users["finance"], entry=entry, reason="错", on=dt.date(2025, 3, 20))
    rev = entry_reverse(actor=cast.users["finance"], entry=entry, reason="错", on=dt.date(2025, 4, 2))
    assert rev.on.month == 4


def test_it_refuses_to_sign_off_a_month_that_has_not_ended(cast):
    with pytest.raises(RuleViolation):
        period_signoff(actor=cast.users["auditor"], union=cast.union, year=2025, month=6, today=dt.date(2025, 6, 20))


def test_an_entry_links_to_the_record_that_caused_it(cast):
    worker = cast.workers["member"]
    entry = post(cast, source=worker)
    assert entry.source == worker and entry.source_label == "张三"


def test_balances_and_totals_are_sums_of_entries_and_unions_are_separate(cast):
    income(cast, "2000.00", on=dt.date(2024, 12, 1))
    income(cast, "1000.00")
    post(cast, amount="300.00", category="rights", subcategory="hardship_aid")
    post(cast, amount="200.00")
    entry_post(actor=None, union=cast.other_union, on=dt.date(2025, 2, 1), kind="income", category="dues",
               subcategory="", amount=Decimal("77"))
    totals = queries.year_totals(cast.union, 2025)
    assert totals == {"opening": Decimal("2000.00"), "income": Decimal("1000.00"), "expense": Decimal("500.00"),
                      "closing": Decimal("2500.00"), "entries": 3}
    assert queries.balance(cast.union, 2025) == Decimal("2500.00")
    cats = {r["category"]: r["total"] for r in queries.category_totals(cast.union, 2025)}
    assert cats["rights"] == Decimal("300.00") and cats["activity"] == Decimal("200.00")
    assert cats["allocation"] == Decimal("1000.00") and cats["dues"] == 0


def test_a_reviewer_comment_is_recorded_and_audited(cast):
    entry = post(cast)
    comment_add(actor=cast.users["auditor"], entry=entry, text="缺少发票")
    assert entry.comments.get().text == "缺少发票"
    assert AuditEntry.objects.filter(action="funds.entry.commented").count() == 1

import datetime as dt
import io
from decimal import Decimal

import pytest
import xlsxwriter

from unionhome.core.errors import RuleViolation
from unionhome.funds.models import DuesPayment, LedgerEntry, WelfarePayout
from unionhome.funds.queries import balance
from unionhome.funds.queries_dues import dormant_members, dues_arrears, dues_month_list
from unionhome.funds.services import welfare_payout
from unionhome.funds.services_dues import dues_import, dues_pay, dues_rate_set, monthly_due
from unionhome.members.services import membership_retire

pytestmark = pytest.mark.django_db
MARCH = dt.date(2025, 3, 1)


@pytest.mark.parametrize("wages,base,due", [
    ({"职务工资": "3000", "级别工资": "2345"}, "5340", "26.70"),   # 5345 → 5340
    ({"职务工资": "1999.99", "级别工资": "0"}, "1990", "9.95"),
    ({"职务工资": "3000", "级别工资": "2000", "岗位津贴": "900"}, "5000", "25.00"),  # allowances excluded
])
def test_the_monthly_due_is_half_a_percent_of_the_wage_items_rounded_down_to_ten(cast, wages, base, due):
    got = monthly_due(union=cast.union, wage_items={k: Decimal(v) for k, v in wages.items()}, on=MARCH)
    assert got == (Decimal(base), Decimal(due))


def test_only_the_due_is_stored_never_the_wage(cast):
    rate = dues_rate_set(actor=None, worker=cast.workers["member"], wage_items={"职务工资": Decimal("3456")},
                         from_month=MARCH)
    assert rate.monthly_due == Decimal("17.25")
    assert not any("3456" in str(getattr(rate, f.attname)) for f in rate._meta.concrete_fields)


def _rates(cast, *roles):
    for role in roles:
        dues_rate_set(actor=None, worker=cast.workers[role], wage_items={"职务工资": Decimal("4000")},
                      from_month=dt.date(2025, 1, 1))


def test_a_payment_posts_dues_income_and_cannot_be_recorded_twice(cast):
    _rates(cast, "member")
    payment = dues_pay(actor=cast.users["finance"], worker=cast.workers["member"], month=MARCH,
                       amount=Decimal("20"), paid_on=dt.date(2025, 3, 5))
    assert payment.entry.category == "dues" and payment.entry.kind == "income"
    assert balance(cast.union, 2025) == Decimal("20.00")
    with pytest.raises(RuleViolation):
        dues_pay(actor=None, worker=cast.workers["member"], month=MARCH, amount=Decimal("20"))


def test_retained_members_owe_nothing(cast):
    _rates(cast, "member", "chair")
    membership_retire(actor=None, worker=cast.workers["chair"], on=dt.date(2024, 12, 31))
    rows = {r["worker"].name: r for r in dues_month_list(cast.union, MARCH)}
    assert rows["吴十"]["due"] == 0 and not rows["吴十"]["owing"]
    assert rows["张三"]["due"] == Decimal("20.00") and rows["张三"]["owing"]
    with pytest.raises(RuleViolation):
        dues_pay(actor=None, worker=cast.workers["chair"], month=MARCH, amount=Decimal("20"))
    arrears = {a["worker"].name: a for a in dues_arrears(cast.union, upto=MARCH)}
    assert "吴十" not in arrears and arrears["张三"]["amount"] == Decimal("60.00")


def _xlsx(rows) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return out.getvalue()


HEAD = ["会员证号", "姓名", "月份", "金额"]


def test_an_xlsx_import_records_every_row_with_one_ledger_entry(cast):
    data = _xlsx([HEAD, ["CT0001", "张三", "2025-03", 20], ["CT0008", "吴十", "2025-03", 25.5],
                  ["CT0001", "张三", "2025-04", 20]])
    payments = dues_import(actor=cast.users["finance"], union=cast.union, data=data, filename="三月会费.xlsx",
                           paid_on=dt.date(2025, 4, 10))
    assert len(payments) == 3 and LedgerEntry.objects.get().amount == Decimal("65.50")


def test_an_xlsx_import_with_one_bad_row_records_nothing(cast):
    data = _xlsx([HEAD, ["CT0001", "张三", "2025-03", 20], ["CT9999", "无名", "2025-03", 20],
                  ["CT0008", "吴十", "2025-13", 20], ["CT0008", "李四", "2025-03", 20]])
    with pytest.raises(RuleViolation) as err:
        dues_import(actor=None, union=cast.union, data=data, filename="a.xlsx", paid_on=MARCH)
    assert "第3行" in err.value.message and "第4行" in err.value.message and "第5行" in err.value.message
    assert not DuesPayment.objects.exists() and not LedgerEntry.objects.exists()


@pytest.mark.parametrize("data,name,words", [
    (b"card,month,amount\n", "dues.csv", ".xlsx"),
    (b"MZ\x90\x00" + b"\x00" * 100, "dues.xlsx", ".xlsx"),
    (b"PK\x03\x04" + b"\x00" * (3 * 1024 * 1024), "big.xlsx", "过大"),
])
def test_it_refuses_non_xlsx_and_oversize_files_in_chinese(cast, data, name, words):
    with pytest.raises(RuleViolation) as err:
        dues_import(actor=None, union=cast.union, data=data, filename=name, paid_on=MARCH)
    assert words in err.value.message


def test_it_refuses_a_zip_bomb(cast):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<x/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (200 * 1024 * 1024))
    with pytest.raises(RuleViolation) as err:
        dues_import(actor=None, union=cast.union, data=out.getvalue(), filename="bomb.xlsx", paid_on=MARCH)
    assert "解压" in err.value.message


def test_six_months_without_dues_or_activity_lists_a_member_for_review_only(cast):
    today = dt.date(2025, 9, 15)
    _rates(cast, "member", "finance", "auditor")
    dues_pay(actor=None, worker=cast.workers["finance"], month=dt.date(2025, 6, 1), amount=Decimal("20"),
             paid_on=dt.date(2025, 6, 3))
    welfare_payout(actor=None, union=cast.union, worker=cast.workers["auditor"], benefit="birthday",
                   amount=Decimal("200"), form="voucher", on=dt.date(2025, 5, 2))
    dues_pay(actor=None, worker=cast.workers["member"], month=dt.date(2025, 2, 1), amount=Decimal("20"),
             paid_on=dt.date(2025, 2, 3))
    flagged = {r["worker"].name for r in dormant_members(cast.union, today=today)}
    assert "张三" in flagged                        # last seen February: March–August empty
    assert "孙八" not in flagged and "钱七" not in flagged
    assert cast.workers["member"].membership.status == "active"  # never removed automatically
    membership_retire(actor=None, worker=cast.workers["member"], on=dt.date(2025, 9, 1))
    assert "张三" not in {r["worker"].name for r in dormant_members(cast.union, today=today)}
    assert WelfarePayout.objects.count() == 1

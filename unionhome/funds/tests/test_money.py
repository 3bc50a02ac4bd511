"""Item 18: an amount with more than two decimals is refused everywhere money is entered (forms, API, the dues
import, care's forms and services), by one parser (core.money), never silently rounded."""
import datetime as dt
import io
from decimal import Decimal

import pytest
import xlsxwriter
from django.urls import reverse

from unionhome.care.services.hardship import assistance_record
from unionhome.care.tests.factories import consents, open_file
from unionhome.core.errors import RuleViolation
from unionhome.core.money import parse_money
from unionhome.funds.models import DuesPayment, LedgerEntry
from unionhome.funds.services_dues import dues_import

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value,expected", [("12.34", "12.34"), ("12.340", "12.34"), (12.35, "12.35"), (20, "20.00"),
                                            (" 7.5 ", "7.50"), (Decimal("0.10"), "0.10")])
def test_the_parser_takes_yuan_with_two_decimals(value, expected):
    assert parse_money(value) == Decimal(expected) and str(parse_money(value)) == expected


@pytest.mark.parametrize("value,code", [("12.345", "amount_precision"), (12.345, "amount_precision"),
                                        ("0.001", "amount_precision"), ("abc", "amount_invalid"),
                                        ("NaN", "amount_invalid"), ("1e20", "amount_invalid"), (True, "amount_invalid")])
def test_the_parser_refuses_instead_of_rounding(value, code):
    with pytest.raises(RuleViolation) as err:
        parse_money(value)
    assert err.value.code == code


def test_the_api_refuses_a_three_decimal_entry_and_payout(cast, client_for):
    client = client_for(cast.users["finance"])
    response = client.post("/api/v1/funds/entries", {"on": "2026-03-01", "kind": "expense", "category": "activity",
                                                     "subcategory": "culture_sports", "amount": "100.005"},
                           content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "amount_precision"
    response = client.post("/api/v1/funds/welfare-payouts", {
        "worker_id": cast.workers["member"].pk, "benefit": "birthday", "amount": "99.999", "form": "goods",
        "on": "2026-03-01"}, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "amount_precision"
    assert not LedgerEntry.objects.exists()


def test_the_entry_form_says_why_a_three_decimal_amount_is_refused(cast, client_for):
    response = client_for(cast.users["finance"]).post(reverse("funds:entry_new"), {
        "on": "2026-03-01", "account": "expense:activity:culture_sports", "amount": "250.125"})
    assert response.status_code == 422 and "金额最多两位小数" in response.content.decode()
    assert not LedgerEntry.objects.exists()


def test_the_dues_import_refuses_a_three_decimal_amount(cast):
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    for r, row in enumerate([["会员证号", "姓名", "月份", "金额"], ["CT0001", "张三", "2026-03", 20.555]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    with pytest.raises(RuleViolation) as err:
        dues_import(actor=None, union=cast.union, data=out.getvalue(), filename="a.xlsx", paid_on=dt.date(2026, 3, 5))
    assert "第2行" in err.value.message and "两位小数" in err.value.message
    assert not DuesPayment.objects.exists()


def test_care_refuses_a_three_decimal_assistance(cast, client_for):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker)
    with pytest.raises(RuleViolation) as err:
        assistance_record(actor=cast.users["hardship_officer"], file=file, kind="living", amount="100.005",
                          given_on=dt.date(2026, 3, 5))
    assert err.value.code == "amount_precision"
    assert not LedgerEntry.objects.exists()

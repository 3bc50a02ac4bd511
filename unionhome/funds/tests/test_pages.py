import datetime as dt
import io
from decimal import Decimal

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from unionhome.core.testing import images
from unionhome.funds.models import DuesPayment, LedgerEntry, WelfarePayout
from unionhome.funds.services import welfare_payout
from unionhome.funds.tests.factories import income, post

pytestmark = pytest.mark.django_db
PAGES = ["funds:ledger", "funds:entry_new", "funds:budget", "funds:periods", "funds:dues", "funds:dues_import",
         "funds:dues_arrears", "funds:dues_review", "funds:policy", "funds:overrides", "funds:payout_new"]


def _books(cast):
    income(cast, "5000.00", on=dt.date(2025, 1, 3))
    post(cast, amount="300.00", note="象棋比赛奖品")
    welfare_payout(actor=cast.users["chair"], union=cast.union, worker=cast.workers["member"], benefit="festival",
                   amount=Decimal("1400"), form="goods", on=dt.date(2025, 1, 25), festival="spring_festival",
                   override_reason="职代会决议")


def test_every_page_renders_for_the_chair_with_data(cast, client_for):
    _books(cast)
    client = client_for(cast.users["chair"])
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
    entry = LedgerEntry.objects.filter(kind="expense").first()
    page = client.get(reverse("funds:entry_detail", args=[entry.pk])).content.decode()
    assert entry.voucher in page
    overrides = client.get(reverse("funds:overrides")).content.decode()
    assert "职代会决议" in overrides and "1300" in overrides


def test_the_ledger_list_query_count_does_not_grow_with_rows(cast, client_for):
    client = client_for(cast.users["auditor"])
    post(cast)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("funds:ledger"), {"year": 2025})
    for _ in range(30):
        post(cast)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("funds:ledger"), {"year": 2025}).status_code == 200
    assert len(many) == len(few)


def test_the_entry_form_posts_and_shows_rule_errors_in_chinese(cast, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(cast.users["finance"])
    response = client.post(reverse("funds:entry_new"), {
        "on": "2025-03-01", "account": "expense:rights:hardship_aid", "amount": "250", "note": "帮扶",
        "receipt": SimpleUploadedFile("r.jpg", images.JPEG)})
    assert response.status_code == 302
    entry = LedgerEntry.objects.get()
    assert entry.attachments.count() == 1 and entry.subcategory == "hardship_aid"
    response = client.post(reverse("funds:entry_new"), {"on": "2025-03-01", "account": "expense:activity:",
                                                        "amount": "10"})
    assert response.status_code == 422 and "明细科目" in response.content.decode()
    response = client.post(reverse("funds:entry_new"), {"on": "2025-03-01", "account": "expense:activity:welfare",
                                                        "amount": "-3"})
    assert response.status_code == 422 and LedgerEntry.objects.count() == 1


def test_the_payout_page_blocks_cash_and_caps_with_the_rule_named(cast, client_for):
    client = client_for(cast.users["finance"])
    data = {"worker": cast.workers["member"].pk, "benefit": "birthday", "amount": "500", "form": "goods",
            "on": "2025-05-01"}
    page = client.post(reverse("funds:payout_new"), data).content.decode()
    assert "规则16" in page and "300" in page
    # cash is not even offered (item 37); posted anyway, it is refused before the service
    assert 'value="cash"' not in client.get(reverse("funds:payout_new")).content.decode()
    assert client.post(reverse("funds:payout_new"), {**data, "form": "cash", "amount": "100"}).status_code == 422
    assert client.post(reverse("funds:payout_new"), {**data, "amount": "200"}).status_code == 302
    assert WelfarePayout.objects.count() == 1


def _xlsx(rows) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    return out.getvalue()


def test_the_dues_import_page_refuses_a_csv_and_imports_an_xlsx(cast, client_for):
    client = client_for(cast.users["finance"])
    bad = client.post(reverse("funds:dues_import"), {"paid_on": "2025-03-05",
                                                     "file": SimpleUploadedFile("dues.csv", b"a,b\n")})
    assert bad.status_code == 422 and ".xlsx" in bad.content.decode()
    data = _xlsx([["会员证号", "姓名", "月份", "金额"], ["CT0001", "张三", "2025-03", 20]])
    ok = client.post(reverse("funds:dues_import"), {"paid_on": "2025-03-05",
                                                    "file": SimpleUploadedFile("dues.xlsx", data)})
    assert ok.status_code == 302 and DuesPayment.objects.count() == 1


def test_the_export_downloads_an_xlsx(cast, client_for):
    post(cast)
    response = client_for(cast.users["auditor"]).get(reverse("funds:export"), {"year": 2025, "month_from": 1,
                                                                               "month_to": 12})
    assert response.status_code == 200 and response.content.startswith(b"PK")
    bad = client_for(cast.users["auditor"]).get(reverse("funds:export"), {"year": "x", "month_from": 1, "month_to": 12})
    assert bad.status_code == 400


def test_the_export_tab_opens_the_form_on_its_year(cast, client_for):
    """The tab's link carries only the year: the page shows the form with that year, not a 400 for the months."""
    response = client_for(cast.users["auditor"]).get(reverse("funds:export"), {"year": 2025})
    assert response.status_code == 200 and "text/html" in response["Content-Type"]
    assert response.context["form"]["year"].value() == 2025


def test_the_api_posts_lists_reverses_and_balances(cast, client_for):
    client = client_for(cast.users["finance"])
    created = client.post("/api/v1/funds/entries", {"on": "2025-02-01", "kind": "income", "category": "allocation",
                                                     "amount": "800.00"}, content_type="application/json")
    assert created.status_code == 201
    bad = client.post("/api/v1/funds/entries", {"on": "2025-02-01", "kind": "expense", "category": "activity",
                                                 "amount": "5"}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["code"] == "subcategory_required"
    entry_id = created.json()["id"]
    rev = client.post(f"/api/v1/funds/entries/{entry_id}/reverse", {"reason": "错", "on": "2025-02-02"},
                      content_type="application/json")
    assert rev.status_code == 201 and rev.json()["amount"] == "-800.00"
    listing = client.get("/api/v1/funds/entries", {"year": 2025}).json()
    assert listing["count"] == 2 and Decimal(listing["income"]) == 0
    assert Decimal(client.get("/api/v1/funds/balance", {"year": 2025}).json()["closing"]) == 0

"""The funds pages' writes through the API (issue 13): the same services, permissions and error codes."""
import datetime as dt
import io
from decimal import Decimal

import pytest
import xlsxwriter

from unionhome.core.testing import images
from unionhome.funds.models import Budget, DuesPayment, DuesRate, EntryAttachment, EntryComment, LedgerOpening
from unionhome.funds.services import entry_post, payout_request_submit

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _entry(cast):
    return entry_post(actor=None, union=cast.union, on=dt.date(2025, 3, 10), kind="expense", category="activity",
                      subcategory="culture_sports", amount=Decimal("88.00"), note="api")


def _xlsx(rows) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return out.getvalue()


def test_the_reviewer_comments_an_entry_and_an_empty_comment_is_refused_like_on_the_page(cast, client_for):
    entry = _entry(cast)
    url = f"/api/v1/funds/entries/{entry.pk}/comments"
    auditor = client_for(cast.users["auditor"])
    assert auditor.post(url, {"text": "请补发票"}, content_type=JSON).status_code == 201
    assert EntryComment.objects.get(entry=entry).text == "请补发票"
    refused = auditor.post(url, {"text": "  "}, content_type=JSON)
    assert refused.status_code == 422 and refused.json()["code"] == "comment_empty"
    assert client_for(cast.users["finance"]).post(url, {"text": "x"}, content_type=JSON).status_code == 403


def test_a_receipt_is_attached_and_a_file_that_is_not_a_receipt_is_refused(cast, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    entry = _entry(cast)
    url = f"/api/v1/funds/entries/{entry.pk}/attachments"
    finance = client_for(cast.users["finance"])
    ok = finance.post(url, {"file": SimpleUploadedFile("r.png", images.PNG)})
    assert ok.status_code == 201 and EntryAttachment.objects.get(entry=entry).content_type == "image/png"
    bad = finance.post(url, {"file": SimpleUploadedFile("r.png", b"MZ\x90\x00not an image")})
    assert bad.status_code == 422 and bad.json()["code"] == "attachment_type"
    assert client_for(cast.users["auditor"]).post(url, {"file": SimpleUploadedFile("r.png", images.PNG)}
                                                  ).status_code == 403


def test_a_budget_is_set_and_replaced_and_an_unknown_category_is_refused(cast, client_for):
    chair = client_for(cast.users["chair"])
    body = {"year": 2025, "kind": "expense", "category": "activity", "amount": "5000"}
    assert chair.put("/api/v1/funds/budgets", body, content_type=JSON).status_code == 200
    assert chair.put("/api/v1/funds/budgets", {**body, "amount": "6000"}, content_type=JSON).json()["amount"] == "6000.00"
    assert Budget.objects.get(union=cast.union).amount == Decimal("6000")
    refused = chair.put("/api/v1/funds/budgets", {**body, "category": "nope"}, content_type=JSON)
    assert refused.status_code == 422 and refused.json()["code"] == "category_unknown"
    assert client_for(cast.users["member"]).put("/api/v1/funds/budgets", body, content_type=JSON).status_code == 403


def test_a_finished_month_is_signed_off_once_and_a_running_month_is_refused(cast, client_for):
    auditor = client_for(cast.users["auditor"])
    body = {"year": 2025, "month": 1, "note": "ok"}
    assert auditor.post("/api/v1/funds/periods/signoffs", body, content_type=JSON).status_code == 201
    again = auditor.post("/api/v1/funds/periods/signoffs", body, content_type=JSON)
    assert again.status_code == 409 and again.json()["code"] == "period_already_signed"
    today = dt.date.today()
    running = auditor.post("/api/v1/funds/periods/signoffs", {"year": today.year, "month": today.month},
                           content_type=JSON)
    assert running.status_code == 422 and running.json()["code"] == "period_not_ended"
    assert client_for(cast.users["chair"]).post("/api/v1/funds/periods/signoffs", {"year": 2025, "month": 2},
                                                content_type=JSON).status_code == 403


def test_the_books_open_with_a_balance_and_a_negative_one_is_refused(cast, client_for):
    finance = client_for(cast.users["finance"])
    assert finance.put("/api/v1/funds/opening", {"on": "2024-01-01", "balance": "1000"},
                       content_type=JSON).status_code == 200
    assert LedgerOpening.objects.get(union=cast.union).balance == Decimal("1000")
    refused = finance.put("/api/v1/funds/opening", {"on": "2024-01-01", "balance": "-1"}, content_type=JSON)
    assert refused.status_code == 422 and refused.json()["code"] == "opening_negative"
    assert client_for(cast.users["auditor"]).put("/api/v1/funds/opening", {"on": "2024-01-01", "balance": "1"},
                                                 content_type=JSON).status_code == 403


def test_a_dues_rate_is_computed_from_wages_and_a_negative_wage_is_refused(cast, client_for):
    finance = client_for(cast.users["finance"])
    body = {"worker_id": cast.workers["member"].pk, "from_month": "2025-01-15",
            "wage_items": {"职务工资": "3000", "级别工资": "1009"}}
    done = finance.put("/api/v1/funds/dues/rates", body, content_type=JSON)
    assert done.status_code == 200 and done.json()["monthly_due"] == "20.00"  # 4000 (rounded down to ¥10) × 0.5%
    assert DuesRate.objects.get(worker=cast.workers["member"]).from_month == dt.date(2025, 1, 1)
    refused = finance.put("/api/v1/funds/dues/rates", {**body, "wage_items": {"职务工资": "-1"}}, content_type=JSON)
    assert refused.status_code == 422 and refused.json()["code"] == "wage_negative"
    assert client_for(cast.users["member"]).put("/api/v1/funds/dues/rates", body, content_type=JSON).status_code == 403


def test_a_dues_sheet_is_imported_whole_or_not_at_all(cast, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    worker = cast.workers["member"]
    head = ["会员证号", "姓名", "月份", "金额"]
    good = _xlsx([head, [worker.membership.card_number, worker.name, "2025-03", 20]])
    bad = _xlsx([head, [worker.membership.card_number, worker.name, "2025-04", 20], ["CT9999", "无名", "2025-04", 20]])
    finance = client_for(cast.users["finance"])
    done = finance.post("/api/v1/funds/dues/import", {"file": SimpleUploadedFile("d.xlsx", good), "paid_on": "2025-04-01"})
    assert done.status_code == 201 and done.json()["imported"] == 1
    refused = finance.post("/api/v1/funds/dues/import", {"file": SimpleUploadedFile("d.xlsx", bad),
                                                         "paid_on": "2025-04-01"})
    assert refused.status_code == 422 and refused.json()["code"] == "dues_rows_invalid"
    assert DuesPayment.objects.count() == 1
    assert client_for(cast.users["auditor"]).post("/api/v1/funds/dues/import", {
        "file": SimpleUploadedFile("d.xlsx", good), "paid_on": "2025-04-01"}).status_code == 403


def test_a_payout_over_the_cap_with_a_reason_goes_to_the_chair_who_approves_it(cast, client_for):
    body = {"worker_id": cast.workers["member"].pk, "benefit": "festival", "amount": "1400", "form": "goods",
            "on": "2025-01-20", "festival": "spring_festival", "override_reason": "困难职工春节慰问"}
    finance = client_for(cast.users["finance"])
    sent = finance.post("/api/v1/funds/welfare-payouts/submit", body, content_type=JSON)
    assert sent.status_code == 201 and sent.json()["payout"] is None
    request_id = sent.json()["request"]["id"]
    cash = finance.post("/api/v1/funds/welfare-payouts/submit", {**body, "form": "cash", "amount": "100",
                                                                "override_reason": ""}, content_type=JSON)
    assert cash.status_code == 422 and cash.json()["code"] == "form_refused"
    url = f"/api/v1/funds/payout-requests/{request_id}/decide"
    assert finance.post(url, {"approve": True}, content_type=JSON).status_code == 403
    chair = client_for(cast.users["chair"])
    approved = chair.post(url, {"approve": True, "note": "同意"}, content_type=JSON)
    assert approved.status_code == 200 and approved.json()["status"] == "approved" and approved.json()["entry_id"]
    again = chair.post(url, {"approve": False}, content_type=JSON)
    assert again.status_code == 409 and again.json()["code"] == "request_decided"


def test_a_payout_request_of_another_union_is_not_found(cast, client_for):
    request = payout_request_submit(actor=None, union=cast.union, worker=cast.workers["member"], benefit="festival",
                                    amount=Decimal("1400"), form="goods", on=dt.date(2025, 1, 20),
                                    festival="spring_festival", reason="x")
    response = client_for(cast.users["outsider"]).post(f"/api/v1/funds/payout-requests/{request.pk}/decide",
                                                       {"approve": True}, content_type=JSON)
    assert response.status_code == 404

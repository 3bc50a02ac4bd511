import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.core.testing import images
from unionhome.funds.services import attachment_add, entry_reverse, ledger_export
from unionhome.funds.tests.factories import income, post

pytestmark = pytest.mark.django_db


def test_the_ledger_book_exports_with_running_balance_and_neutralised_formulas(cast):
    income(cast, "1000.00", on=dt.date(2024, 12, 1))
    income(cast, "500.00", on=dt.date(2025, 2, 1))
    post(cast, amount="120.00", on=dt.date(2025, 3, 2), note="=HYPERLINK(\"http://x\")", counterparty="+86 商店")
    bad = post(cast, amount="30.00", on=dt.date(2025, 3, 5), category="rights", subcategory="warmth",
               counterparty="@evil")
    entry_reverse(actor=None, entry=bad, reason="错记", on=dt.date(2025, 3, 6))
    post(cast, amount="999.00", on=dt.date(2025, 5, 1))  # outside the period
    data = ledger_export(actor=cast.users["auditor"], union=cast.union, year=2025, month_from=2, month_to=3)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["明细账"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[4][10] == 1000          # opening balance carried from 2024
    notes = [row[5] for row in values[5:]]
    assert "'=HYPERLINK(\"http://x\")" in notes
    assert "'+86 商店" in [row[6] for row in values] and "'@evil" in [row[6] for row in values]
    assert not any(isinstance(v, str) and v.startswith("=") for row in values for v in row)
    total = values[-1]
    assert total[5] == "本期合计" and total[8] == 500 and total[9] == 120 and total[10] == 1380
    audit = AuditEntry.objects.get(action="funds.ledger.exported")
    assert audit.after["rows"] == 4 and len(audit.after["sha256"]) == 64


def test_the_export_can_be_limited_to_one_category(cast):
    post(cast, amount="10.00")
    post(cast, amount="20.00", category="rights", subcategory="hardship_aid")
    data = ledger_export(actor=None, union=cast.union, year=2025, category="rights")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["明细账"]
    assert [r[0].value for r in sheet.iter_rows(min_row=6) if r[1].value][:1] and sheet.cell(7, 6).value == "本期合计"


PNG = images.PNG  # a real picture: uploads are re-encoded


def test_a_receipt_photo_is_stored_under_a_generated_name(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    entry = post(cast)
    attachment = attachment_add(actor=cast.users["finance"], entry=entry,
                                upload=SimpleUploadedFile("../../发票 1.png", PNG, content_type="image/png"))
    assert attachment.file.name.startswith(f"funds/receipts/{cast.union.pk}/") and "发票" not in attachment.file.name
    assert (tmp_path / attachment.file.name).read_bytes() == PNG
    assert attachment.original_name.endswith("发票 1.png")


@pytest.mark.parametrize("name,content,code", [
    ("invoice.exe", b"MZ....", "attachment_type"),
    ("invoice.png", b"<html>not a png</html>", "attachment_type"),
    ("invoice.pdf", b"%PDF-" + b"0" * (6 * 1024 * 1024), "attachment_too_large"),
])
def test_it_refuses_receipts_that_are_not_images_or_pdf_or_too_large(cast, settings, tmp_path, name, content, code):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(RuleViolation) as err:
        attachment_add(actor=None, entry=post(cast), upload=SimpleUploadedFile(name, content))
    assert err.value.code == code
    assert not list(tmp_path.rglob("*.*"))

"""In Chromium at a phone's width: the chair builds the year's 台账 bundle from the page and downloads it; the zip's
index lists exactly the files in it, and names are masked by default."""
import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from unionhome.core.testing import images
from unionhome.funds.services import attachment_add
from unionhome.funds.tests.factories import income, post
from unionhome.records.bundle import index_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
INDEX_XLSX, INDEX_DOCX = index_paths()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_the_chair_builds_and_downloads_the_years_bundle_on_a_phone(cast, login_as):
    entry = post(cast, amount="120.00", on=dt.date(2025, 3, 10), note="乒乓球拍")
    attachment_add(actor=None, entry=entry, upload=SimpleUploadedFile("r.png", images.PNG))
    income(cast, "1000.00", on=dt.date(2025, 1, 5))
    page = login_as("t_chair")
    page.goto("/records/")
    page.fill("#bundle-form input[name=year]", "2025")
    page.click("#bundle-form button[type=submit]")
    assert "2025年度台账包已生成" in page.content()  # the job's page: built, with a link back to the bundles
    page.click("text=查看结果")
    row = page.locator("#bundles tbody tr").first
    assert "2025" in row.inner_text() and "已脱敏" in row.inner_text()
    with page.expect_download() as download:
        row.locator("a:has-text('下载')").click()
    assert download.value.suggested_filename.endswith(".zip")
    zf = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    names = set(zf.namelist())
    assert {INDEX_XLSX, INDEX_DOCX} <= names
    rows = CalamineWorkbook.from_filelike(io.BytesIO(zf.read(INDEX_XLSX))).get_sheet_by_index(0).to_python()[4:]
    listed = {f for r in rows for f in str(r[5]).split("\n") if f}
    assert listed == names - {INDEX_XLSX, INDEX_DOCX}
    assert cast.workers["member"].name not in " ".join(str(c) for r in rows for c in r)  # masked by default
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.foreign == []

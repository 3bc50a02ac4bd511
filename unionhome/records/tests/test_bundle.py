"""The assessor's 台账 bundle (issue 12 §6)."""
import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from unionhome.core.errors import Conflict, Forbidden, RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.core.testing import images
from unionhome.funds.services import attachment_add
from unionhome.funds.tests.factories import income, post
from unionhome.records import services
from unionhome.records.bundle import index_paths
from unionhome.records.models import Bundle

pytestmark = pytest.mark.django_db
INDEX_XLSX, INDEX_DOCX = index_paths()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _zip(bundle) -> zipfile.ZipFile:
    handle = services.bundle_download(actor=bundle.requested_by, bundle=bundle)
    return zipfile.ZipFile(io.BytesIO(handle.read()))


def _index(zf) -> list[list]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(zf.read(INDEX_XLSX)))
    return book.get_sheet_by_index(0).to_python()[4:]


def _year(cast):
    entry = post(cast, amount="120.00", on=dt.date(2025, 3, 10), note="乒乓球拍")
    attachment_add(actor=None, entry=entry, upload=SimpleUploadedFile("r.png", images.PNG))
    income(cast, "1000.00", on=dt.date(2025, 1, 5))
    return entry


def test_the_bundle_lists_every_record_and_every_file_in_it(cast):
    entry = _year(cast)
    bundle = services.bundle_request(actor=cast.users["chair"], union=cast.union, year=2025, run_now=True)
    bundle.refresh_from_db()
    assert bundle.status == "ready" and bundle.expires_at is not None
    zf = _zip(bundle)
    names = set(zf.namelist())
    assert {INDEX_XLSX, INDEX_DOCX} <= names
    rows = _index(zf)
    listed = {f for r in rows for f in str(r[5]).split("\n") if f}
    assert listed == names - {INDEX_XLSX, INDEX_DOCX}  # the index names exactly the files in the zip
    voucher = next(r for r in rows if entry.voucher in str(r[3]))
    assert "funds.expense" in voucher[4] and voucher[2] == "2025-03-10"
    assert any(f.startswith("07-经费管理/票据-") for f in str(voucher[5]).split("\n"))  # the receipt, by its entry
    assert any(n.endswith("经费收支明细账.xlsx") for n in names)
    assert any(n.endswith("经费收支决算表.xlsx") for n in names)
    assert any(n.endswith("会员名册汇总.xlsx") for n in names)
    assert AuditEntry.objects.filter(action="records.bundle.downloaded").count() == 1


def test_personal_data_is_masked_unless_revealed_by_a_role_that_may(cast):
    _year(cast)
    name = cast.workers["member"].name
    masked = services.bundle_request(actor=cast.users["chair"], union=cast.union, year=2025, run_now=True)
    roster = next(n for n in _zip(masked).namelist() if n.endswith("会员名册汇总.xlsx"))
    people = CalamineWorkbook.from_filelike(io.BytesIO(_zip(Bundle.objects.get(pk=masked.pk)).read(roster)))
    cells = {c for row in people.get_sheet_by_name("会员名单").to_python() for c in row}
    assert name not in cells and name[0] + "*" * (len(name) - 1) in cells
    with pytest.raises(Forbidden):
        services.bundle_request(actor=cast.users["auditor"], union=cast.union, year=2025, reveal=True,
                                may_reveal=False, run_now=True)
    shown = services.bundle_request(actor=cast.users["chair"], union=cast.union, year=2025, reveal=True,
                                    may_reveal=True, run_now=True)
    people = CalamineWorkbook.from_filelike(io.BytesIO(_zip(shown).read(roster)))
    assert name in {c for row in people.get_sheet_by_name("会员名单").to_python() for c in row}


def test_a_year_without_records_gets_a_clear_message(cast):
    with pytest.raises(RuleViolation) as err:
        services.bundle_request(actor=cast.users["chair"], union=cast.union, year=2001, run_now=True)
    assert err.value.code == "bundle_empty" and "2001年度没有任何台账记录" in err.value.message
    assert not Bundle.objects.exists()


def test_a_bundle_is_kept_for_its_period_then_refused(cast, settings):
    _year(cast)
    bundle = services.bundle_request(actor=cast.users["chair"], union=cast.union, year=2025, run_now=True)
    bundle.refresh_from_db()
    path = bundle.file.path
    assert services.bundles_expire(now=bundle.expires_at + dt.timedelta(seconds=1)) == 1
    bundle.refresh_from_db()
    assert bundle.status == "gone"
    import os

    assert not os.path.exists(path)
    with pytest.raises(Conflict):
        services.bundle_download(actor=cast.users["chair"], bundle=bundle)


def test_the_api_starts_follows_and_downloads_a_bundle(cast, client_for):
    _year(cast)
    client = client_for(cast.users["chair"])
    started = client.post("/api/v1/records/bundles", {"year": 2025}, content_type="application/json")
    assert started.status_code == 201, started.content
    bundle_id = started.json()["id"]
    assert client.get(f"/api/v1/records/bundles/{bundle_id}").json()["status"] == "ready"
    zipped = client.get(f"/api/v1/records/bundles/{bundle_id}/download")
    assert zipped.status_code == 200
    assert INDEX_XLSX in zipfile.ZipFile(io.BytesIO(b"".join(zipped.streaming_content))).namelist()
    assert client_for(cast.users["federation"]).get(f"/api/v1/records/bundles/{bundle_id}").status_code == 403
    assert client_for(cast.users["auditor"]).get(f"/api/v1/records/bundles/{bundle_id}").status_code == 404


def test_the_index_has_one_row_per_record_of_each_registered_figure(cast):
    from unionhome.core import figures as registry
    from unionhome.core.figures import Scope, When

    _year(cast)
    bundle = services.bundle_request(actor=cast.users["chair"], union=cast.union, year=2025, run_now=True)
    rows = _index(_zip(bundle))
    for key in ("funds.income", "funds.expense"):
        figure = registry.get(key)
        expected = registry.record_list(figure, cast.union, When.for_year(2025), Scope()).count()
        assert sum(1 for r in rows if f"（{key}）" in str(r[4])) == expected == 1

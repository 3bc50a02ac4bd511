"""The 台账 bundle with the files in an S3 bucket (UNIONHOME_STORAGE=s3; moto's S3 server): the evidence is read
from the bucket into the zip, the zip is kept in the bucket and downloaded through the app; a one-time bundle is
deleted from the bucket and still delivered whole."""
import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.core.models import RuleSetting
from unionhome.funds.models import EntryAttachment as Attachment
from unionhome.funds.services import attachment_add
from unionhome.funds.tests.factories import income, post
from unionhome.records import services
from unionhome.records.bundle import index_paths

pytestmark = pytest.mark.django_db
INDEX_XLSX, _ = index_paths()


def _year(cast):
    entry = post(cast, amount="120.00", on=dt.date(2025, 3, 10), note="乒乓球拍")
    attachment_add(actor=None, entry=entry, upload=SimpleUploadedFile("r.pdf", b"%PDF-1.4 receipt"))
    income(cast, "1000.00", on=dt.date(2025, 1, 5))


def test_the_bundle_reads_the_evidence_from_the_bucket_and_is_kept_there(cast, client_for, s3_storage):
    _year(cast)
    receipt = Attachment.objects.get().file.name
    assert s3_storage.names() == [receipt]
    bundle = services.bundle_request(actor=cast.users["chair"], union=cast.union, year=2025, run_now=True)
    bundle.refresh_from_db()
    assert bundle.status == "ready" and sorted(s3_storage.names()) == sorted([receipt, bundle.file.name])
    response = client_for(cast.users["chair"]).get(f"/records/bundles/{bundle.pk}/download/")
    assert response.status_code == 200
    zf = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert INDEX_XLSX in zf.namelist()
    copied = [n for n in zf.namelist() if n.startswith("07-经费管理/票据-")]
    assert copied and zf.read(copied[0]) == b"%PDF-1.4 receipt"  # the receipt, read from the bucket


def test_a_one_time_bundle_is_deleted_from_the_bucket_and_still_delivered_whole(cast, client_for, s3_storage):
    _year(cast)
    RuleSetting.objects.create(union=cast.union, key="records.bundle_once", value=True,
                               effective_from=dt.date(2000, 1, 1), source="测试")
    bundle = services.bundle_request(actor=cast.users["chair"], union=cast.union, year=2025, run_now=True)
    bundle.refresh_from_db()
    assert bundle.once and bundle.file.name in s3_storage.names()
    response = client_for(cast.users["chair"]).get(f"/api/v1/records/bundles/{bundle.pk}/download")
    assert response.status_code == 200 and bundle.file.name not in s3_storage.names()
    assert INDEX_XLSX in zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()

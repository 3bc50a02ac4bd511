"""The restore drill with the files in an S3 bucket (UNIONHOME_STORAGE=s3; moto's S3 server): the backup holds the
bucket's objects, the restore puts every one back and removes what the archive does not have."""
from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from conftest import build_cast
from unionhome.backups import services
from unionhome.backups.tests.test_backup_drill import destroy, every_table

pytestmark = pytest.mark.django_db(transaction=True)
PHOTO = b"\xff\xd8\xff" + bytes(range(256)) * 50


def every_object(bucket) -> dict[str, bytes]:
    return {name: bucket.read(name) for name in bucket.names()}


def test_drill_with_the_files_in_a_bucket(s3_storage, tmp_path):
    build_cast()
    default_storage.save("activities/photos/1/photo.jpg", ContentFile(PHOTO))
    default_storage.save("funds/receipts/1/发票.pdf", ContentFile(b"%PDF-1.4 receipt"))
    default_storage.save("records/bundles/1/" + "big.zip", ContentFile(b"PK" * 3_000_000))  # 6 MB: spooled
    tables, objects = every_table(), every_object(s3_storage)
    result = services.backup_create(directory=tmp_path / "backups")
    assert sorted(result.manifest["files"]) == sorted(objects)
    assert b"photo.jpg" not in result.path.read_bytes()  # sealed

    destroy(tmp_path / "no-media")
    for name in s3_storage.names():
        default_storage.delete(name)
    default_storage.save("activities/photos/1/stray.jpg", ContentFile(b"written after the backup"))

    report = services.backup_restore(archive=result.path)
    assert report["files"] == 3
    assert every_object(s3_storage) == objects  # every object back, byte for byte; the stray one gone
    restored = every_table()
    restored["core_auditentry"] = [r for r in restored["core_auditentry"] if "backups.restored" not in r]
    assert restored == tables

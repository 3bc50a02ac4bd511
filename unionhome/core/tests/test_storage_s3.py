"""Uploads in an S3-compatible bucket (UNIONHOME_STORAGE=s3): written whole, private, read back only through the
app's views; the storage helpers behave as on the disk. The bucket is moto's S3 server (core/testing/s3.py)."""
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.activities.models import ActivityPhoto as Photo
from unionhome.activities.tests.helpers import make_activity
from unionhome.core.storage import stored_local_copy, stored_names, stored_replace, stored_take
from unionhome.core.storage_s3 import PrivateS3Storage
from unionhome.core.testing import images
from unionhome.core.testing.s3 import storage_settings


def test_the_setting_chooses_the_bucket_with_keys_from_the_environment():
    env = {**os.environ, "UNIONHOME_STORAGE": "s3", "UNIONHOME_S3_BUCKET": "union-files",
           "UNIONHOME_S3_ENDPOINT_URL": "http://minio:9000", "UNIONHOME_S3_ACCESS_KEY_ID": "AK",
           "UNIONHOME_S3_SECRET_ACCESS_KEY": "SK", "UNIONHOME_S3_REGION": "us-east-1",
           "UNIONHOME_S3_ADDRESSING_STYLE": "path", "DJANGO_SETTINGS_MODULE": "unionhome.settings"}
    code = "import json; from django.conf import settings; print(json.dumps(settings.STORAGES['default']))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=django_settings.BASE_DIR)
    chosen = json.loads(out.stdout)
    expected = storage_settings("union-files", "http://minio:9000")
    expected["OPTIONS"].update(access_key="AK", secret_key="SK")
    assert chosen == expected  # what the tests run on is what production gets
    assert chosen["OPTIONS"]["default_acl"] is None  # private objects


def test_an_unknown_storage_is_refused_at_start():
    env = {**os.environ, "UNIONHOME_STORAGE": "ftp", "DJANGO_SETTINGS_MODULE": "unionhome.settings"}
    out = subprocess.run([sys.executable, "-c", "from django.conf import settings; settings.STORAGES"], env=env,
                         capture_output=True, text=True, cwd=django_settings.BASE_DIR)
    assert out.returncode != 0 and "UNIONHOME_STORAGE must be files or s3" in out.stderr


def test_the_helpers_work_on_the_bucket(s3_storage):
    assert isinstance(default_storage, PrivateS3Storage)
    name = default_storage.save("jobs/a.bin", ContentFile(b"first"))
    assert s3_storage.names() == ["jobs/a.bin"] and s3_storage.read(name) == b"first"
    assert default_storage.save("jobs/a.bin", ContentFile(b"other")) != name  # a taken name is never overwritten
    assert stored_replace("jobs/p.json", b"{1}") == "jobs/p.json"
    assert stored_replace("jobs/p.json", b"{2}") == "jobs/p.json" and s3_storage.read("jobs/p.json") == b"{2}"
    default_storage.save("roster-imports/7/x.xlsx", ContentFile(b"PK"))
    assert sorted(stored_names()) == s3_storage.names()
    assert list(stored_names("roster-imports")) == ["roster-imports/7/x.xlsx"]
    with stored_local_copy(name) as path:
        assert path.read_bytes() == b"first"
    assert not path.exists()
    taken = stored_take(name)
    default_storage.delete(name)
    assert taken.read() == b"first" and name not in s3_storage.names()
    with pytest.raises(NotImplementedError):  # no bucket URL is ever handed out
        default_storage.url("jobs/p.json")


@pytest.mark.django_db
def test_a_photo_uploaded_on_the_page_is_kept_in_the_bucket_and_served_by_the_app(cast, client_for, s3_storage):
    activity = make_activity(cast)
    client = client_for(cast.users["chair"])
    client.post(f"/activities/{activity.pk}/photos/",
                {"file": SimpleUploadedFile("p.png", images.PNG, content_type="image/png")}, follow=True)
    photo = Photo.objects.get(activity=activity)
    assert s3_storage.names() == [photo.file.name] and photo.file.name.startswith(f"activities/photos/{cast.union.pk}/")
    response = client.get(f"/activities/photos/{photo.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == s3_storage.read(photo.file.name)  # streamed from the bucket
    assert client_for(cast.users["outsider"]).get(f"/activities/photos/{photo.pk}/").status_code in (403, 404)


@pytest.mark.django_db
def test_a_bucket_that_does_not_answer_gives_a_message_and_keeps_nothing(cast, client_for, s3_storage):
    activity = make_activity(cast)
    s3_storage.client.delete_bucket(Bucket=s3_storage.name)  # gone (or the key lost its rights)
    response = client_for(cast.users["chair"]).post(
        f"/activities/{activity.pk}/photos/",
        {"file": SimpleUploadedFile("p.png", images.PNG, content_type="image/png")}, follow=True)
    assert response.status_code == 200 and "文件存储暂时无法访问" in response.content.decode()
    assert not Photo.objects.filter(activity=activity).exists()

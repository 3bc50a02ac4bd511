"""The roster import with the files in an S3 bucket (UNIONHOME_STORAGE=s3; moto's S3 server): the preview's file is
an object any server can read, gone once the import is done, cancelled or expired; a large import's progress and
outcome are followed through the bucket too."""
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from unionhome.jobs.models import Job
from unionhome.jobs.running import job_run
from unionhome.members import jobs as member_jobs
from unionhome.members import uploads
from unionhome.members.models import Worker
from unionhome.members.tests.io_files import person, write_roster

pytestmark = pytest.mark.django_db


def preview(client, tmp_path, rows):
    data = write_roster(tmp_path / "in.xlsx", rows).read_bytes()
    return client.post("/members/import/", {"file": SimpleUploadedFile("我的花名册.xlsx", data)})


def roster_objects(bucket):
    return bucket.names("roster-imports/")


def token_of(name: str) -> str:
    return name.rsplit("/", 1)[1].removesuffix(".xlsx")


def test_preview_then_confirm_reads_the_file_from_the_bucket_and_deletes_it(cast, client_for, s3_storage, tmp_path):
    client = client_for(cast.users["chair"])
    assert "cancel-import" in preview(client, tmp_path, [person(1), person(2)]).content.decode()
    [name] = roster_objects(s3_storage)
    assert name.startswith(f"roster-imports/{cast.union.pk}/") and "花名册" not in name
    assert s3_storage.read(name)[:2] == b"PK" and not Worker.objects.filter(name="测试男1").exists()
    done = client.post("/members/import/confirm/", {"token": token_of(name)}, follow=True)
    assert "已导入 2 人" in done.content.decode()
    assert Worker.objects.filter(name="测试男1").exists() and roster_objects(s3_storage) == []


def test_cancel_and_expiry_delete_the_object(cast, client_for, s3_storage, tmp_path, monkeypatch):
    client = client_for(cast.users["chair"])
    preview(client, tmp_path, [person(1)])
    [name] = roster_objects(s3_storage)
    client.post("/members/import/cancel/", {"token": token_of(name)})
    assert roster_objects(s3_storage) == []
    preview(client, tmp_path, [person(1)])
    preview(client, tmp_path, [person(2)])
    assert len(roster_objects(s3_storage)) == 2
    # an hour later (the bucket's own modification times): the sweep deletes both, in every union's folder
    s3_storage.put("roster-imports/999999/" + "a" * 32 + ".xlsx", b"PK")
    later = time.time() + uploads.MAX_AGE_SECONDS + 5
    monkeypatch.setattr(uploads.time, "time", lambda: later)
    call_command("sweep_roster_uploads")
    assert roster_objects(s3_storage) == []


def test_an_expired_token_is_refused_even_before_the_sweep(cast, client_for, s3_storage, tmp_path, monkeypatch):
    client = client_for(cast.users["chair"])
    preview(client, tmp_path, [person(1)])
    [name] = roster_objects(s3_storage)
    later = time.time() + uploads.MAX_AGE_SECONDS + 5
    monkeypatch.setattr(uploads.time, "time", lambda: later)
    response = client.post("/members/import/confirm/", {"token": token_of(name)}, follow=True)
    assert "上传的文件已过期" in response.content.decode() and roster_objects(s3_storage) == []


def test_a_large_import_runs_in_the_background_with_its_progress_in_the_bucket(cast, client_for, s3_storage,
                                                                                 tmp_path, monkeypatch):
    monkeypatch.setattr(member_jobs, "BACKGROUND_BYTES", 0)  # every file counts as large
    client = client_for(cast.users["chair"])
    preview(client, tmp_path, [person(i) for i in range(1, 6)])
    [name] = roster_objects(s3_storage)
    response = client.post("/members/import/confirm/", {"token": token_of(name), "rows": "5"})
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/" and job.status == "queued"
    seen = []
    real = member_jobs.importing.roster_import

    def watched(**kwargs):  # what the page shows while the worker imports: read from the bucket
        def progress(table, done):
            kwargs_progress(table, done)
            seen.append(client.get(f"/api/v1/jobs/{job.pk}").json()["percent"])
        kwargs_progress = kwargs.pop("progress")
        return real(progress=progress, **kwargs)

    monkeypatch.setattr(member_jobs.importing, "roster_import", watched)
    job_run(job.pk)  # the worker, on whichever server
    job.refresh_from_db()
    assert job.status == "done" and "已导入 5 人" in job.message
    assert seen and max(seen) > 0  # the progress file in the bucket was read while the import ran
    assert s3_storage.names() == []  # the roster file and the progress file are gone


def test_a_token_of_another_union_or_unknown_finds_no_object(cast, client_for, s3_storage, tmp_path):
    preview(client_for(cast.users["chair"]), tmp_path, [person(1)])
    [name] = roster_objects(s3_storage)
    response = client_for(cast.users["outsider"]).post("/members/import/confirm/", {"token": token_of(name)},
                                                       follow=True)
    assert "上传的文件已过期" in response.content.decode() and not Worker.objects.filter(name="测试男1").exists()
    response = client_for(cast.users["chair"]).post("/members/import/confirm/", {"token": "b" * 32}, follow=True)
    assert "上传的文件已过期" in response.content.decode()
    assert roster_objects(s3_storage) == [name]  # the chair's preview is still there to confirm

"""Long work in the background: a large roster import queued, its progress readable while it runs (also after a
reload), its outcome kept; failures reported in words with nothing kept; only the starter sees the job."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.jobs.models import Job
from unionhome.jobs.registry import Outcome, runner
from unionhome.jobs.running import FAILED_MESSAGE, Progress, job_run
from unionhome.jobs.services import job_progress, job_start
from unionhome.members import jobs as member_jobs
from unionhome.members.models import Worker
from unionhome.members.tests.io_files import person, write_roster

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@runner("tests.export", "测试导出")
def _export(*, job, progress):
    progress(1, 2, "一半")
    if job.params.get("fail") == "rule":
        raise RuleViolation("tests_refused", "条件不符，未导出")
    if job.params.get("fail") == "crash":
        raise RuntimeError("disk full")
    return Outcome(message="导出完成", file=b"PK-data", filename="名单.xlsx")


def _upload_large(client, tmp_path, monkeypatch, n=5):
    monkeypatch.setattr(member_jobs, "BACKGROUND_BYTES", 0)  # every file counts as large
    data = write_roster(tmp_path / "in.xlsx", [person(i) for i in range(1, n + 1)]).read_bytes()
    page = client.post("/members/import/", {"file": SimpleUploadedFile("r.xlsx", data)}).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    return client.post("/members/import/confirm/", {"token": token, "rows": str(n)})


def test_a_large_roster_import_runs_in_the_background_and_its_page_shows_the_outcome(cast, client_for, tmp_path,
                                                                                     monkeypatch):
    client = client_for(cast.users["chair"])
    before = Worker.objects.count()
    response = _upload_large(client, tmp_path, monkeypatch)
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    assert job.status == "queued" and Worker.objects.count() == before  # nothing done in the request
    assert 'hx-trigger="every 1s"' in client.get(f"/jobs/{job.pk}/").content.decode()  # keeps polling
    job_run(job.pk)  # what the worker does
    job.refresh_from_db()
    assert job.status == "done" and Worker.objects.count() == before + 5
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "已导入 5 人" in page and "every 1s" not in page
    job_run(job.pk)  # a second worker finding it does nothing
    assert Worker.objects.count() == before + 5


def test_progress_is_readable_while_the_job_runs_in_its_own_transaction(cast):
    job = Job.objects.create(union=cast.union, created_by=cast.users["chair"], kind="tests.export", status="running")
    Progress(job.pk)(25, 100, "写入职工")
    assert job_progress(job)["percent"] == 25
    Progress(job.pk)(100, 100, "写入职工")
    assert job_progress(job)["percent"] == 99  # 100 only once the job has finished


def test_a_finished_job_offers_its_file_to_its_starter_only_and_the_download_is_audited(cast, client_for):
    job = job_start(actor=cast.users["chair"], union=cast.union, kind="tests.export", params={}, run_now=True)
    assert job.status == "done" and job.result_name == "名单.xlsx"
    response = client_for(cast.users["chair"]).get(f"/jobs/{job.pk}/download/")
    assert b"".join(response.streaming_content) == b"PK-data"
    assert AuditEntry.objects.filter(action="jobs.job.downloaded", target_id=str(job.pk)).exists()
    for role in ("committee", "admin", "outsider"):
        assert client_for(cast.users[role]).get(f"/jobs/{job.pk}/").status_code == 404
        assert client_for(cast.users[role]).get(f"/api/v1/jobs/{job.pk}").status_code == 404
    assert client_for(cast.users["chair"]).get(f"/api/v1/jobs/{job.pk}").json()["percent"] == 100


@pytest.mark.parametrize("fail, message", [("rule", "条件不符，未导出"), ("crash", FAILED_MESSAGE)])
def test_a_failed_job_says_why_in_words_and_keeps_nothing(cast, client_for, fail, message):
    job = job_start(actor=cast.users["chair"], union=cast.union, kind="tests.export", params={"fail": fail},
                    run_now=True)
    assert job.status == "failed" and job.message == message and job.result_file == ""
    page = client_for(cast.users["chair"]).get(f"/jobs/{job.pk}/").content.decode()
    assert str(message) in page
    response = client_for(cast.users["chair"]).get(f"/jobs/{job.pk}/download/", follow=True)
    assert "该任务没有可下载的结果" in response.content.decode()


def test_a_queued_job_reaches_the_worker_queue_after_the_commit(cast, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(actor=cast.users["chair"], union=cast.union, kind="tests.export", params={})
    assert DBTaskResult.objects.filter(args_kwargs__args=[job.pk]).exists()


def test_a_large_export_is_written_in_the_background_with_the_same_rows_the_user_may_see(cast, client_for,
                                                                                        monkeypatch):
    import io

    from openpyxl import load_workbook

    monkeypatch.setattr(member_jobs, "EXPORT_BACKGROUND_ROWS", 0)
    for role, expected in (("chair", Worker.objects.filter(union=cast.union).count()),
                           ("group_leader", Worker.objects.filter(group=cast.groups[0]).count())):
        client = client_for(cast.users[role])
        response = client.get("/members/export.xlsx")
        job = Job.objects.filter(created_by=cast.users[role]).get()
        assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
        job_run(job.pk)
        response = client.get(f"/jobs/{job.pk}/download/")
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        assert sheet.max_row - 1 == expected
    assert AuditEntry.objects.filter(action="members.roster.exported").count() == 2

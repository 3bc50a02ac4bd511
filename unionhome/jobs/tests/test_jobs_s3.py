"""A job's result and progress in an S3 bucket (UNIONHOME_STORAGE=s3; moto's S3 server): downloaded by its starter
through the app, a one-time result deleted from the bucket yet delivered whole."""
import pytest

from unionhome.core.models import AuditEntry
from unionhome.jobs.models import Job
from unionhome.jobs.registry import Outcome, runner
from unionhome.jobs.running import Progress
from unionhome.jobs.services import job_progress, job_start

pytestmark = pytest.mark.django_db
DATA = b"PK" + bytes(range(256)) * 100


@runner("tests.s3_export", "测试导出")
def _export(*, job, progress):
    progress(1, 2, "一半")
    return Outcome(message="导出完成", file=DATA, filename="名单.xlsx", once=bool(job.params.get("once")))


def test_the_result_is_kept_in_the_bucket_and_downloaded_through_the_app(cast, client_for, s3_storage):
    job = job_start(actor=cast.users["chair"], union=cast.union, kind="tests.s3_export", params={}, run_now=True)
    assert job.status == "done" and s3_storage.names() == [job.result_file]  # no progress file left behind
    assert s3_storage.read(job.result_file) == DATA
    response = client_for(cast.users["chair"]).get(f"/jobs/{job.pk}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == DATA
    assert "%E5%90%8D%E5%8D%95.xlsx" in response["Content-Disposition"]  # 名单.xlsx
    assert AuditEntry.objects.filter(action="jobs.job.downloaded", target_id=str(job.pk)).exists()
    assert client_for(cast.users["committee"]).get(f"/jobs/{job.pk}/download/").status_code == 404


def test_a_one_time_result_is_deleted_from_the_bucket_and_still_delivered_whole(cast, client_for, s3_storage):
    job = job_start(actor=cast.users["chair"], union=cast.union, kind="tests.s3_export", params={"once": True},
                    run_now=True)
    client = client_for(cast.users["chair"])
    response = client.get(f"/jobs/{job.pk}/download/")
    assert s3_storage.names() == []  # gone before the bytes were sent …
    assert b"".join(response.streaming_content) == DATA  # … which were taken first
    again = client.get(f"/jobs/{job.pk}/download/", follow=True)
    assert "结果文件已清理" in again.content.decode()


def test_progress_written_by_one_server_is_read_by_another(cast, s3_storage):
    job = Job.objects.create(union=cast.union, created_by=cast.users["chair"], kind="tests.s3_export",
                             status="running")
    Progress(job.pk)(25, 100, "写入职工")
    assert s3_storage.names() == [f"jobs/{job.pk}.progress.json"]
    assert job_progress(job)["percent"] == 25 and job_progress(job)["stage"] == "写入职工"
    Progress(job.pk)(100, 100, "写入职工")  # replaced in place
    assert job_progress(job)["percent"] == 99 and len(s3_storage.names()) == 1

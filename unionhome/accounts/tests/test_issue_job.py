"""Issuing logins for many members runs in the background with a progress bar; the slips hold live codes, so the
file is downloaded once and then gone."""
import io

import pytest
from docx import Document

from unionhome.accounts import services_activation
from unionhome.accounts.models import ActivationCode
from unionhome.jobs.models import Job
from unionhome.jobs.running import job_run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_a_large_issue_runs_in_the_background_and_its_slips_download_once(cast, client_for, monkeypatch):
    monkeypatch.setattr(services_activation, "ISSUE_BACKGROUND_MEMBERS", 0)
    chair = client_for(cast.users["chair"])
    response = chair.post("/accounts/issue/slips/", {"group": ""})
    job = Job.objects.get(kind="accounts.issue_slips")
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    assert not ActivationCode.objects.exists()  # nothing issued in the request
    job_run(job.pk)
    job.refresh_from_db()
    assert job.status == "done" and job.result_once
    issued = ActivationCode.objects.count()
    assert issued > 0
    first = chair.get(f"/jobs/{job.pk}/download/")
    assert first.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(b"".join(first.streaming_content))).paragraphs)
    assert text  # the slips
    second = chair.get(f"/jobs/{job.pk}/download/")
    assert second.status_code == 302  # gone: the codes existed in one file, once
    job.refresh_from_db()
    assert job.result_file == ""


def test_a_small_issue_answers_with_the_slips_at_once(cast, client_for):
    chair = client_for(cast.users["chair"])
    response = chair.post("/accounts/issue/slips/", {"group": ""})
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert not Job.objects.exists()


def test_a_group_leader_cannot_queue_the_whole_union(cast, client_for, monkeypatch):
    monkeypatch.setattr(services_activation, "ISSUE_BACKGROUND_MEMBERS", 0)
    leader = client_for(cast.users["group_leader"])
    leader.post("/accounts/issue/slips/", {"group": ""})
    assert not Job.objects.exists()

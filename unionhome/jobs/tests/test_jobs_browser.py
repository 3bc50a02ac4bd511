import pytest

from unionhome.members.tests.io_files import person, write_roster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_large_import_shows_a_progress_bar_that_survives_a_reload_then_its_outcome(cast, login_as, tmp_path,
                                                                                    monkeypatch, settings):
    from unionhome.jobs.models import Job
    from unionhome.jobs.running import Progress, job_run
    from unionhome.members import jobs as member_jobs

    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setattr(member_jobs, "BACKGROUND_BYTES", 0)
    path = write_roster(tmp_path / "大名单.xlsx", [person(i) for i in range(1, 31)])
    page = login_as("t_chair")
    page.goto("/members/import/")
    page.set_input_files("input[type=file]", str(path))
    page.click("#upload-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.click("#confirm-form button[type=submit]")
    page.wait_for_url("**/jobs/*/")
    page.wait_for_load_state("networkidle")
    job = Job.objects.get()
    Progress(job.pk)(12, 30, "写入职工")  # the worker is half-way
    page.reload()
    page.wait_for_selector("#job-progress:has-text('12 / 30')")
    assert page.locator(".progress-bar").inner_text().strip() == "40%"
    page.goto("about:blank")  # the live server shares SQLite's connection: nothing polls while the test writes
    job_run(job.pk)  # the worker finishes
    page.goto(f"/jobs/{job.pk}/")
    page.wait_for_selector("#job-message:has-text('已导入 30 人')", timeout=10_000)
    assert page.locator("[hx-trigger]").count() == 0  # finished: the page stops polling
    assert page.foreign == []

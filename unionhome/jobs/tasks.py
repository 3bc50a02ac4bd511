"""The one background task behind every job kind."""
from django_tasks import task

from unionhome.jobs.running import job_run


@task()
def run_job(job_id: int) -> None:
    job_run(job_id)

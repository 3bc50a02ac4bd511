"""Starting and running background jobs (django-tasks, database queue: SQLite and PostgreSQL alike, no broker;
``manage.py db_worker`` runs them and ``./run`` starts it).

Progress is written to a small file in the storage beside the job's result (``jobs/<id>.progress.json`` in the
shared directory or the bucket), not to the database: the work itself usually runs in one transaction (an import
is all-or-nothing), and a row updated inside it would stay invisible to the page until the end; a second database
connection would do on PostgreSQL but waits on SQLite's single writer for the whole import. The file is replaced
whole (a rename on disk, one PUT in a bucket: both atomic, and S3 reads see the latest write), at most twice a
second, so the page on any server never reads half of it and the bucket sees a few small writes per job.
Results are stored files too (``jobs/<id>-<random>.bin``), downloaded through the job's page only."""
from __future__ import annotations

import json

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext

from unionhome.core.audit import audit_log
from unionhome.core.errors import RuleViolation
from unionhome.core.storage import stored_take
from unionhome.jobs.models import Job
from unionhome.jobs.registry import kind as kind_of
from unionhome.jobs.running import job_run, progress_name


def job_progress(job: Job) -> dict:
    """``{"done", "total", "stage", "percent"}`` of a running job (a finished job is at 100)."""
    if job.status == Job.Status.DONE:
        return {"done": 1, "total": 1, "stage": "", "percent": 100}
    try:
        with default_storage.open(progress_name(job.pk), "rb") as fh:
            data = json.loads(fh.read().decode())
    except (OSError, ValueError):
        data = {"done": 0, "total": 0, "stage": ""}
    total = data.get("total") or 0
    data["percent"] = min(99, int(100 * data.get("done", 0) / total)) if total else 0
    return data


def job_start(*, actor, union, kind: str, params: dict, run_now: bool = False) -> Job:
    """Queue ``kind`` for ``actor``; the job row is committed before the worker may look for it. ``run_now`` runs it
    in this request instead (small inputs: nothing to wait for)."""
    kind_of(kind)  # unknown kinds fail here, not in the worker
    with transaction.atomic():
        job = Job.objects.create(union=union, created_by=actor, kind=kind, params=params)
        audit_log(actor=actor, union=union, action="jobs.job.started", target=job, note=kind)
    if run_now:
        job_run(job.pk)
    else:
        from unionhome.jobs.tasks import run_job

        transaction.on_commit(lambda: run_job.enqueue(job.pk))
    job.refresh_from_db()
    return job


def result_name(job: Job) -> str | None:
    """The stored result of a finished job, or None (no result, or already cleaned up)."""
    if job.status != Job.Status.DONE or not job.result_file:
        return None
    name = job.result_file if "/" in job.result_file else f"jobs/{job.result_file}"  # older rows: the bare name
    return name if default_storage.exists(name) else None


@transaction.atomic
def job_result_download(*, actor, job: Job):
    """The result for the person who started the job, as an open binary file read from the storage; every
    download is audited. A result for one download only (``Outcome.once``) is deleted here, after its bytes were
    taken into a local temporary file (a deleted object is gone for every reader); a second download is refused."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    name = result_name(job)
    if name is None:
        raise RuleViolation("job_no_result", gettext("该任务没有可下载的结果，或结果文件已清理，请重新执行"))
    audit_log(actor=actor, union=job.union, action="jobs.job.downloaded", target=job, note=job.result_name)
    if not job.result_once:
        return default_storage.open(name, "rb")
    handle = stored_take(name)
    default_storage.delete(name)
    job.result_file = ""
    job.save(update_fields=["result_file"])
    return handle

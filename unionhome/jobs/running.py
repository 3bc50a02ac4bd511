"""The worker's side of a job: claim it, run its kind, keep its outcome and its progress file (both in the storage). Its own module so that
starting a job (``services``) and the background task (``tasks``) both depend on it, not on each other."""
from __future__ import annotations

import json
import logging
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext_lazy

from unionhome.core.errors import DomainError
from unionhome.core.storage import stored_replace
from unionhome.jobs.models import Job
from unionhome.jobs.registry import kind as kind_of

logger = logging.getLogger(__name__)
FAILED_MESSAGE = gettext_lazy("处理过程中出错，没有保存任何结果。请重试；如果再次失败，请联系管理员")


RESULTS = "jobs"  # the folder of results and progress files in the storage


def progress_name(job_id: int) -> str:
    return f"{RESULTS}/{job_id}.progress.json"


class Progress:
    """``progress(done, total, stage="")``: how far the job is; written at most every 0.5 s."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self._last = 0.0

    def __call__(self, done: int, total: int, stage: str = "") -> None:
        now = timezone.now().timestamp()
        if now - self._last < 0.5 and done < total:
            return
        self._last = now
        data = json.dumps({"done": done, "total": total, "stage": stage}).encode()
        stored_replace(progress_name(self.job_id), data)  # replaced whole: a reader never sees half of it


def job_run(job_id: int) -> None:
    """The worker's side: claim the job (once), run it, keep its outcome. A ``DomainError`` is the user's message;
    anything else is logged and reported as a failure with nothing kept."""
    if not Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(status=Job.Status.RUNNING,
                                                                           started_at=timezone.now()):
        return  # another worker took it, or it already ran
    job = Job.objects.select_related("union", "created_by").get(pk=job_id)
    try:
        outcome = kind_of(job.kind).run(job=job, progress=Progress(job.pk))
    except DomainError as exc:
        _finish(job, Job.Status.FAILED, exc.message)
    except Exception:
        logger.exception("background job %s (%s) failed", job.pk, job.kind)
        _finish(job, Job.Status.FAILED, FAILED_MESSAGE)
    else:
        if outcome.file is not None:
            name = default_storage.save(f"{RESULTS}/{job.pk}-{secrets.token_hex(8)}.bin", ContentFile(outcome.file))
            job.result_file, job.result_name, job.result_once = name, outcome.filename, outcome.once
        job.next_url = outcome.next_url
        _finish(job, Job.Status.DONE, outcome.message)
    finally:
        default_storage.delete(progress_name(job.pk))


def _finish(job: Job, status: str, message: str) -> None:
    job.status, job.message, job.finished_at = status, message, timezone.now()
    job.save(update_fields=["status", "message", "finished_at", "result_file", "result_name", "result_once",
                            "next_url"])

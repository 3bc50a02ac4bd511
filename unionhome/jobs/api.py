"""A background job's state over the API (the person who started it only)."""
import datetime as dt

from django.utils.translation import gettext_lazy
from ninja import Router, Schema

from unionhome.core.permissions import api_require
from unionhome.jobs import queries
from unionhome.jobs.services import job_progress

router = Router(tags=[gettext_lazy("后台任务")])


class JobOut(Schema):
    id: int
    kind: str
    status: str
    message: str
    percent: int
    done: int
    total: int
    has_result: bool
    created_at: dt.datetime
    finished_at: dt.datetime | None


@router.get("/{job_id}", response=JobOut, url_name="jobs_job")
def job_api(request, job_id: int):
    ctx = api_require(request)
    job = queries.own_job_or_404(ctx, job_id)
    progress = job_progress(job)
    return {"id": job.pk, "kind": job.kind, "status": job.status, "message": job.message,
            "percent": progress["percent"], "done": progress.get("done", 0), "total": progress.get("total", 0),
            "has_result": bool(job.result_file), "created_at": job.created_at, "finished_at": job.finished_at}

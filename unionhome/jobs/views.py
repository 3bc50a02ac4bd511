from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.core.permissions import login_only
from unionhome.jobs import queries
from unionhome.jobs.registry import kind
from unionhome.jobs.services import job_progress, job_result_download, result_name


def _context(job) -> dict:
    return {"job": job, "label": kind(job.kind).label, "progress": job_progress(job),
            "stalled": queries.stalled(job, now=timezone.now()),
            "finished": job.status in ("done", "failed")}


@login_only
def job_detail(request, pk: int):
    """The job's page: a progress bar that keeps polling (a reload finds the same job), then the outcome."""
    job = queries.own_job_or_404(request.ctx, pk)
    return render(request, "jobs/detail.html", _context(job))


@login_only
def job_status(request, pk: int):
    job = queries.own_job_or_404(request.ctx, pk)
    return render(request, "jobs/_status.html", _context(job))


@login_only
def job_download(request, pk: int):
    job = queries.own_job_or_404(request.ctx, pk)
    if result_name(job) is None:
        messages.error(request, _("该任务没有可下载的结果，或结果文件已清理，请重新执行"))
        return redirect("jobs:detail", job.pk)
    return FileResponse(job_result_download(actor=request.user, job=job), as_attachment=True,
                        filename=job.result_name)

from django.http import Http404

from unionhome.jobs.models import Job


def own_job_or_404(ctx, pk: int) -> Job:
    """A job is seen only by the person who started it, in the union it ran for; anyone else gets 404."""
    job = Job.objects.filter(pk=pk, created_by=ctx.user, union=ctx.union).first() if ctx.union else None
    if job is None:
        raise Http404
    return job


def stalled(job: Job, *, now) -> bool:
    """Running for over an hour: the worker probably stopped (the page says so instead of spinning for ever)."""
    return job.status == Job.Status.RUNNING and job.started_at is not None and (now - job.started_at).total_seconds() > 3600

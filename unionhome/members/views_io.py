"""Pages of the roster import wizard (upload → preview → confirm), the template and the export."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.core.permissions import require
from unionhome.core.views import attempt, form_page
from unionhome.jobs.services import job_start
from unionhome.members import exporting, importing
from unionhome.members import jobs as roster_jobs
from unionhome.members.forms import WorkerFilterForm
from unionhome.members.forms_io import ExportFullForm, RosterConfirmForm, RosterUploadForm
from unionhome.members.queries import WorkerFilters, visible_scope, worker_search, worker_visible_to
from unionhome.members.uploads import upload_discard, upload_local, upload_name, upload_size, upload_store

PREVIEW_ERRORS = 500


def _download(result: exporting.ExportFile) -> FileResponse:
    return FileResponse(result.file, as_attachment=True, filename=result.filename,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@require("members.import")
def roster_import_upload(request):
    """GET: the upload form. POST: store the file, check every row, show the preview."""
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "max_errors": PREVIEW_ERRORS}
    if request.method == "POST" and form.is_valid():
        stored = attempt(lambda: upload_store(request.ctx.union, form.cleaned_data["file"]), form=form, field="file")
        if not stored:  # the disk is full: the message is on the form, nothing was kept
            return render(request, "members/io/import.html", context)
        token, name = stored.value
        try:
            with upload_local(name) as path:
                outcome = attempt(lambda: importing.roster_import(actor=request.user, union=request.ctx.union,
                                                                  path=path, dry_run=True), form=form, field="file")
        except BaseException:  # a crash must not leave ID numbers in the storage
            upload_discard(name)
            raise
        if not outcome:
            upload_discard(name)
        else:
            report = outcome.value
            if not report.valid:  # nothing could be confirmed: the file is not needed any more
                upload_discard(name)
                token = ""
            context.update(report=report, token=token, errors=report.errors[:PREVIEW_ERRORS])
    return render(request, "members/io/import.html", context)


@require_POST
@require("members.import")
def roster_import_confirm(request):
    """Import the previewed file: a small one at once, a large one in the background (its page shows the progress
    and survives a reload)."""
    form = RosterConfirmForm(request.POST)
    name = upload_name(request.ctx.union, form.data.get("token", "")) if form.is_valid() else None
    if name is None:
        messages.error(request, _("上传的文件已过期，请重新上传"))
        return redirect("members:import")
    job = job_start(actor=request.user, union=request.ctx.union, kind="members.roster_import",
                    params={"token": form.cleaned_data["token"], "valid_only": form.cleaned_data["valid_only"],
                            "rows": form.cleaned_data["rows"] or 0},
                    run_now=upload_size(name) <= roster_jobs.BACKGROUND_BYTES)
    if job.status == "done":
        messages.success(request, job.message)
        return redirect("members:list")
    if job.status == "failed":
        messages.error(request, job.message)
        return redirect("members:import")
    return redirect("jobs:detail", job.pk)


@require_POST
@require("members.import")
def roster_import_cancel(request):
    """The user drops a previewed file: it is deleted at once."""
    form = RosterConfirmForm(request.POST)
    if form.is_valid():
        upload_discard(upload_name(request.ctx.union, form.cleaned_data["token"]))
    messages.info(request, _("已取消导入，上传的文件已删除"))
    return redirect("members:import")


@require("members.import")
def roster_import_template(request):
    return _download(exporting.roster_template(union=request.ctx.union))


def _export_filters(request) -> WorkerFilters:
    form = WorkerFilterForm(request.GET or None, union=request.ctx.union)
    return WorkerFilters(**form.cleaned_data) if form.is_valid() else WorkerFilters()


def _filter_query(request) -> str:
    query = request.GET.copy()
    for key in ("unmasked", "page"):
        query.pop(key, None)
    return query.urlencode()


@require("members.export")
def roster_export(request):
    """The member list's current filters, as an xlsx with ID numbers and mobiles masked.
    Full values only through the confirmation page (``roster_export_full``)."""
    if request.GET.get("unmasked") == "1":
        if not request.ctx.has("members.reveal"):
            raise PermissionDenied
        return redirect(reverse("members:export_full") + "?" + _filter_query(request))
    filters = _export_filters(request)
    workers = worker_search(worker_visible_to(request.ctx), filters)
    count = workers.count()
    if count > roster_jobs.EXPORT_BACKGROUND_ROWS:
        return redirect(_export_job(request, filters, count))
    result = exporting.roster_export(actor=request.user, union=request.ctx.union, workers=workers,
                                     filters={k: v for k, v in vars(filters).items() if v})
    return _download(result)


def _export_job(request, filters: WorkerFilters, count: int, *, reason: str = "") -> str:
    """A large export goes to the background worker; the user follows it on the job's page."""
    job = job_start(actor=request.user, union=request.ctx.union, kind="members.roster_export",
                    params={"filters": {k: v for k, v in vars(filters).items() if v},
                            "scope": visible_scope(request.ctx), "rows": count, "unmasked": bool(reason),
                            "reason": reason})
    return reverse("jobs:detail", args=[job.pk])


@require("members.export", "members.reveal")
def roster_export_full(request):
    """GET: what will be exported, and the purpose to state. POST (with the purpose): the unmasked xlsx."""
    filters = _export_filters(request)
    workers = worker_search(worker_visible_to(request.ctx), filters)
    form = ExportFullForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and workers.count() > roster_jobs.EXPORT_BACKGROUND_ROWS:
        return redirect(_export_job(request, filters, workers.count(), reason=form.cleaned_data["reason"]))
    return form_page(request, form, lambda d: exporting.roster_export(
        actor=request.user, union=request.ctx.union, workers=workers, unmasked=True, may_reveal=True,
        reason=d["reason"], filters={k: v for k, v in vars(filters).items() if v}),
        to=_download, template="members/io/export_full.html",
        context=lambda: {"count": workers.count(), "query": _filter_query(request)})

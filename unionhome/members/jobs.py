"""The roster's long jobs, run by the background worker (``unionhome.jobs``)."""
from django.urls import reverse
from django.utils.translation import gettext as _

from unionhome.core.errors import RuleViolation
from unionhome.jobs.registry import Outcome, runner
from unionhome.members import exporting, importing
from unionhome.members.uploads import upload_discard, upload_local, upload_name

# Exports of more rows than this are written in the background (the page shows the progress, then the file).
EXPORT_BACKGROUND_ROWS = 5_000
# Files above this size are imported in the background with a progress bar (about 2,000 rows); smaller ones at once.
BACKGROUND_BYTES = 200_000
STAGES = {"workers": _("写入职工"), "memberships": _("写入会籍"), "events": _("写入入会记录")}


def import_summary(report) -> str:
    text = _("已导入 %(created)s 人（其中会员 %(members)s 人）") % {"created": report.created,
                                                                 "members": report.members_created}
    if report.invalid_rows:
        text += _("，跳过有误的 %(n)s 行") % {"n": report.invalid_rows}
    return text


@runner("members.roster_import", _("导入花名册"))
def roster_import_job(*, job, progress) -> Outcome:
    name = upload_name(job.union, job.params.get("token", ""))
    if name is None:
        raise RuleViolation("upload_expired", _("上传的文件已过期，请重新上传"))
    total = job.params.get("rows") or 0
    try:
        with upload_local(name) as path:  # any server's worker: a local copy of the stored file
            report = importing.roster_import(
                actor=job.created_by, union=job.union, path=path, valid_only=bool(job.params.get("valid_only")),
                progress=lambda table, done: progress(done, total, str(STAGES.get(table, table))))
    finally:  # imported, refused or crashed: the file (ID numbers in clear) goes; a retry uploads again
        upload_discard(name)
    return Outcome(message=import_summary(report), next_url=reverse("members:list"))


@runner("members.roster_export", _("导出花名册"))
def roster_export_job(*, job, progress) -> Outcome:
    from unionhome.members.queries import WorkerFilters, worker_search, workers_in_scope

    p = job.params
    filters = WorkerFilters(**p.get("filters", {}))
    workers = worker_search(workers_in_scope(job.union, p["scope"]), filters)
    result = exporting.roster_export(actor=job.created_by, union=job.union, workers=workers,
                                     unmasked=bool(p.get("unmasked")), may_reveal=bool(p.get("unmasked")),
                                     reason=p.get("reason", ""), filters={k: v for k, v in p.get("filters", {}).items()
                                                                           if v},
                                     progress=lambda done: progress(done, p.get("rows", 0), _("写入表格")))
    result.file.seek(0)
    return Outcome(message=_("已导出 %(n)s 人") % {"n": result.rows}, file=result.file.read(),
                   filename=result.filename)

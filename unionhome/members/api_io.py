"""Roster import/export API (mounted at /api/v1/roster): the same services as the pages and the command."""
from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import File, Query, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from unionhome.core.errors import RuleViolation
from unionhome.core.permissions import api_require
from unionhome.members import exporting, importing
from unionhome.members.api import FilterIn
from unionhome.members.queries import WorkerFilters, worker_search, worker_visible_to
from unionhome.members.uploads import upload_discard, upload_local, upload_store

router = Router(tags=[gettext_lazy("花名册导入导出")])


class RowErrorOut(Schema):
    row: int
    column: str
    message: str


class ImportOut(Schema):
    sha256: str
    total: int
    valid: int
    invalid_rows: int
    error_count: int
    created: int
    members_created: int
    first_id: int | None
    last_id: int | None
    written: bool
    notes: list[str]
    errors: list[RowErrorOut]


class ExportFilterIn(FilterIn):
    unmasked: bool = False
    reason: str = ""  # required with unmasked: the purpose, kept in the audit row


def _xlsx(result: exporting.ExportFile) -> FileResponse:
    return FileResponse(result.file, as_attachment=True, filename=result.filename,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@router.post("/import", response=ImportOut, url_name="roster_import")
def roster_import(request, file: UploadedFile = File(None), valid_only: bool = False, dry_run: bool = False):
    """Check (``dry_run``) or import a roster .xlsx. Invalid rows → 422 ``roster_rows_invalid`` with
    ``details.errors`` (row, column, message), nothing imported, unless ``valid_only``."""
    ctx = api_require(request, "members.import")
    if file is None:
        raise RuleViolation("file_required", _("请上传花名册文件（.xlsx）"), field="file")
    if file.size > importing.XlsxLimits.from_settings().max_bytes:
        raise RuleViolation("file_too_large", _("文件过大"), field="file")
    _token, name = upload_store(ctx.union, file)
    try:
        with upload_local(name) as path:
            report = importing.roster_import(actor=request.user, union=ctx.union, path=path, valid_only=valid_only,
                                             dry_run=dry_run)
    finally:
        upload_discard(name)
    return report.as_dict()


@router.get("/export", url_name="roster_export")
def roster_export(request, filters: Query[ExportFilterIn]):
    """The member list's filters as an xlsx (masked unless ``unmasked`` and the user holds members.reveal)."""
    ctx = api_require(request, "members.export")
    data = filters.dict()
    unmasked, reason = data.pop("unmasked"), data.pop("reason")
    data.pop("offset"), data.pop("limit")
    if unmasked and not ctx.has("members.reveal"):
        raise HttpError(403, _("没有导出完整身份证号和手机号的权限"))
    result = exporting.roster_export(actor=request.user, union=ctx.union,
                                     workers=worker_search(worker_visible_to(ctx), WorkerFilters(**data)),
                                     unmasked=unmasked, may_reveal=ctx.has("members.reveal"),
                                     filters={k: v for k, v in data.items() if v}, reason=reason)
    return _xlsx(result)


@router.get("/template", url_name="roster_template")
def roster_template(request):
    ctx = api_require(request, "members.import")
    return _xlsx(exporting.roster_template(union=ctx.union))

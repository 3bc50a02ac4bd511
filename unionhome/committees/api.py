import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from unionhome.committees import services
from unionhome.committees.models import Committee, Position, Term
from unionhome.committees.org_import import org_import_upload, org_template
from unionhome.committees.queries import current_terms, term_positions
from unionhome.core.errors import RuleViolation
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.members.models import Worker

router = Router(tags=[gettext_lazy("委员会")])


class PositionOut(Schema):
    worker_id: int
    worker_name: str
    title: str
    started_on: dt.date


class TermOut(Schema):
    id: int
    committee: str
    number: int
    starts_on: dt.date
    ends_on: dt.date
    seats: int
    status: str
    positions: list[PositionOut]


@router.get("/terms", response=list[TermOut], url_name="committees_terms")
def terms(request):
    ctx = api_require(request, "org.view")
    return [_term_out(t) for t in current_terms(ctx.union)]


class TermIn(CleanTextSchema):
    kind: str
    number: int = Field(ge=1, le=999)
    starts_on: dt.date
    years: int = Field(ge=1, le=10)
    seats: int = Field(ge=1, le=99)
    organiser: bool = False


class ApprovalIn(CleanTextSchema):
    approved_on: dt.date
    approval_document: str = Field(max_length=100)
    approved_by: str = Field(max_length=100)


class PositionIn(CleanTextSchema):
    worker_id: int
    title: str
    started_on: dt.date


class PositionEndIn(CleanTextSchema):
    on: dt.date
    reason: str = Field(max_length=200)
    votes_for: int | None = Field(default=None, ge=0)
    voters_total: int | None = Field(default=None, ge=1)


class PositionRef(Schema):
    id: int
    term_id: int
    worker_id: int
    title: str
    started_on: dt.date
    ended_on: dt.date | None


def _term_out(term):
    return {"id": term.pk, "committee": term.committee.kind, "number": term.number, "starts_on": term.starts_on,
            "ends_on": term.ends_on, "seats": term.seats, "status": term.status,
            "positions": [{"worker_id": p.worker_id, "worker_name": p.worker.name, "title": p.title,
                           "started_on": p.started_on} for p in term_positions(term)]}


@router.post("/terms", response={201: TermOut}, url_name="committees_terms_create")
def term_create(request, payload: TermIn):
    ctx = api_require(request, "committees.manage")
    if payload.kind not in Committee.Kind.values:
        raise RuleViolation("kind_invalid", _("委员会类别无效"), field="kind")
    return Status(201, _term_out(services.term_create(actor=request.user, union=ctx.union, **payload.dict())))


@router.post("/terms/{term_id}/approve", response=TermOut, url_name="committees_term_approve")
def term_approve(request, term_id: int, payload: ApprovalIn):
    ctx = api_require(request, "committees.manage")
    term = get_in_union_or_404(Term, ctx.union, pk=term_id)
    return _term_out(services.term_approve(actor=request.user, term=term, **payload.dict()))


class RescheduleIn(CleanTextSchema):
    approved_on: dt.date
    hold_by: dt.date
    approval_document: str = Field(max_length=100)
    approved_by: str = Field(max_length=100)


@router.post("/terms/{term_id}/reschedule", response=TermOut, url_name="committees_term_reschedule")
def term_reschedule(request, term_id: int, payload: RescheduleIn):
    """Rule 9: record the higher union's approval to hold the next election early, or late, by ``hold_by``."""
    ctx = api_require(request, "committees.manage")
    term = get_in_union_or_404(Term, ctx.union, pk=term_id)
    return _term_out(services.term_reschedule_approve(actor=request.user, term=term, **payload.dict()))


@router.post("/terms/{term_id}/positions", response={201: PositionRef}, url_name="committees_position_assign")
def position_assign(request, term_id: int, payload: PositionIn):
    ctx = api_require(request, "committees.manage")
    term = get_in_union_or_404(Term, ctx.union, pk=term_id)
    worker = get_in_union_or_404(Worker, ctx.union, pk=payload.worker_id)
    return Status(201, services.position_assign(actor=request.user, term=term, worker=worker, title=payload.title,
                                                started_on=payload.started_on))


@router.post("/positions/{position_id}/end", response=PositionRef, url_name="committees_position_end")
def position_end(request, position_id: int, payload: PositionEndIn):
    ctx = api_require(request, "committees.manage")
    position = get_in_union_or_404(Position, ctx.union, pk=position_id)
    return services.position_leave(actor=request.user, position=position, **payload.dict())


# --- the organisation template (units, groups, terms, positions): the page's service -------------------

@router.post("/org-import", url_name="committees_org_import")
def org_import(request, file: UploadedFile = File(None), dry_run: bool = False):
    """Check (``dry_run``) or import the organisation template. A faulty row → 422 ``org_rows_invalid`` with
    ``details.errors`` (row, column, message) and nothing imported."""
    ctx = api_require(request, "org.manage", "committees.manage")
    if file is None:
        raise RuleViolation("file_required", _("请上传组织架构文件（.xlsx）"), field="file")
    if file.size > settings.UNIONHOME_MAX_UPLOAD_BYTES:
        raise RuleViolation("file_too_large", _("文件过大"), field="file")
    return org_import_upload(actor=request.user, union=ctx.union, chunks=file.chunks(), dry_run=dry_run).as_dict()


@router.get("/org-import/template", url_name="committees_org_template")
def org_import_template(request):
    api_require(request, "org.manage", "committees.manage")
    response = HttpResponse(org_template(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="org-template.xlsx"'
    return response

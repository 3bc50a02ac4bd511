"""JSON API of meetings and the rules library: every page action through the same services, permissions and
error codes (a ``DomainError`` → ``{"code", "message"}`` with 409/422)."""
from __future__ import annotations

import datetime as dt
import mimetypes

from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from unionhome.core.docx import DOCX_TYPE, attachment
from unionhome.core.errors import RuleViolation
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.meetings import queries, services
from unionhome.meetings.documents import minutes_filename
from unionhome.meetings.models import AgendaItem, Attendee, Decision, Goal, Meeting, Regulation
from unionhome.members.models import Worker
from unionhome.org.models import UnionGroup

router = Router(tags=[gettext_lazy("会议与制度")])


# --- schemas -----------------------------------------------------------------------------------------------------

class MeetingOut(Schema):
    id: int
    kind: str
    title: str
    held_on: dt.date
    place: str
    status: str
    group_id: int | None
    term_id: int | None


class DecisionOut(Schema):
    id: int
    item_id: int
    text: str
    outcome: str
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    owner_id: int | None
    owner: str | None
    due_on: dt.date | None
    status: str
    done_on: dt.date | None
    done_note: str


class ItemOut(Schema):
    id: int
    number: int
    kind: str
    title: str
    notes: str
    decisions: list[DecisionOut]


class AttendeeOut(Schema):
    id: int
    worker_id: int
    name: str
    status: str


class QuorumOut(Schema):
    invited: int
    present: int
    leave: int
    absent: int
    unmarked: int
    needed: int
    met: bool
    rule: str


class MeetingDetailOut(MeetingOut):
    chaired_by_id: int | None
    recorded_by_id: int | None
    summary: str
    has_scan: bool
    quorum: QuorumOut
    items: list[ItemOut]
    attendees: list[AttendeeOut]


class MeetingIn(CleanTextSchema):
    kind: str
    title: str
    held_on: dt.date
    place: str = ""
    group_id: int | None = None
    chaired_by_id: int | None = None
    recorded_by_id: int | None = None


class ItemIn(CleanTextSchema):
    title: str = ""
    kind: str = AgendaItem.Kind.ITEM
    notes: str = ""


class NotesIn(CleanTextSchema):
    notes: str = ""


class WorkerIn(Schema):
    worker_id: int


class AttendanceIn(CleanTextSchema):
    status: str


class DecisionIn(CleanTextSchema):
    text: str
    outcome: str
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    owner_id: int | None = None
    due_on: dt.date | None = None


class DoneIn(CleanTextSchema):
    note: str
    on: dt.date | None = None


class CloseIn(CleanTextSchema):
    summary: str = ""


class VersionOut(Schema):
    id: int
    number: int
    text: str
    effective_on: dt.date
    decision_id: int | None
    note: str


class RegulationOut(Schema):
    id: int
    kind: str
    title: str
    current: VersionOut | None


class RegulationDetailOut(RegulationOut):
    versions: list[VersionOut]


class RegulationIn(CleanTextSchema):
    kind: str
    title: str
    text: str
    effective_on: dt.date
    decision_id: int | None = None
    note: str = ""


class VersionIn(CleanTextSchema):
    text: str
    effective_on: dt.date
    decision_id: int | None = None
    note: str = ""


class DiffLineOut(Schema):
    op: str
    text: str


class GoalOut(Schema):
    id: int
    worker_id: int
    name: str
    year: int
    text: str
    status: str


class GoalIn(CleanTextSchema):
    worker_id: int
    year: int
    text: str


class GoalStatusIn(CleanTextSchema):
    status: str


# --- helpers -----------------------------------------------------------------------------------------------------

def _meeting(ctx, meeting_id: int) -> Meeting:
    return get_in_union_or_404(Meeting, ctx.union, pk=meeting_id)


def _worker(ctx, worker_id: int | None) -> Worker | None:
    return None if worker_id is None else get_in_union_or_404(Worker, ctx.union, pk=worker_id)


def _meeting_out(m: Meeting) -> dict:
    return {"id": m.pk, "kind": m.kind, "title": m.title, "held_on": m.held_on, "place": m.place,
            "status": m.status, "group_id": m.group_id, "term_id": m.term_id}


def _decision_out(d: Decision) -> dict:
    return {"id": d.pk, "item_id": d.item_id, "text": d.text, "outcome": d.outcome, "votes_for": d.votes_for,
            "votes_against": d.votes_against, "votes_abstain": d.votes_abstain, "owner_id": d.owner_id,
            "owner": d.owner.name if d.owner else None, "due_on": d.due_on, "status": d.status,
            "done_on": d.done_on, "done_note": d.done_note}


def _detail(m: Meeting) -> dict:
    view = queries.meeting_view(m)
    return {**_meeting_out(m), "chaired_by_id": m.chaired_by_id, "recorded_by_id": m.recorded_by_id,
            "summary": m.summary, "has_scan": bool(m.scan), "quorum": vars(view.quorum),
            "items": [{"id": i.pk, "number": i.number, "kind": i.kind, "title": i.title, "notes": i.notes,
                       "decisions": [_decision_out(d) for d in i.decisions.all()]} for i in view.items],
            "attendees": [{"id": a.pk, "worker_id": a.worker_id, "name": a.worker.name, "status": a.status}
                          for a in view.attendees]}


def _version_out(v) -> dict | None:
    return None if v is None else {"id": v.pk, "number": v.number, "text": v.text, "effective_on": v.effective_on,
                                   "decision_id": v.decision_id, "note": v.note}


def _decision(ctx, decision_id: int | None) -> Decision | None:
    return None if decision_id is None else get_in_union_or_404(Decision, ctx.union, pk=decision_id)


# --- meetings ----------------------------------------------------------------------------------------------------

@router.get("", response=list[MeetingOut], url_name="meetings_list")
def meeting_list(request, year: int | None = None):
    ctx = api_require(request, "meetings.view")
    return [_meeting_out(m) for m in queries.meeting_list(ctx.union, year=year)]


@router.post("", response={201: MeetingDetailOut}, url_name="meetings_create")
def meeting_create(request, payload: MeetingIn):
    """Invites the body: the committee's current term, the group's members or the representatives."""
    ctx = api_require(request, "meetings.manage")
    group = None if payload.group_id is None else get_in_union_or_404(UnionGroup, ctx.union, pk=payload.group_id)
    m = services.meeting_create(actor=request.user, union=ctx.union, kind=payload.kind, title=payload.title,
                                held_on=payload.held_on, place=payload.place, group=group,
                                chaired_by=_worker(ctx, payload.chaired_by_id),
                                recorded_by=_worker(ctx, payload.recorded_by_id))
    return Status(201, _detail(m))


@router.get("/decisions", response=list[DecisionOut], url_name="meetings_decisions")
def decision_list(request):
    """Adopted decisions not yet carried out, by due date."""
    ctx = api_require(request, "meetings.view")
    return [_decision_out(d) for d in queries.decisions_open(ctx.union)]


@router.post("/decisions/{int:decision_id}/done", response=DecisionOut, url_name="meetings_decision_done")
def decision_done(request, decision_id: int, payload: DoneIn):
    ctx = api_require(request, "meetings.manage")
    decision = get_in_union_or_404(Decision, ctx.union, pk=decision_id)
    return _decision_out(services.decision_done(actor=request.user, decision=decision, on=payload.on,
                                                note=payload.note))


@router.get("/{int:meeting_id}", response=MeetingDetailOut, url_name="meetings_detail")
def meeting_detail(request, meeting_id: int):
    ctx = api_require(request, "meetings.view")
    return _detail(_meeting(ctx, meeting_id))


@router.post("/{int:meeting_id}/items", response={201: MeetingDetailOut}, url_name="meetings_item_add")
def item_add(request, meeting_id: int, payload: ItemIn):
    ctx = api_require(request, "meetings.manage")
    m = _meeting(ctx, meeting_id)
    services.agenda_item_add(actor=request.user, meeting=m, **payload.dict())
    return Status(201, _detail(m))


@router.put("/{int:meeting_id}/items/{int:item_id}/notes", response=MeetingDetailOut, url_name="meetings_item_notes")
def item_notes(request, meeting_id: int, item_id: int, payload: NotesIn):
    ctx = api_require(request, "meetings.manage")
    m = _meeting(ctx, meeting_id)
    item = get_in_union_or_404(AgendaItem.objects.filter(meeting=m), ctx.union, pk=item_id)
    services.agenda_item_notes(actor=request.user, item=item, notes=payload.notes)
    return _detail(m)


@router.post("/{int:meeting_id}/attendees", response={201: MeetingDetailOut}, url_name="meetings_attendee_add")
def attendee_add(request, meeting_id: int, payload: WorkerIn):
    ctx = api_require(request, "meetings.manage")
    m = _meeting(ctx, meeting_id)
    services.attendee_add(actor=request.user, meeting=m, worker=_worker(ctx, payload.worker_id))
    return Status(201, _detail(m))


@router.put("/{int:meeting_id}/attendees/{int:attendee_id}", response=MeetingDetailOut,
            url_name="meetings_attendance")
def attendance_mark(request, meeting_id: int, attendee_id: int, payload: AttendanceIn):
    """``status``: present 出席, leave 请假, absent 缺席."""
    ctx = api_require(request, "meetings.manage")
    m = _meeting(ctx, meeting_id)
    attendee = get_in_union_or_404(Attendee.objects.filter(meeting=m), ctx.union, pk=attendee_id)
    services.attendance_mark(actor=request.user, attendee=attendee, status=payload.status)
    return _detail(m)


@router.post("/{int:meeting_id}/attendees/rest", response=MeetingDetailOut, url_name="meetings_attendance_rest")
def attendance_rest(request, meeting_id: int, payload: AttendanceIn):
    """Everyone not yet marked gets ``status`` at once."""
    ctx = api_require(request, "meetings.manage")
    m = _meeting(ctx, meeting_id)
    services.attendance_mark_rest(actor=request.user, meeting=m, status=payload.status)
    return _detail(m)


@router.post("/{int:meeting_id}/items/{int:item_id}/decisions", response={201: DecisionOut},
             url_name="meetings_decision_add")
def decision_add(request, meeting_id: int, item_id: int, payload: DecisionIn):
    """422 ``quorum_not_met``, ``attendance_not_taken``, ``owner_required``, ``due_required``,
    ``votes_exceed_present``, ``votes_disagree_outcome``; 409 ``meeting_closed``."""
    ctx = api_require(request, "meetings.manage")
    m = _meeting(ctx, meeting_id)
    item = get_in_union_or_404(AgendaItem.objects.filter(meeting=m), ctx.union, pk=item_id)
    data = payload.dict()
    owner = _worker(ctx, data.pop("owner_id"))
    return Status(201, _decision_out(services.decision_record(actor=request.user, item=item, owner=owner, **data)))


@router.post("/{int:meeting_id}/close", response=MeetingDetailOut, url_name="meetings_close")
def meeting_close(request, meeting_id: int, payload: CloseIn):
    """Finalise the minutes; a congress needs the funds report and the 经审 report on its agenda."""
    ctx = api_require(request, "meetings.manage")
    m = _meeting(ctx, meeting_id)
    return _detail(services.meeting_close(actor=request.user, meeting=m, summary=payload.summary))


DOCX = {200: {"description": "a Word document", "content": {DOCX_TYPE: {"schema": {"type": "string", "format": "binary"}}}}}
FILE = {200: {"description": "the signed minutes (PDF or image)",
              "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}},
                          "image/*": {"schema": {"type": "string", "format": "binary"}}}}}


@router.get("/{int:meeting_id}/minutes", url_name="meetings_minutes", openapi_extra={"responses": DOCX})
def minutes(request, meeting_id: int):
    """The minutes as Word (A4, the union's letterhead); audited."""
    ctx = api_require(request, "meetings.view")
    m = _meeting(ctx, meeting_id)
    content = services.minutes_export(actor=request.user, meeting=m)
    return attachment(content, minutes_filename(queries.meeting_view(m)), fallback=f"minutes-{m.pk}.docx")


@router.post("/{int:meeting_id}/scan", response=MeetingDetailOut, url_name="meetings_scan_upload")
def scan_upload(request, meeting_id: int, scan: UploadedFile = File(None)):
    """The signed minutes (multipart field ``scan``: PDF, JPEG or PNG), once the minutes are final."""
    ctx = api_require(request, "meetings.manage")
    m = _meeting(ctx, meeting_id)
    if scan is None:
        raise RuleViolation("file_required", gettext("请选择扫描件"), field="scan")
    return _detail(services.scan_attach(actor=request.user, meeting=m, upload=scan))


@router.get("/{int:meeting_id}/scan", url_name="meetings_scan", openapi_extra={"responses": FILE})
def scan_download(request, meeting_id: int):
    ctx = api_require(request, "meetings.view")
    m = _meeting(ctx, meeting_id)
    if not m.scan:
        raise Http404(gettext("没有签字纪要"))
    content_type = mimetypes.guess_type(m.scan.name)[0] or "application/octet-stream"
    return FileResponse(m.scan.open("rb"), content_type=content_type)


# --- regulations -------------------------------------------------------------------------------------------------

@router.get("/regulations", response=list[RegulationOut], url_name="meetings_regulations")
def regulation_list(request):
    """Each regulation with the version in force today."""
    ctx = api_require(request, "regulations.view")
    return [{"id": r.pk, "kind": r.kind, "title": r.title, "current": _version_out(v)}
            for r, v in queries.regulation_list(ctx.union)]


def _regulation_detail(r: Regulation) -> dict:
    versions = queries.versions_of(r)
    return {"id": r.pk, "kind": r.kind, "title": r.title,
            "current": _version_out(queries.current_version(r, versions=versions)),
            "versions": [_version_out(v) for v in versions]}


@router.post("/regulations", response={201: RegulationDetailOut}, url_name="meetings_regulation_create")
def regulation_create(request, payload: RegulationIn):
    ctx = api_require(request, "regulations.manage")
    data = payload.dict()
    decision = _decision(ctx, data.pop("decision_id"))
    r = services.regulation_create(actor=request.user, union=ctx.union, decision=decision, **data)
    return Status(201, _regulation_detail(r))


@router.get("/regulations/{int:regulation_id}", response=RegulationDetailOut, url_name="meetings_regulation")
def regulation_detail(request, regulation_id: int):
    ctx = api_require(request, "regulations.view")
    return _regulation_detail(get_in_union_or_404(Regulation, ctx.union, pk=regulation_id))


@router.post("/regulations/{int:regulation_id}/versions", response={201: RegulationDetailOut},
             url_name="meetings_version_add")
def version_add(request, regulation_id: int, payload: VersionIn):
    """422 ``version_dates_overlap`` (the date must follow the last version's), ``version_unchanged``,
    ``decision_not_adopted``, ``decision_after_effective``."""
    ctx = api_require(request, "regulations.manage")
    r = get_in_union_or_404(Regulation, ctx.union, pk=regulation_id)
    data = payload.dict()
    decision = _decision(ctx, data.pop("decision_id"))
    services.regulation_version_add(actor=request.user, regulation=r, decision=decision, **data)
    return Status(201, _regulation_detail(r))


@router.get("/regulations/{int:regulation_id}/diff", response=list[DiffLineOut], url_name="meetings_version_diff")
def version_diff(request, regulation_id: int, a: int, b: int):
    """What changed from version ``a`` to version ``b`` (by version number), line by line."""
    ctx = api_require(request, "regulations.view")
    r = get_in_union_or_404(Regulation, ctx.union, pk=regulation_id)
    by_number = {v.number: v for v in r.versions.all()}
    if a not in by_number or b not in by_number:
        raise Http404(gettext("没有这个版本"))
    return [vars(line) for line in queries.version_diff(by_number[a], by_number[b])]


# --- goals -------------------------------------------------------------------------------------------------------

def _goal_out(g: Goal) -> dict:
    return {"id": g.pk, "worker_id": g.worker_id, "name": g.worker.name, "year": g.year, "text": g.text,
            "status": g.status}


@router.get("/goals", response=list[GoalOut], url_name="meetings_goals")
def goal_list(request, year: int | None = None):
    ctx = api_require(request, "meetings.view")
    return [_goal_out(g) for g in queries.goal_list(ctx.union, year=year or timezone.localdate().year)]


@router.post("/goals", response={201: GoalOut}, url_name="meetings_goal_set")
def goal_set(request, payload: GoalIn):
    ctx = api_require(request, "regulations.manage")
    goal = services.goal_set(actor=request.user, union=ctx.union, worker=_worker(ctx, payload.worker_id),
                             year=payload.year, text=payload.text)
    return Status(201, _goal_out(goal))


@router.put("/goals/{int:goal_id}/status", response=GoalOut, url_name="meetings_goal_status")
def goal_status(request, goal_id: int, payload: GoalStatusIn):
    ctx = api_require(request, "regulations.manage")
    goal = get_in_union_or_404(Goal.objects.select_related("worker"), ctx.union, pk=goal_id)
    return _goal_out(services.goal_status_set(actor=request.user, goal=goal, status=payload.status))

import datetime as dt

from ninja import Field, Router, Schema, Status

from unionhome.committees import services
from unionhome.committees.models import Committee, Position, Term
from unionhome.committees.queries import current_terms, term_positions
from unionhome.core.errors import RuleViolation
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.members.models import Worker

router = Router(tags=["委员会"])


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


class TermIn(Schema):
    kind: str
    number: int = Field(ge=1, le=999)
    starts_on: dt.date
    years: int = Field(ge=1, le=10)
    seats: int = Field(ge=1, le=99)
    organiser: bool = False


class ApprovalIn(Schema):
    approved_on: dt.date
    approval_document: str = Field(max_length=100)
    approved_by: str = Field(max_length=100)


class PositionIn(Schema):
    worker_id: int
    title: str
    started_on: dt.date


class PositionEndIn(Schema):
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
        raise RuleViolation("kind_invalid", "委员会类别无效", field="kind")
    return Status(201, _term_out(services.term_create(actor=request.user, union=ctx.union, **payload.dict())))


@router.post("/terms/{term_id}/approve", response=TermOut, url_name="committees_term_approve")
def term_approve(request, term_id: int, payload: ApprovalIn):
    ctx = api_require(request, "committees.manage")
    term = get_in_union_or_404(Term, ctx.union, pk=term_id)
    return _term_out(services.term_approve(actor=request.user, term=term, **payload.dict()))


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

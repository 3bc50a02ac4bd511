import datetime as dt

from ninja import Router, Schema

from unionhome.committees.queries import current_terms, term_positions
from unionhome.core.permissions import api_require

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
    return [{"id": t.pk, "committee": t.committee.kind, "number": t.number, "starts_on": t.starts_on,
             "ends_on": t.ends_on, "seats": t.seats, "status": t.status,
             "positions": [{"worker_id": p.worker_id, "worker_name": p.worker.name, "title": p.title,
                            "started_on": p.started_on} for p in term_positions(t)]}
            for t in current_terms(ctx.union)]

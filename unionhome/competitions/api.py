"""The competitions API: list, detail with standings, result and time entry, the medal table."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from unionhome.competitions import queries, services
from unionhome.competitions.documents import results_rows
from unionhome.competitions.models import Competition, Entry, Match
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema

router = Router(tags=["competitions"])


class CompetitionOut(Schema):
    id: int
    title: str
    sport: str
    format: str
    entry_kind: str
    held_on: dt.date
    status: str
    activity_id: int | None


class MatchOut(Schema):
    id: int
    round: int
    index: int
    a: str
    b: str | None
    result: str | None
    sets: list[list[int]] | None


class DetailOut(CompetitionOut):
    champion: str | None
    header: list[str]
    standings: list[list[str]]
    matches: list[MatchOut]


class ResultIn(CleanTextSchema):
    result: str = ""
    sets: str = ""


class TimeIn(CleanTextSchema):
    time: str = ""
    did_not_finish: bool = False


class MedalOut(Schema):
    group: str
    gold: int
    silver: int
    bronze: int
    total: int


def _out(c: Competition) -> dict:
    return {"id": c.pk, "title": c.title, "sport": c.sport, "format": c.format, "entry_kind": c.entry_kind,
            "held_on": c.held_on, "status": c.status, "activity_id": c.activity_id}


def _detail(c: Competition) -> dict:
    view = queries.competition_view(c)
    header, rows = results_rows(view)
    matches = [{"id": m.pk, "round": m.round, "index": m.index, "a": m.entry_a.name,
                "b": m.entry_b.name if m.entry_b else None, "sets": m.sets,
                "result": None if m.score_a is None else {1: "1-0", 0: "0-1"}.get(m.score_a, "½-½")}
               for _n, ms in view.rounds for m in ms]
    return {**_out(view.competition), "champion": view.champion.name if view.champion else None,
            "header": header, "standings": rows, "matches": matches}


@router.get("/", response=list[CompetitionOut], url_name="competitions_list")
def competition_list(request, year: int | None = None):
    ctx = api_require(request, "competitions.view")
    return [_out(c) for c in queries.competition_list(ctx.union, year=year)]


@router.get("/medals", response=list[MedalOut], url_name="competitions_medals")
def medals(request, year: int | None = None):
    ctx = api_require(request, "competitions.view")
    return [{"group": r.group.name, "gold": r.gold, "silver": r.silver, "bronze": r.bronze, "total": r.total}
            for r in queries.medal_table(ctx.union, year=year)]


@router.get("/{competition_id}", response=DetailOut, url_name="competitions_detail")
def competition_detail(request, competition_id: int):
    ctx = api_require(request, "competitions.view")
    return _detail(get_in_union_or_404(Competition, ctx.union, pk=competition_id))


@router.post("/{competition_id}/matches/{match_id}/result", response=DetailOut, url_name="competitions_result")
def result_record(request, competition_id: int, match_id: int, payload: ResultIn):
    ctx = api_require(request, "competitions.manage")
    c = get_in_union_or_404(Competition, ctx.union, pk=competition_id)
    match = get_object_or_404(Match, competition=c, pk=match_id)
    services.result_record(actor=request.user, match=match, result=payload.result, sets=payload.sets)
    return _detail(c)


@router.post("/{competition_id}/entries/{entry_id}/time", response=DetailOut, url_name="competitions_time")
def time_record(request, competition_id: int, entry_id: int, payload: TimeIn):
    ctx = api_require(request, "competitions.manage")
    c = get_in_union_or_404(Competition, ctx.union, pk=competition_id)
    entry = get_object_or_404(Entry, competition=c, pk=entry_id)
    services.time_record(actor=request.user, entry=entry, time=payload.time, did_not_finish=payload.did_not_finish)
    return _detail(c)


# --- the officers' pages through the API (issue 13) ---------------------------------------------------------------

class CompetitionIn(CleanTextSchema):
    title: str = Field(max_length=120)
    sport: str
    format: str
    entry_kind: str = Competition.EntryKind.PERSON
    held_on: dt.date
    place: str = Field("", max_length=200)
    activity_id: int | None = None  # a sports or culture activity of the union: its sign-ups become entries
    best_of: int | None = None
    swiss_rounds: int = Field(0, ge=0, le=15)  # 0: as many as the entries need


@router.post("/", response={201: DetailOut}, url_name="competitions_list")
def competition_create(request, payload: CompetitionIn):
    """A competition with its format; scoring defaults come from the sport's declared rules."""
    from unionhome.activities.models import Activity

    ctx = api_require(request, "competitions.manage")
    data = payload.dict()
    activity_id = data.pop("activity_id")
    activity = (get_in_union_or_404(Activity.objects.filter(kind__in=["sport", "culture"]), ctx.union, pk=activity_id)
                if activity_id else None)
    return Status(201, _detail(services.competition_create(actor=request.user, union=ctx.union, activity=activity,
                                                           **data)))


class EntryIn(CleanTextSchema):
    """A person (``worker_id``) or a union group's team (``group_id``), as the competition takes."""
    worker_id: int | None = None
    group_id: int | None = None


@router.post("/{competition_id}/entries", response={201: DetailOut}, url_name="competitions_entries")
def entry_add(request, competition_id: int, payload: EntryIn):
    from unionhome.members.models import Worker
    from unionhome.org.models import UnionGroup

    ctx = api_require(request, "competitions.manage")
    c = get_in_union_or_404(Competition, ctx.union, pk=competition_id)
    worker = get_in_union_or_404(Worker, ctx.union, pk=payload.worker_id) if payload.worker_id else None
    group = get_in_union_or_404(UnionGroup, ctx.union, pk=payload.group_id) if payload.group_id else None
    services.entry_add(actor=request.user, competition=c, worker=worker, group=group)
    return Status(201, _detail(c))


@router.post("/{competition_id}/entries/{entry_id}/remove", response=DetailOut, url_name="competitions_entry_remove")
def entry_remove(request, competition_id: int, entry_id: int):
    ctx = api_require(request, "competitions.manage")
    c = get_in_union_or_404(Competition, ctx.union, pk=competition_id)
    services.entry_remove(actor=request.user, entry=get_object_or_404(Entry, competition=c, pk=entry_id))
    return _detail(c)


# The steps an officer takes on the whole competition (the page's buttons), each one service.
STEPS = {
    "entries-import": services.entries_from_signups,  # the activity's accepted sign-ups become entries
    "start": services.competition_start,  # close the entry list and schedule
    "pair-next": services.swiss_pair_next,  # the next Swiss round, once the current one has every result
    "finish": services.competition_finish,
    "lots": services.lots_draw,  # drawing of lots for entrants still level after every tie-break
}


@router.post("/{competition_id}/steps/{step}", response=DetailOut, url_name="competitions_step")
def competition_step(request, competition_id: int, step: str):
    """``step``: entries-import, start, pair-next, finish or lots (409 when the competition is not at that step)."""
    from ninja.errors import HttpError

    ctx = api_require(request, "competitions.manage")
    c = get_in_union_or_404(Competition, ctx.union, pk=competition_id)
    if step not in STEPS:
        raise HttpError(404, _("没有这一步：%(step)s") % {"step": step})
    STEPS[step](actor=request.user, competition=c)
    return _detail(Competition.objects.get(pk=c.pk))


class TierIn(Schema):
    title: str = Field(max_length=40)
    count: int = Field(ge=0, le=100)
    amount: Decimal = Field(ge=0)


class PrizesIn(CleanTextSchema):
    tiers: list[TierIn] = Field(min_length=1, max_length=3)
    awarded_on: dt.date


class PrizeOut(Schema):
    id: int
    entry_id: int
    rank: int
    title: str
    amount: Decimal
    awarded_on: dt.date
    ledger_entry_id: int | None = None  # the voucher it was booked as (funds.entries_for)

    @staticmethod
    def resolve_ledger_entry_id(obj) -> int | None:
        from unionhome.funds.queries import entries_for

        entry = entries_for(obj).filter(reverses__isnull=True).first()
        return entry.pk if entry else None


@router.post("/{competition_id}/prizes", response={201: list[PrizeOut]}, url_name="competitions_prizes")
def prizes_award(request, competition_id: int, payload: PrizesIn):
    """Prizes down the final ranking (rule 19: winners ≤ participants × the prize ratio), each booked to the
    ledger under 职工活动支出 → 文体活动费."""
    ctx = api_require(request, "competitions.manage")
    c = get_in_union_or_404(Competition, ctx.union, pk=competition_id)
    tiers = [(t.title, t.count, t.amount) for t in payload.tiers]
    return Status(201, services.prizes_award(actor=request.user, competition=c, tiers=tiers, on=payload.awarded_on))

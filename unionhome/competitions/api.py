"""The competitions API: list, detail with standings, result and time entry, the medal table."""
from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

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

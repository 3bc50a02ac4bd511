"""Reads: vacant seats and due by-elections, election lists, results and published receipts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from unionhome.committees.models import Position, Term
from unionhome.core.rules import rule_value
from unionhome.elections.models import Ballot, Candidate, Election, Participation
from unionhome.members.models import Worker

HELD = (Election.Status.CLOSING, Election.Status.CLOSED, Election.Status.RELEASED, Election.Status.APPROVED)


@dataclass
class Vacancy:
    term: Term
    position: Position
    since: dt.date
    due: dt.date
    covered: bool = False  # filled: a member elected in a by-election the higher union approved
    pending: bool = False  # a by-election for it is under way or awaits approval (still vacant until then)

    @property
    def worker(self):
        return self.position.worker


def _family_rounds(root: Election) -> list[Election]:
    """A by-election and its further committee rounds (not its chair/vice-chair elections)."""
    out, todo = [], [root]
    while todo:
        e = todo.pop()
        out.append(e)
        todo.extend(e.children.filter(purpose=root.purpose))
    return out


def _by_election_seats(root: Election) -> tuple[int, bool]:
    """(seats it takes, approved?): an approved by-election fills as many seats as it elected; one still being
    decided holds its seats; a released one holds the seats it elected, awaiting approval. A round that failed
    (no quorum, void, nobody elected) fills nothing (regulations §1.6: only an elected, approved member fills it)."""
    rounds = _family_rounds(root)
    elected = Candidate.objects.filter(election__in=rounds, elected=True).count()
    if root.status == Election.Status.APPROVED:
        return elected, True
    if any(e.status in (Election.Status.DRAFT, Election.Status.OPEN, Election.Status.CLOSED) for e in rounds):
        return root.seats, False
    return elected, False


def vacancies(union, *, today: dt.date | None = None, include_covered: bool = False) -> list[Vacancy]:
    """Seats left vacant in active terms (derived, never stored): a holder whose membership is no longer
    active (transferred out, left, retained), or a position ended before the term's end (not one ended because
    its holder took another office in the same term). A vacancy is filled only by a member elected in a
    by-election held on or after the vacancy date and approved by the higher union (regulations §1.6, rule 10);
    one a by-election is deciding is ``pending`` and still listed."""
    today = today or timezone.localdate()
    out: list[Vacancy] = []
    positions = (Position.objects.filter(union=union, term__status=Term.Status.ACTIVE)
                 .select_related("term", "term__committee", "worker", "worker__membership"))
    positions = list(positions)
    holding = {(p.term_id, p.worker_id) for p in positions if p.ended_on is None}
    for p in positions:
        if p.ended_on is None and not p.worker.is_active_member:
            membership = getattr(p.worker, "membership", None)
            since = membership.status_since if membership else p.started_on
        elif p.ended_on is not None and p.ended_on < p.term.ends_on and (p.term_id, p.worker_id) not in holding:
            since = p.ended_on
        else:
            continue
        days = rule_value("elections.by_election_days", union=union, on=since)
        out.append(Vacancy(p.term, p, since, since + dt.timedelta(days=days)))
    out.sort(key=lambda v: (v.term.pk, v.since, v.position.pk))
    by_elections = (Election.objects.filter(union=union, kind=Election.Kind.BY, parent__isnull=True,
                                            purpose=Election.Purpose.COMMITTEE,
                                            term__in={v.term.pk for v in out}))
    # Seats already filled first, then those being decided, each in the order the by-elections were held.
    for election in sorted(by_elections, key=lambda e: (e.status != Election.Status.APPROVED, e.held_on, e.pk)):
        seats, approved = _by_election_seats(election)
        for v in out:
            if seats and not (v.covered or v.pending) and v.term.pk == election.term_id and \
                    v.since <= election.held_on:
                v.covered, v.pending = approved, not approved
                seats -= 1
    return out if include_covered else [v for v in out if not v.covered]


def election_list(union):
    return (Election.objects.filter(union=union, parent__isnull=True)
            .annotate(n_candidates=Count("candidates")).order_by("-held_on", "-id"))


def elections_open_for(union, worker_id) -> list[Election]:
    """Open online votes this worker may cast a ballot in, and has not yet."""
    if worker_id is None:
        return []
    return list(Election.objects.filter(union=union, mode=Election.Mode.ONLINE, status=Election.Status.OPEN,
                                        electors__worker_id=worker_id)
                .exclude(participations__worker_id=worker_id))


def has_voted(election: Election, worker_id) -> bool:
    return Participation.objects.filter(election=election, worker_id=worker_id).exists()


def _listed(election: Election):
    """The candidates printed on the ballot, in list order (surname strokes): the positions of ``marks``."""
    return election.candidates.filter(confirmed=True, write_in=False)


def ballot_candidates(election: Election) -> list[Candidate]:
    """With each candidate's unit, so the ballot page can say who they are (unit, post) without a query each."""
    return list(_listed(election).select_related("worker", "worker__unit"))


def ballot_positions(election: Election) -> list[tuple[int, int]]:
    """(candidate id, worker id) of ``ballot_candidates`` in the same order, without loading the rows."""
    return list(_listed(election).values_list("id", "worker_id"))


def ballot_positions_sql(election: Election) -> tuple[str, tuple]:
    """``ballot_positions`` as a PostgreSQL sub-query giving one value, ``{{candidate id, worker id}, …}`` in
    list order (the ``ORDER BY`` inside ``ARRAY(…)`` decides it): the cast reads it with the election. The SQL is
    compiled once per process (compiling the query set cost a fifth of a cast's CPU); only the parameters, the
    election's id among them, are per call."""
    sql, params, at = _positions_statement(connection.alias)
    return sql, (*params[:at], election.pk, *params[at + 1:])


_ANY_ELECTION = -7_042_913  # stands for the election's id while compiling; replaced by the real one per call


def _positions_statement(alias: str) -> tuple[str, tuple, int]:
    from unionhome.core.statements import built_once

    return built_once(("ballot_positions", alias), _build_positions)


def _build_positions() -> tuple[str, tuple, int]:
    from django.db.models import F, Func, IntegerField

    pair = Func(F("id"), F("worker_id"), template="ARRAY[%(expressions)s]", output_field=IntegerField())
    listed = _listed(Election(pk=_ANY_ELECTION)).annotate(pair=pair).values_list("pair")
    sql, params = listed.query.sql_with_params()
    assert list(params).count(_ANY_ELECTION) == 1, params
    return f"ARRAY({sql})", tuple(params), list(params).index(_ANY_ELECTION)


def results(election: Election) -> list[Candidate]:
    return sorted(election.candidates.filter(confirmed=True).select_related("worker"),
                  key=lambda c: (-c.for_votes, c.strokes, c.worker.name_pinyin))


def published_receipts(election: Election) -> list[str]:
    """Receipt codes of the counted ballots, in code order (never storage order)."""
    return list(Ballot.objects.filter(election=election, filled=True).order_by("receipt")
                .values_list("receipt", flat=True))


def eligible_workers(union):
    """Members who may vote and stand (在会); retained members never (条例 art.4)."""
    return Worker.objects.filter(union=union).active_members().order_by("name_pinyin")


@dataclass
class ElectorGroup:
    key: str  # "g<id>", or "none" for members outside any union group (name "")
    name: str
    members: list


def elector_picklist(election: Election) -> tuple[list[ElectorGroup], set[int]]:
    """The members who may be named representatives (在会 only, never retained), by union group in the
    groups' order (members outside any group last), and the ids already chosen. Two queries, whatever the size."""
    groups: dict = {}
    for w in eligible_workers(election.union).select_related("group"):
        key = f"g{w.group_id}" if w.group_id else "none"
        if key not in groups:
            order = (0, w.group.sort_order, w.group_id) if w.group_id else (1, 0, 0)
            groups[key] = (order, ElectorGroup(key, w.group.name if w.group_id else "", []))
        groups[key][1].members.append(w)
    chosen = set(election.electors.values_list("worker_id", flat=True))
    return [g for _, g in sorted(groups.values(), key=lambda t: t[0])], chosen


def election_family(election: Election) -> list[Election]:
    """The election, its further rounds and its chair/vice-chair elections (and theirs), depth first."""
    out = [election]
    for child in election.children.order_by("id"):
        out.extend(election_family(child))
    return out

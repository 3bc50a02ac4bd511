"""Reads: standings, brackets, rounds and the medal table, computed by the format engines from stored rows."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from unionhome.competitions.formats import bracket as bracket_engine
from unionhome.competitions.formats import round_robin, swiss, timed
from unionhome.competitions.formats.round_robin import Game, Points
from unionhome.competitions.formats.sets import MatchPoints, SetRules, TeamMatch, team_standings
from unionhome.competitions.models import Competition, Entry, Format, Match


@dataclass(frozen=True)
class Rules:
    points: Points
    sets: SetRules | None
    match_points: MatchPoints


def rules_of(c: Competition) -> Rules:
    mp = [int(v) for v in c.match_points.split(",")]
    sets = SetRules(best_of=c.best_of, points=c.set_points, deciding_points=c.deciding_set_points) if c.best_of else None
    return Rules(Points(c.win_points, c.draw_points, c.loss_points), sets, MatchPoints(*mp))


def competition_list(union, *, year: int | None = None) -> QuerySet[Competition]:
    qs = Competition.objects.for_union(union)
    if year:
        qs = qs.filter(held_on__year=year)
    return qs


def _entries(c: Competition) -> list[Entry]:
    return list(c.entries.all())  # prefetched when the caller asked for it


def _matches(c: Competition) -> list[Match]:
    return list(c.matches.all())


def swiss_games(c: Competition) -> tuple[list[Game], list[int]]:
    games, byes = [], []
    for m in _matches(c):
        if m.b_id is None:
            byes.append(m.a_id)
        elif m.score_a is not None:
            games.append(Game(m.a_id, m.b_id, m.score_a))
    return games, byes


def bracket_of(c: Competition) -> bracket_engine.Bracket:
    seeded = [e.pk for e in sorted(_entries(c), key=lambda e: (e.seed, e.pk))]
    winners = {(m.round, m.index): m.winner_id for m in _matches(c) if m.winner_id is not None}
    return bracket_engine.build(seeded, winners)


def standings_rows(c: Competition) -> list:
    """The ranking rows of the format's engine; ``row.entrant`` is the entry id, ``row.rank`` its place."""
    entries = sorted(_entries(c), key=lambda e: (e.seed, e.pk))
    ids = [e.pk for e in entries]
    lots = {e.pk: e.lot for e in entries if e.lot is not None}
    rules = rules_of(c)
    if c.format == Format.TIMED:
        return timed.rank_times({e.pk: (None if e.did_not_finish else e.seconds) for e in entries
                                 if e.seconds is not None or e.did_not_finish})
    if c.format in (Format.ROUND_ROBIN, Format.TEAM_ROUND_ROBIN) and c.uses_sets:
        played = [TeamMatch(m.a_id, m.b_id, tuple(tuple(s) for s in m.sets)) for m in _matches(c) if m.sets]
        return team_standings(ids, played, rules.sets, rules.match_points, lots)
    if c.format == Format.ROUND_ROBIN:
        games = [Game(m.a_id, m.b_id, m.score_a) for m in _matches(c) if m.b_id and m.score_a is not None]
        return round_robin.standings(ids, games, rules.points, lots)
    if c.format == Format.SWISS:
        games, byes = swiss_games(c)
        return swiss.standings(ids, games, byes, rules.points, lots)
    return knockout_ranking(c)


@dataclass
class PlaceRow:
    entrant: int
    rank: int
    label: str = ""


def knockout_ranking(c: Competition) -> list[PlaceRow]:
    """Champion 1, runner-up 2, the semi-final losers share 3, quarter-final losers share 5, …"""
    b = bracket_of(c)
    if b.champion is None:
        return []
    rows = [PlaceRow(b.champion, 1, _("冠军"))]
    total = len(b.rounds)
    for r in range(total, 0, -1):
        losers = [m.b if m.winner == m.a else m.a for m in b.rounds[r - 1] if not m.bye and m.winner is not None]
        rank = 2 ** (total - r) + 1
        label = {total: _("亚军"), total - 1: _("季军（并列）")}.get(r, _("并列第%(rank)s名") % {"rank": rank})
        rows += [PlaceRow(x, rank, label) for x in losers]
    return rows


@dataclass
class CompetitionView:
    competition: Competition
    entries: dict[int, Entry]
    rows: list = field(default_factory=list)
    rounds: list = field(default_factory=list)  # [(round number, [Match…])]
    bracket: list = field(default_factory=list)  # [(round name, [bracket Match with entries])]
    champion: Entry | None = None
    kind: str = "table"  # "timed", "table", "team", "bracket"
    unranked: list = field(default_factory=list)  # timed: entries without a result yet

    @property
    def needs_lots(self) -> bool:
        """Some entrants are level after every tie-break: officers draw lots."""
        return any(getattr(r, "needs_lots", False) for r in self.rows)


def competition_view(c: Competition) -> CompetitionView:
    c = Competition.objects.prefetch_related("entries__group", "matches").get(pk=c.pk)
    entries = {e.pk: e for e in _entries(c)}
    view = CompetitionView(c, entries)
    rows = standings_rows(c)
    for row in rows:
        row.entry = entries[row.entrant]
    view.rows = rows
    matches = _matches(c)
    for m in matches:
        m.entry_a, m.entry_b = entries[m.a_id], entries.get(m.b_id)
    by_round: dict[int, list] = {}
    for m in matches:
        by_round.setdefault(m.round, []).append(m)
    view.rounds = sorted(by_round.items())
    if c.format == Format.TIMED:
        view.kind = "timed"
        view.unranked = [e for e in entries.values() if e.seconds is None and not e.did_not_finish]
        for row in rows:
            row.display = timed.format_time(row.seconds)
    elif c.format == Format.TEAM_ROUND_ROBIN or (c.format == Format.ROUND_ROBIN and c.uses_sets):
        view.kind = "team"  # a table of matches won, sets and points (people or teams)
    elif c.format == Format.KNOCKOUT:
        view.kind = "bracket"
        stored = {(m.round, m.index): m for m in matches}
        if len(entries) >= 2:
            b = bracket_of(c)
            for r_index, r in enumerate(b.rounds, start=1):
                cells = []
                for bm in r:
                    bm.entry_a, bm.entry_b = entries.get(bm.a), entries.get(bm.b)
                    bm.entry_winner = entries.get(bm.winner)
                    bm.stored = stored.get(bm.key)
                    cells.append(bm)
                view.bracket.append((bracket_engine.round_name(r_index, len(b.rounds)), cells))
            view.champion = entries.get(b.champion) if c.status != Competition.Status.DRAFT else None
    return view


MEDALS = {1: "gold", 2: "silver", 3: "bronze"}


@dataclass
class MedalRow:
    group: object
    gold: int = 0
    silver: int = 0
    bronze: int = 0

    @property
    def total(self) -> int:
        return self.gold + self.silver + self.bronze


def medal_table(union, *, year: int | None = None) -> list[MedalRow]:
    """Gold, silver and bronze by union group over finished competitions (shared ranks each get the medal)."""
    competitions = competition_list(union, year=year).filter(status=Competition.Status.FINISHED) \
        .prefetch_related("entries__group", "matches")
    table: dict[int, MedalRow] = {}
    for c in competitions:
        entries = {e.pk: e for e in _entries(c)}
        for row in standings_rows(c):
            medal = MEDALS.get(row.rank)
            group = entries[row.entrant].group
            if medal is None or group is None:
                continue
            line = table.setdefault(group.pk, MedalRow(group))
            setattr(line, medal, getattr(line, medal) + 1)
    return sorted(table.values(), key=lambda r: (-r.gold, -r.silver, -r.bronze, r.group.sort_order, r.group.pk))


def prize_list(c: Competition):
    return c.prizes.select_related("entry", "entry__group").order_by("rank", "id")

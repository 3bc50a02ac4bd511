"""Swiss pairing (Chinese chess): pair entrants on equal scores, never repeat a pairing while it can be
avoided, balance colours, and give the bye to the lowest-ranked entrant who has not had one.

Standings: points, then Buchholz (sum of the opponents' points), then wins, then drawn lots.
A bye scores a win's points and counts no opponent for Buchholz.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from unionhome.competitions.formats.round_robin import DRAW, LOSS, WIN, Game, Points, Row, _rank, _tally


@dataclass(frozen=True)
class Pairing:
    white: Hashable
    black: Hashable | None  # None: bye


def _history(games: Iterable[Game]) -> tuple[set[frozenset], dict[Hashable, int], dict[Hashable, Hashable]]:
    met: set[frozenset] = set()
    balance: dict[Hashable, int] = {}  # whites − blacks
    last: dict[Hashable, str] = {}
    for g in games:
        met.add(frozenset((g.a, g.b)))
        balance[g.a] = balance.get(g.a, 0) + 1
        balance[g.b] = balance.get(g.b, 0) - 1
        last[g.a], last[g.b] = "W", "B"
    return met, balance, last


def pair_round(entrants: Sequence[Hashable], games: Iterable[Game], byes: Iterable[Hashable] = (),
               points: Points = Points()) -> list[Pairing]:
    """The next round's pairings. ``entrants`` in seed order (used to break equal scores); ``byes``: who had one.

    Priorities: no rematch while any pairing avoids one; then the bye to the lowest-ranked entrant without a
    previous bye; then pair down the score order (backtracking when the greedy choice dead-ends)."""
    games = list(games)
    byes = set(byes)
    rows = _tally(entrants, games, points)
    seed = {e: i for i, e in enumerate(entrants)}
    score = {e: rows[e].points + (points.win if e in byes else 0) for e in entrants}
    order = sorted(entrants, key=lambda e: (-score[e], seed[e]))
    met, balance, last = _history(games)

    def search(pool: list, allow_rematch: bool) -> list[tuple] | None:
        if not pool:
            return []
        first, rest = pool[0], pool[1:]
        for i, other in enumerate(rest):
            if not allow_rematch and frozenset((first, other)) in met:
                continue
            tail = search(rest[:i] + rest[i + 1:], allow_rematch)
            if tail is not None:
                return [(first, other)] + tail
        return None

    bye_candidates: list = [None]
    if len(order) % 2:
        no_bye = [e for e in reversed(order) if e not in byes]
        bye_candidates = no_bye + [e for e in reversed(order) if e in byes]
    for allow_rematch in (False, True):
        for bye in bye_candidates:
            pool = [e for e in order if e != bye]
            pairs = search(pool, allow_rematch)
            if pairs is not None:
                result = [_colour(a, b, balance, last) for a, b in pairs]
                if bye is not None:
                    result.append(Pairing(bye, None))
                return result
    return []  # fewer than two entrants


def _colour(a, b, balance, last) -> Pairing:
    """White to whoever has had fewer whites; then to whoever had black last; else the higher-ranked (a)."""
    ba, bb = balance.get(a, 0), balance.get(b, 0)
    if ba != bb:
        return Pairing(a, b) if ba < bb else Pairing(b, a)
    if last.get(a) != last.get(b):
        return Pairing(a, b) if last.get(a) == "B" else Pairing(b, a)
    return Pairing(a, b)


def standings(entrants: Sequence[Hashable], games: Iterable[Game], byes: Iterable[Hashable] = (),
              points: Points = Points(), lots: Mapping[Hashable, int] | None = None) -> list[Row]:
    lots = lots or {}
    rows = _tally(entrants, games, points)
    for e in byes:
        rows[e].points += points.win
        rows[e].wins += 1
    for row in rows.values():
        row.sonneborn_berger = sum((rows[o].points for o, _s in row.opponents), Decimal(0))  # Buchholz
        row.lot = lots.get(row.entrant)
    return _rank(list(rows.values()), key=lambda r: (-r.points, -r.sonneborn_berger, -r.wins))


__all__ = ["Pairing", "pair_round", "standings", "WIN", "DRAW", "LOSS"]

"""Round robin: circle-method schedule and standings (Chinese chess default: win 1, draw ½, loss 0).

Tie-breaks, in order: points; head-to-head points among the entrants still tied;
Sonneborn–Berger; number of wins; then a drawing of lots recorded by the officers
(``lots``: entrant → drawn number, lower ranks higher). Entrants still tied after all
of these share a rank and are flagged ``needs_lots``.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

WIN, DRAW, LOSS = Decimal(1), Decimal("0.5"), Decimal(0)


@dataclass(frozen=True)
class Points:
    win: Decimal = Decimal(1)
    draw: Decimal = Decimal("0.5")
    loss: Decimal = Decimal(0)

    def for_score(self, score: Decimal) -> Decimal:
        return self.win if score == WIN else self.draw if score == DRAW else self.loss


@dataclass(frozen=True)
class Game:
    """One played game; ``score_a`` is 1 (a won), ½ (draw) or 0 (b won). a plays first/white/home."""

    a: Hashable
    b: Hashable
    score_a: Decimal

    @property
    def score_b(self) -> Decimal:
        return WIN - self.score_a


def schedule(entrants: Sequence[Hashable]) -> list[list[tuple[Hashable, Hashable | None]]]:
    """Circle method: n−1 rounds for even n, n rounds for odd n (each round one entrant has a bye: partner None).

    The first entrant stays fixed and alternates colours; the others rotate."""
    players: list = list(entrants)
    if len(players) < 2:
        return []
    if len(players) % 2:
        players.append(None)
    n = len(players)
    rounds = []
    ring = players[1:]
    for r in range(n - 1):
        line = [players[0]] + ring
        pairs = []
        for i in range(n // 2):
            a, b = line[i], line[n - 1 - i]
            if (i == 0 and r % 2) or (i > 0 and i % 2):
                a, b = b, a
            if a is None:
                a, b = b, a
            pairs.append((a, b))
        # byes last, so a round reads as its games first
        rounds.append(sorted(pairs, key=lambda p: p[1] is None))
        ring = ring[-1:] + ring[:-1]
    return rounds


@dataclass
class Row:
    entrant: Hashable
    played: int = 0
    wins: int = 0
    draws: int = 0
    losses: int = 0
    points: Decimal = Decimal(0)
    head_to_head: Decimal = Decimal(0)
    sonneborn_berger: Decimal = Decimal(0)
    lot: int | None = None
    rank: int = 0
    needs_lots: bool = False
    opponents: list = field(default_factory=list)  # (opponent, score)


def _tally(entrants: Iterable[Hashable], games: Iterable[Game], points: Points) -> dict[Hashable, Row]:
    rows = {e: Row(e) for e in entrants}
    for g in games:
        for me, other, score in ((g.a, g.b, g.score_a), (g.b, g.a, g.score_b)):
            row = rows[me]
            row.played += 1
            row.wins += score == WIN
            row.draws += score == DRAW
            row.losses += score == LOSS
            row.points += points.for_score(score)
            row.opponents.append((other, score))
    return rows


def standings(entrants: Sequence[Hashable], games: Iterable[Game], points: Points = Points(),
              lots: Mapping[Hashable, int] | None = None) -> list[Row]:
    games = list(games)
    lots = lots or {}
    rows = _tally(entrants, games, points)
    for row in rows.values():
        row.sonneborn_berger = sum((rows[o].points * s for o, s in row.opponents), Decimal(0))
        row.lot = lots.get(row.entrant)
    # head-to-head: points from the games among the entrants level on points
    by_points: dict[Decimal, set] = {}
    for row in rows.values():
        by_points.setdefault(row.points, set()).add(row.entrant)
    for level in by_points.values():
        if len(level) < 2:
            continue
        for g in games:
            if g.a in level and g.b in level:
                rows[g.a].head_to_head += points.for_score(g.score_a)
                rows[g.b].head_to_head += points.for_score(g.score_b)
    return _rank(list(rows.values()),
                 key=lambda r: (-r.points, -r.head_to_head, -r.sonneborn_berger, -r.wins))


def _rank(rows: list, key) -> list:
    """Sort by ``key`` then by drawn lot; rows equal on key and without distinguishing lots share a rank."""
    def full(r):
        return (key(r), r.lot if r.lot is not None else 10**9)

    rows.sort(key=lambda r: (full(r), str(r.entrant)))
    for i, row in enumerate(rows):
        same_key = [o for o in rows if key(o) == key(row)]
        row.needs_lots = len(same_key) > 1 and any(o.lot is None for o in same_key)
        if i and full(rows[i - 1]) == full(row) or i and row.needs_lots and key(rows[i - 1]) == key(row):
            row.rank = rows[i - 1].rank
        else:
            row.rank = i + 1
    return rows


def points_awarded(games: Iterable[Game], points: Points = Points()) -> Decimal:
    return sum((points.for_score(g.score_a) + points.for_score(g.score_b) for g in games), Decimal(0))


CHESS_RESULTS = {"1-0": WIN, "½-½": DRAW, "0-1": LOSS}


def parse_chess_result(text: str) -> Decimal:
    """A chess result is 1-0, ½-½ (also 0.5-0.5, 1/2-1/2) or 0-1; anything else raises ValueError."""
    normalised = (text or "").strip().replace(" ", "").replace("0.5", "½").replace("1/2", "½").replace("–", "-")
    if normalised not in CHESS_RESULTS:
        raise ValueError(text)
    return CHESS_RESULTS[normalised]

"""Single elimination with seeding and byes (table tennis).

The bracket size is the next power of two; seeds are placed so that seed 1 and seed 2
can meet only in the final (and the top four only in the semi-finals); the byes go to
the top seeds. A bye is not a match: n entrants play n − 1 matches.
"""
from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _


def bracket_size(n: int) -> int:
    size = 1
    while size < n:
        size *= 2
    return size


def seed_order(size: int) -> list[int]:
    """Seed numbers (1-based) in bracket line order: 1, 16, 8, 9, 4, 13, 5, 12, … for 16."""
    order = [1]
    while len(order) < size:
        total = len(order) * 2 + 1
        order = [s for seed in order for s in (seed, total - seed)]
    return order


@dataclass
class Match:
    round: int  # 1 = first round
    index: int  # position within the round, 0-based
    a: Hashable | None = None
    b: Hashable | None = None
    winner: Hashable | None = None
    bye: bool = False  # one side is empty: the other goes through without playing

    @property
    def key(self) -> tuple[int, int]:
        return (self.round, self.index)

    @property
    def ready(self) -> bool:
        """Both players known and not yet decided: the match can be played now."""
        return self.a is not None and self.b is not None and self.winner is None


@dataclass
class Bracket:
    size: int
    rounds: list[list[Match]]

    @property
    def champion(self) -> Hashable | None:
        if not self.rounds:
            return None
        return self.rounds[-1][0].winner

    def matches(self) -> list[Match]:
        return [m for r in self.rounds for m in r]

    def played(self) -> list[Match]:
        return [m for m in self.matches() if not m.bye and m.winner is not None]

    def find(self, round_: int, index: int) -> Match:
        return self.rounds[round_ - 1][index]


def round_name(round_: int, rounds: int) -> str:
    left = rounds - round_
    return {0: _("决赛"), 1: _("半决赛"), 2: _("四分之一决赛")}.get(left, _("第%(round)s轮") % {"round": round_})


def build(seeded: Sequence[Hashable], winners: Mapping[tuple[int, int], Hashable] | None = None) -> Bracket:
    """The bracket for entrants in seed order with the recorded ``winners`` ((round, index) → entrant).

    Raises ValueError when a recorded winner is not one of that match's two players."""
    winners = winners or {}
    n = len(seeded)
    if n < 2:
        return Bracket(size=n, rounds=[[Match(1, 0, seeded[0] if n else None, None, seeded[0] if n else None, True)]]
                       if n else [])
    size = bracket_size(n)
    line = [seeded[s - 1] if s <= n else None for s in seed_order(size)]
    rounds: list[list[Match]] = []
    current = line
    r = 1
    while len(current) > 1:
        matches = []
        for i in range(len(current) // 2):
            m = Match(r, i, current[2 * i], current[2 * i + 1])
            if r == 1 and (m.a is None or m.b is None):
                m.bye, m.winner = True, m.a if m.a is not None else m.b
            elif m.key in winners:
                if m.a is None or m.b is None or winners[m.key] not in (m.a, m.b):
                    raise ValueError(f"winner of {m.key} is not one of its players")
                m.winner = winners[m.key]
            matches.append(m)
        rounds.append(matches)
        current = [m.winner for m in matches]
        r += 1
    return Bracket(size=size, rounds=rounds)

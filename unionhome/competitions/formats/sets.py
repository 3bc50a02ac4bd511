"""Games decided in sets: set-score validation (volleyball, table tennis) and team round-robin standings.

Volleyball (FIVB): a set is won at 25 (the deciding set at 15) with a two-point lead, with no cap.
Table tennis (ITTF): a game is won at 11 with a two-point lead. A match is best of 3 or 5.
Standings of a round robin in sets (people or teams): matches won, then match points (volleyball
3/2/1/0: 3-0/3-1 gives 3–0, 3-2 gives 2–1; table tennis 2 for a win, 1 for a loss), then set ratio,
then point ratio, then drawn lots (FIVB Sports Regulations 4.3; ITTF 3.7.5).
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext

from unionhome.competitions.formats.round_robin import _rank


class InvalidScore(ValueError):
    """A set or match score that the sport's rules cannot produce; ``message`` is Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SetRules:
    best_of: int = 5
    points: int = 25
    deciding_points: int = 15  # the last possible set
    lead: int = 2

    @property
    def sets_to_win(self) -> int:
        return self.best_of // 2 + 1


VOLLEYBALL_5 = SetRules(best_of=5, points=25, deciding_points=15)
VOLLEYBALL_3 = SetRules(best_of=3, points=25, deciding_points=15)
TABLE_TENNIS_5 = SetRules(best_of=5, points=11, deciding_points=11)
TABLE_TENNIS_7 = SetRules(best_of=7, points=11, deciding_points=11)
TABLE_TENNIS_3 = SetRules(best_of=3, points=11, deciding_points=11)


def check_set(a: int, b: int, target: int, lead: int = 2) -> None:
    """Raise InvalidScore unless a–b is a finished set played to ``target`` with a ``lead``-point margin."""
    if a < 0 or b < 0:
        raise InvalidScore(gettext("比分不能为负数"))
    high, low = max(a, b), min(a, b)
    if high < target:
        raise InvalidScore(gettext("%(a)s:%(b)s 未打完：一局须先得%(target)s分") % {"a": a, "b": b, "target": target})
    if high - low < lead:
        raise InvalidScore(gettext("%(a)s:%(b)s 无效：须领先%(lead)s分才能赢得一局") % {"a": a, "b": b, "lead": lead})
    if high > target and high - low != lead:
        raise InvalidScore(gettext("%(a)s:%(b)s 无效：超过%(target)s分后须恰好领先%(lead)s分结束") % {"a": a, "b": b, "target": target, "lead": lead})


def parse_sets(text: str) -> list[tuple[int, int]]:
    """'25:20 23:25 15:10' (also with '-' or commas) → [(25, 20), (23, 25), (15, 10)]."""
    sets = []
    for chunk in (text or "").replace(",", " ").replace("，", " ").replace("；", " ").replace(";", " ").split():
        parts = chunk.replace("-", ":").replace("：", ":").split(":")
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise InvalidScore(gettext("无法识别的局分“%(chunk)s”，请写成 25:20") % {"chunk": chunk})
        sets.append((int(parts[0]), int(parts[1])))
    if not sets:
        raise InvalidScore(gettext("请填写各局比分"))
    return sets


@dataclass(frozen=True)
class MatchScore:
    sets_a: int
    sets_b: int
    points_a: int
    points_b: int

    @property
    def a_won(self) -> bool:
        return self.sets_a > self.sets_b


def check_match(sets: Sequence[tuple[int, int]], rules: SetRules) -> MatchScore:
    """Validate every set and the match: it stops as soon as one side has won ``sets_to_win`` sets."""
    won_a = won_b = 0
    for i, (a, b) in enumerate(sets):
        if won_a == rules.sets_to_win or won_b == rules.sets_to_win:
            raise InvalidScore(gettext("比赛已在第%(i)s局结束，不应有第%(value)s局") % {"i": i, "value": i + 1})
        deciding = i == rules.best_of - 1
        try:
            check_set(a, b, rules.deciding_points if deciding else rules.points, rules.lead)
        except InvalidScore as exc:
            raise InvalidScore(gettext("第%(value)s局 %(message)s") % {"value": i + 1, "message": exc.message}) from None
        won_a += a > b
        won_b += b > a
    if max(won_a, won_b) != rules.sets_to_win:
        raise InvalidScore(gettext("比赛未结束：%(best_of)s局%(sets_to_win)s胜，当前%(won_a)s:%(won_b)s") % {"best_of": rules.best_of, "sets_to_win": rules.sets_to_win, "won_a": won_a, "won_b": won_b})
    return MatchScore(won_a, won_b, sum(a for a, _ in sets), sum(b for _, b in sets))


@dataclass(frozen=True)
class MatchPoints:
    clean_win: int = 3  # 3-0, 3-1 (2-0 in best of 3)
    close_win: int = 2  # 3-2 (2-1)
    close_loss: int = 1
    clean_loss: int = 0

    def award(self, score: MatchScore, rules: SetRules) -> tuple[int, int]:
        close = score.sets_a + score.sets_b == rules.best_of
        win, loss = (self.close_win, self.close_loss) if close else (self.clean_win, self.clean_loss)
        return (win, loss) if score.a_won else (loss, win)


@dataclass(frozen=True)
class TeamMatch:
    a: Hashable
    b: Hashable
    sets: tuple[tuple[int, int], ...]


@dataclass
class TeamRow:
    entrant: Hashable
    played: int = 0
    wins: int = 0
    losses: int = 0
    match_points: int = 0
    sets_won: int = 0
    sets_lost: int = 0
    points_won: int = 0
    points_lost: int = 0
    lot: int | None = None
    rank: int = 0
    needs_lots: bool = False
    opponents: list = field(default_factory=list)

    @property
    def set_ratio(self) -> Decimal:
        return _ratio(self.sets_won, self.sets_lost)

    @property
    def point_ratio(self) -> Decimal:
        return _ratio(self.points_won, self.points_lost)

    # shared names with round-robin rows, so templates and ranking treat both alike
    @property
    def points(self) -> int:
        return self.match_points


def _ratio(won: int, lost: int) -> Decimal:
    if lost == 0:
        return Decimal("Infinity") if won else Decimal(0)
    return (Decimal(won) / Decimal(lost)).quantize(Decimal("0.001"))


def team_standings(entrants: Sequence[Hashable], matches: Iterable[TeamMatch], rules: SetRules = VOLLEYBALL_5,
                   match_points: MatchPoints = MatchPoints(), lots: Mapping[Hashable, int] | None = None
                   ) -> list[TeamRow]:
    lots = lots or {}
    rows = {e: TeamRow(e, lot=lots.get(e)) for e in entrants}
    for m in matches:
        score = check_match(m.sets, rules)
        pa, pb = match_points.award(score, rules)
        for me, mp, sw, sl, pw, pl, won in ((m.a, pa, score.sets_a, score.sets_b, score.points_a, score.points_b,
                                             score.a_won),
                                            (m.b, pb, score.sets_b, score.sets_a, score.points_b, score.points_a,
                                             not score.a_won)):
            row = rows[me]
            row.played += 1
            row.wins += won
            row.losses += not won
            row.match_points += mp
            row.sets_won += sw
            row.sets_lost += sl
            row.points_won += pw
            row.points_lost += pl
    return _rank(list(rows.values()), key=lambda r: (-r.wins, -r.match_points, -_exact(r.sets_won, r.sets_lost),
                                                     -_exact(r.points_won, r.points_lost)))


def _exact(won: int, lost: int):
    """The ratio as an exact fraction (rounded ratios would make false ties); no losses ranks above all."""
    if lost == 0:
        return math.inf if won else Fraction(0)
    return Fraction(won, lost)

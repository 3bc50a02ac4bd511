"""The count and the decision, as pure functions (regulations §1.5, rules 6–12 of the closing list).

Kept free of the ORM so the property test can compare them with an independent recount.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

FOR, AGAINST, ABSTAIN = "F", "A", "X"

NO_QUORUM = "no_quorum"
VOID_ROUND = "void_round"
ELECTED = "elected"
RUNOFF = "runoff"
SHORTFALL_ROUND = "shortfall_round"
SHORTFALL_VACANT = "shortfall_vacant"


def parse_write_ins(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x)


def ballot_is_valid(marks: str, write_ins: tuple, seats: int) -> bool:
    """Rule 8: a ballot choosing more people than there are seats (赞成 + 另选他人) is void."""
    return marks.count(FOR) + len(write_ins) <= seats


@dataclass
class OnlineCount:
    returned: int = 0
    invalid: int = 0
    per_candidate: dict = field(default_factory=dict)  # position in list -> [for, against, abstain]
    write_in_for: dict = field(default_factory=dict)  # worker id -> for votes


def count_ballots(groups: Iterable[tuple[str, str, int]], *, candidates: int, seats: int) -> OnlineCount:
    """Count ballots given as (marks, write_ins, how many identical ballots): the result of one GROUP BY."""
    out = OnlineCount(per_candidate={i: [0, 0, 0] for i in range(candidates)})
    for marks, write_ins_text, n in groups:
        out.returned += n
        write_ins = parse_write_ins(write_ins_text)
        if not ballot_is_valid(marks, write_ins, seats):
            out.invalid += n
            continue
        for i, mark in enumerate(marks[:candidates]):
            slot = {FOR: 0, AGAINST: 1, ABSTAIN: 2}.get(mark)
            if slot is not None:
                out.per_candidate[i][slot] += n
        for worker_id in write_ins:
            out.write_in_for[worker_id] = out.write_in_for.get(worker_id, 0) + n
    return out


def quorum_met(*, present: int, entitled: int, quorum: tuple[int, int]) -> bool:
    """Rule 6: the vote proceeds only with at least num/den (2/3) of the entitled present."""
    num, den = quorum
    return present * den >= entitled * num


@dataclass
class Decision:
    outcome: str
    elected: list = field(default_factory=list)
    tied: list = field(default_factory=list)
    remaining: int = 0


def decide(*, seats: int, entitled: int, present: int, issued: int, returned: int, invalid: int,
           for_votes: dict, quorum: tuple[int, int], base: str, ratio: tuple[int, int], shortfall_action: str) -> Decision:
    """Rules 6, 7, 9–12: quorum, round validity, threshold, ranking, run-off at the last seat, shortfall."""
    if not quorum_met(present=present, entitled=entitled, quorum=quorum):
        return Decision(NO_QUORUM, remaining=seats)
    if returned > issued:
        return Decision(VOID_ROUND, remaining=seats)
    base_n = {"entitled": entitled, "present": present, "valid": returned - invalid}[base]
    num, den = ratio
    qualified = sorted((k for k, v in for_votes.items() if v * den > base_n * num),
                       key=lambda k: (-for_votes[k], str(k)))
    if len(qualified) > seats:
        cutoff = for_votes[qualified[seats - 1]]
        above = [k for k in qualified if for_votes[k] > cutoff]
        at = [k for k in qualified if for_votes[k] == cutoff]
        if len(above) + len(at) > seats:
            return Decision(RUNOFF, elected=above, tied=at, remaining=seats - len(above))
        qualified = above + at
    if len(qualified) < seats:
        outcome = SHORTFALL_ROUND if shortfall_action == "another_round" else SHORTFALL_VACANT
        return Decision(outcome, elected=qualified, remaining=seats - len(qualified))
    return Decision(ELECTED, elected=qualified)


def competition_minimum(seats: int, percent: int) -> int:
    """Rule 4: candidates ≥ seats × (100+p)/100 rounded up, and always at least seats + 1 (integer maths)."""
    return max(seats + 1, -(-seats * (100 + percent) // 100))

"""The tally against an independent recount over random elections (hypothesis)."""
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unionhome.elections import services, tally
from unionhome.elections.models import Election
from unionhome.elections.services_voting import ballot_cast
from unionhome.elections.tests import setup


def recount(ballots, *, n_candidates, seats, entitled, present):
    """Ballot by ballot, written separately from ``tally``: returns counts, invalid, elected/tied/outcome."""
    counts = [[0, 0, 0] for _ in range(n_candidates)]
    write_in = {}
    invalid = 0
    for marks, write_ins in ballots:
        chosen = sum(1 for m in marks if m == "F") + len(write_ins)
        if chosen > seats:
            invalid += 1
            continue
        for i, m in enumerate(marks):
            counts[i]["FAX".index(m)] += 1
        for w in write_ins:
            write_in[w] = write_in.get(w, 0) + 1
    fors = {("c", i): c[0] for i, c in enumerate(counts)} | {("w", w): n for w, n in write_in.items()}
    if Fraction(present, entitled) < Fraction(2, 3):
        return counts, invalid, "no_quorum", set(), set()
    passing = {k: v for k, v in fors.items() if Fraction(v) > Fraction(entitled, 2)}
    ranked = sorted(passing.values(), reverse=True)
    if len(ranked) <= seats:
        outcome = "elected" if len(ranked) == seats else "shortfall_round"
        return counts, invalid, outcome, set(passing), set()
    last = ranked[seats - 1]
    sure = {k for k, v in passing.items() if v > last}
    at_last = {k for k, v in passing.items() if v == last}
    if len(sure) + len(at_last) == seats:
        return counts, invalid, "elected", sure | at_last, set()
    return counts, invalid, "runoff", sure, at_last


@st.composite
def elections(draw, max_voters=60):
    seats = draw(st.integers(1, 4))
    n = draw(st.integers(seats + 1, seats + 3))
    entitled = draw(st.integers(3, max_voters))
    voters = draw(st.integers(0, entitled))
    ballot = st.tuples(st.text(alphabet="FAX", min_size=n, max_size=n),
                       st.lists(st.sampled_from([101, 102, 103]), max_size=2, unique=True))
    return seats, n, entitled, draw(st.lists(ballot, min_size=voters, max_size=voters))


@settings(max_examples=150, deadline=None)
@given(elections())
def test_tally_matches_an_independent_recount(example):
    seats, n, entitled, ballots = example
    groups = {}
    for marks, w in ballots:
        key = (marks, ",".join(str(x) for x in sorted(w)))
        groups[key] = groups.get(key, 0) + 1
    counted = tally.count_ballots([(m, w, k) for (m, w), k in groups.items()], candidates=n, seats=seats)
    counts, invalid, outcome, elected, tied = recount(ballots, n_candidates=n, seats=seats, entitled=entitled,
                                                      present=len(ballots))
    assert [counted.per_candidate[i] for i in range(n)] == counts
    assert counted.invalid == invalid and counted.returned == len(ballots)
    fors = {("c", i): c[0] for i, c in counted.per_candidate.items()} | {("w", w): v for w, v in counted.write_in_for.items()}
    decision = tally.decide(seats=seats, entitled=entitled, present=len(ballots), issued=len(ballots),
                            returned=len(ballots), invalid=counted.invalid, for_votes=fors, quorum=(2, 3),
                            base="entitled", ratio=(1, 2), shortfall_action="another_round")
    assert decision.outcome == outcome
    assert set(decision.elected) == elected and set(decision.tied) == tied


ROLES = ["member", "group_leader", "committee", "women_committee", "auditor", "finance", "hardship_officer", "chair",
         "admin", "group1_worker", "group2_worker"]


@pytest.mark.django_db
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.data())
def test_the_online_count_matches_an_independent_recount_of_the_cast_ballots(cast, data):
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE, seats=3))
    listed = list(election.candidates.filter(write_in=False))
    voters = data.draw(st.lists(st.sampled_from(ROLES), unique=True, max_size=len(ROLES)))
    cast_ballots = []
    for role in voters:
        marks = data.draw(st.text(alphabet="FAX", min_size=4, max_size=4))
        ballot_cast(actor=None, election=election, worker=cast.workers[role],
                    marks={c.pk: m for c, m in zip(listed, marks)})
        cast_ballots.append((marks, []))
    election = services.election_close(actor=None, election=election)
    counts, invalid, outcome, elected, tied = recount(cast_ballots, n_candidates=4, seats=3, entitled=11,
                                                      present=len(voters))
    assert [[c.for_votes, c.against_votes, c.abstain_votes] for c in listed_fresh(election)] == counts
    assert election.ballots_invalid == invalid and election.outcome == outcome
    assert {("c", i) for i, c in enumerate(listed_fresh(election)) if c.elected} == elected


def listed_fresh(election):
    return list(election.candidates.filter(write_in=False))

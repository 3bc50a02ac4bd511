"""Concurrent voting on PostgreSQL: one ballot per voter, every voter counted (``core.testing.race``).

The controls replace, by a patch, what guarantees each: the participation row's unique key (``ON CONFLICT DO
NOTHING``) by a check-then-go, and the random blank slot taken ``FOR UPDATE SKIP LOCKED`` by a plain read of the
first blank slot; each must then show the fault (a voter counted twice, ballots lost)."""
import time
from unittest import mock

import pytest

from unionhome.core.testing.race import race
from unionhome.elections import services_voting
from unionhome.elections.models import Ballot, Participation
from unionhome.elections.services_voting import ballot_cast
from unionhome.elections.tests import setup

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _participation_unchecked(election, worker):
    if Participation.objects.filter(election=election, worker=worker).exists():
        return False
    time.sleep(0.05)
    return True  # nothing written: no unique key to stop the next cast


def _first_blank_slot_unlocked(election, marks, write_ins):
    slot = Ballot.objects.filter(election=election, filled=False).order_by("id").first()
    if slot is None:
        return None
    time.sleep(0.01)
    Ballot.objects.filter(pk=slot.pk).update(filled=True, marks=marks, write_ins=write_ins)
    return slot.receipt


def _vote_for_first(election, worker):
    candidate = election.candidates.order_by("pk").first()
    return ballot_cast(actor=None, election=election, worker=worker, marks={candidate.pk: "F"})


def test_fifty_parallel_ballots_from_one_voter_count_once(cast):
    voter = cast.workers["member"]

    def counted_once(burst):
        election = burst.state
        assert len(burst.succeeded) == 1 and burst.codes == ["already_voted"] * 49, burst.summary()
        assert Participation.objects.filter(election=election).count() <= 1
        assert Ballot.objects.filter(election=election, filled=True).count() == 1

    race(prepare=lambda: setup.open_online(setup.general(cast, mode="online")),
         call=lambda election, i: _vote_for_first(election, voter), n=50, check=counted_once,
         control=lambda: mock.patch.object(services_voting, "_participation_insert", _participation_unchecked))


def test_three_hundred_voters_at_once_give_three_hundred_ballots(cast):
    voters = []

    def prepare():
        if not voters:
            election, new = setup.big_online_election(cast, 300)
            voters.extend(new)
            return election
        return setup.open_online(setup.general(cast, mode="online"))

    def every_voter_counted(burst):
        election = burst.state
        assert burst.failed == [] and len(set(burst.results)) == 300, burst.summary()
        assert Participation.objects.filter(election=election).count() == 300
        assert Ballot.objects.filter(election=election, filled=True).count() == 300

    race(prepare=prepare, call=lambda election, i: _vote_for_first(election, voters[i]), n=300, threads=100,
         check=every_voter_counted,
         control=lambda: mock.patch.object(services_voting, "_fill_blank_slot", _first_blank_slot_unlocked))

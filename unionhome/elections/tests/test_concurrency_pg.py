"""Concurrent voting on PostgreSQL: one ballot per voter, every voter counted (``core.testing.race``).

The controls replace, by a patch, what guarantees each, and make every caller read before any of them writes
(``met``): the participation row's unique key (``ON CONFLICT DO NOTHING``) by a check-then-insert with the key
dropped, and the random blank slot taken ``FOR UPDATE SKIP LOCKED`` by a plain read of the first blank slot.
Each must then show the fault every time (a voter counted twice, ballots lost): a pause between the read and
the write could be outrun on a loaded machine, a meeting point cannot."""
import sys
from unittest import mock

import pytest

from unionhome.core.testing.race import all_of, constraint_dropped, met, race
from unionhome.elections import services_voting
from unionhome.elections.models import Ballot, Participation
from unionhome.elections.services_voting import ballot_cast
from unionhome.elections.tests import setup

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
HERE = sys.modules[__name__]


def _voted(election, worker):
    return Participation.objects.filter(election=election, worker=worker).exists()


def _participation_check_then_insert(election, worker):
    """The control: look whether the voter has voted, then write the row — the classic check-then-insert."""
    if _voted(election, worker):
        return False
    Participation.objects.create(union_id=election.union_id, election=election, worker=worker)
    return True


def _first_blank_slot(election):
    return Ballot.objects.filter(election=election, filled=False).order_by("id").first()


def _first_blank_slot_unlocked(election, marks, write_ins):
    """The control: read the first blank slot, then fill it — no lock, so two voters can fill one slot."""
    slot = _first_blank_slot(election)
    if slot is None:
        return None
    Ballot.objects.filter(pk=slot.pk).update(filled=True, marks=marks, write_ins=write_ins)
    return slot.receipt


def _vote_for_first(election, worker):
    candidate = election.candidates.order_by("pk").first()
    return ballot_cast(actor=None, election=election, worker=worker, marks={candidate.pk: "F"})


def test_fifty_parallel_ballots_from_one_voter_count_once(cast):
    voter = cast.workers["member"]
    callers = 50

    def counted_once(burst):
        election = burst.state
        assert len(burst.succeeded) == 1 and burst.codes == ["already_voted"] * (callers - 1), burst.summary()
        assert Participation.objects.filter(election=election).count() == 1
        assert Ballot.objects.filter(election=election, filled=True).count() == 1

    def unprotected():  # no unique key, and every caller has looked before any has written
        return all_of(mock.patch.object(services_voting, "_participation_insert", _participation_check_then_insert),
                      met(HERE, "_voted", callers),
                      constraint_dropped(Participation, "participation_once_per_voter",
                                         cleanup=lambda: Participation.objects.filter(worker=voter).delete()))

    race(prepare=lambda: setup.open_online(setup.general(cast, mode="online")),
         call=lambda election, i: _vote_for_first(election, voter), n=callers, check=counted_once,
         control=unprotected)


def test_three_hundred_voters_at_once_give_three_hundred_ballots(cast):
    voters, threads = [], 100

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

    def unprotected():  # the first vote of each thread: all have read the same blank slot before any fills it
        return all_of(mock.patch.object(services_voting, "_fill_blank_slot", _first_blank_slot_unlocked),
                      met(HERE, "_first_blank_slot", threads))

    race(prepare=prepare, call=lambda election, i: _vote_for_first(election, voters[i]), n=300, threads=threads,
         check=every_voter_counted, control=unprotected)

"""Concurrent voting on PostgreSQL: one ballot per voter, every voter counted."""
import threading

import pytest
from django.db import connection

from unionhome.core.errors import Conflict
from unionhome.elections.models import Ballot, Participation
from unionhome.elections.services_voting import ballot_cast
from unionhome.elections.tests import setup

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_parallel(jobs, threads):
    """Run ``jobs`` on ``threads`` threads that all start together; returns (results, errors)."""
    barrier = threading.Barrier(threads)
    results, errors, lock = [], [], threading.Lock()
    chunks = [jobs[i::threads] for i in range(threads)]

    def work(chunk):
        try:
            barrier.wait()
            for job in chunk:
                try:
                    out = job()
                    with lock:
                        results.append(out)
                except Conflict as exc:
                    with lock:
                        errors.append(exc.code)
        finally:
            connection.close()

    ts = [threading.Thread(target=work, args=(c,)) for c in chunks]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return results, errors


def test_fifty_parallel_ballots_from_one_voter_count_once(cast):
    election = setup.open_online(setup.general(cast, mode="online"))
    candidate = election.candidates.first()
    voter = cast.workers["member"]
    jobs = [lambda: ballot_cast(actor=None, election=election, worker=voter, marks={candidate.pk: "F"})] * 50
    results, errors = run_parallel(jobs, 50)
    assert len(results) == 1 and errors == ["already_voted"] * 49
    assert Participation.objects.filter(election=election).count() == 1
    assert Ballot.objects.filter(election=election, filled=True).count() == 1


def test_three_hundred_voters_at_once_give_three_hundred_ballots(cast):
    election, voters = setup.big_online_election(cast, 300)
    candidate = election.candidates.first()
    jobs = [(lambda w=w: ballot_cast(actor=None, election=election, worker=w, marks={candidate.pk: "F"}))
            for w in voters]
    results, errors = run_parallel(jobs, 100)
    assert errors == [] and len(set(results)) == 300
    assert Participation.objects.filter(election=election).count() == 300
    assert Ballot.objects.filter(election=election, filled=True).count() == 300

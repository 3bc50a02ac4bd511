"""After closing, no ballot row on PostgreSQL carries a trace of the transaction that filled it."""
import pytest
from django.db import connection

from unionhome.elections import services
from unionhome.elections.services_voting import ballot_cast
from unionhome.elections.tests import setup

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def rows(sql, *params):
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def test_after_closing_ballots_share_the_closing_xmin_and_lie_in_no_voting_order(cast):
    election, voters = setup.big_online_election(cast, 20)
    candidate = election.candidates.first()
    # Each ballot_cast is its own transaction here (no test transaction around it), as for real voters.
    cast_order = [ballot_cast(actor=None, election=election, worker=w, marks={candidate.pk: "F"}) for w in voters]
    filled = [int(x) for (x,) in rows("SELECT xmin::text FROM elections_ballot WHERE election_id = %s AND filled",
                                       election.pk)]
    participation = {int(x) for (x,) in rows(
        "SELECT xmin::text FROM elections_participation WHERE election_id = %s", election.pk)}
    # Control: during the vote each filled slot carries its voter's transaction id (the participation row is
    # written in a savepoint, whose sub-transaction id is the next number), so xmin links ballot to voter.
    assert len(set(filled)) == 20 and all({x - 1, x, x + 1} & participation for x in filled)
    table_file = rows("SELECT pg_relation_filenode('elections_ballot')")[0][0]

    services.election_close(actor=None, election=election)

    ballots = rows("SELECT xmin::text::bigint, receipt FROM elections_ballot WHERE election_id = %s AND filled "
                   "ORDER BY ctid", election.pk)
    assert sorted(r for _, r in ballots) == sorted(cast_order)
    xmins = {x for x, _ in ballots}
    assert len(xmins) == 1  # every ballot was written by the closing transaction
    assert xmins.isdisjoint(participation) and min(xmins) > max(participation) + 1  # nowhere near a voter's
    assert [r for _, r in ballots] != cast_order  # a random order equals the voting order with odds 1/20!
    assert rows("SELECT count(*) FROM elections_ballot WHERE election_id = %s", election.pk)[0][0] == 20
    # The commit hook ran VACUUM (FULL): the table was rewritten, the old row versions are gone from its file.
    assert rows("SELECT pg_relation_filenode('elections_ballot')")[0][0] != table_file

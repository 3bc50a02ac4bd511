"""The stored ballot cannot be linked to its voter: no voter column, no time, a random key, no telling order."""
import uuid

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from unionhome.core.models import AuditEntry
from unionhome.elections import services
from unionhome.elections.models import Ballot, Election, Participation
from unionhome.elections.queries import ballot_candidates, published_receipts
from unionhome.elections.services_voting import ballot_cast
from unionhome.elections.tests import setup


@pytest.mark.django_db
def test_the_ballot_model_has_no_voter_no_time_and_a_random_key():
    fields = {f.name: f for f in Ballot._meta.get_fields()}
    relations = {f.related_model._meta.label for f in fields.values() if f.is_relation and f.related_model}
    assert relations == {"core.Union", "elections.Election"}  # nothing pointing at a user or a worker
    assert not [f for f in fields.values() if isinstance(f, (models.DateField, models.TimeField, models.AutoField,
                                                             models.BigAutoField))]
    assert isinstance(Ballot._meta.pk, models.UUIDField) and Ballot._meta.pk.default is uuid.uuid4
    assert not Ballot._meta.ordering
    forbidden = {"worker", "user", "voter", "created_at", "updated_at", "cast_at", "at", "ip", "seq"}
    assert forbidden.isdisjoint(f.name for f in fields.values())
    with connection.cursor() as cur:
        columns = [c.name for c in connection.introspection.get_table_description(cur, Ballot._meta.db_table)]
    assert sorted(columns) == ["election_id", "filled", "id", "marks", "receipt", "union_id", "write_ins"]


def spearman(xs, ys):
    def ranks(v):
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0] * len(v)
        for rank, i in enumerate(order):
            r[i] = rank
        return r

    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    return 1 - 6 * sum((a - b) ** 2 for a, b in zip(rx, ry)) / (n * (n * n - 1))


def physical_order(election) -> list[str]:
    """Receipts as the rows lie in storage, read without ORDER BY on any column: ctid / rowid."""
    position = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cur:
        cur.execute(f"SELECT receipt FROM elections_ballot WHERE election_id = %s AND filled ORDER BY {position}",
                    [election.pk])
        return [r[0] for r in cur.fetchall()]


@pytest.mark.django_db
def test_storage_order_does_not_reveal_voting_order(cast):
    # 800 votes: with no correlation |ρ| has a standard deviation of 1/√799 ≈ 0.035, so 0.15 is 4.2σ (p ≈ 3e-5: a
    # random order never fails CI, it did at 0.1 = 2.8σ); storage in voting order gives ρ ≈ 1, far above either.
    election, voters = setup.big_online_election(cast, 800)
    candidate = election.candidates.first()
    receipts = [ballot_cast(actor=None, election=election, worker=w, marks={candidate.pk: "F"}) for w in voters]
    stored = physical_order(election)
    assert sorted(stored) == sorted(receipts)
    voting_rank = {r: i for i, r in enumerate(receipts)}
    rho = spearman([voting_rank[r] for r in stored], list(range(len(stored))))
    assert abs(rho) < 0.15, rho
    # Participation rows do carry order (who voted), but share no key with ballots.
    assert Participation.objects.filter(election=election).count() == 800


@pytest.mark.django_db
def test_control_plain_inserts_would_reveal_the_order(cast):
    """Control: rows appended in voting order do correlate, so the test above can see a leak."""
    election, voters = setup.big_online_election(cast, 200)
    Ballot.objects.filter(election=election).delete()
    receipts = []
    for i in range(200):
        b = Ballot.objects.create(union=cast.union, election=election, receipt=f"R{i:05d}{uuid.uuid4().hex[:6]}",
                                  filled=True)
        receipts.append(b.receipt)
    voting_rank = {r: i for i, r in enumerate(receipts)}
    stored = physical_order(election)
    assert spearman([voting_rank[r] for r in stored], list(range(len(stored)))) > 0.9


@pytest.mark.django_db
def test_closing_re_stores_the_ballot_box_and_receipts_and_count_still_hold(cast):
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    first, second = ballot_candidates(election)[:2]
    slot_ids = set(Ballot.objects.filter(election=election).values_list("id", flat=True))
    assert len(slot_ids) == 11  # one blank slot per elector
    receipts = []
    for i, role in enumerate(("member", "chair", "committee", "auditor", "finance", "hardship_officer",
                              "group_leader", "women_committee")):
        marks = {first.pk: "F", second.pk: "A"} if i < 5 else {second.pk: "F"}
        receipts.append(ballot_cast(actor=None, election=election, worker=cast.workers[role], marks=marks))
    election = services.election_close(actor=None, election=election)
    assert election.status == Election.Status.CLOSED
    stored = Ballot.objects.filter(election=election)
    assert sorted(stored.values_list("receipt", flat=True)) == sorted(receipts)  # blank slots are gone
    assert all(stored.values_list("filled", flat=True))
    assert slot_ids.isdisjoint(stored.values_list("id", flat=True))  # every ballot under a fresh key
    services.election_release(actor=None, election=election, on=setup.today())
    assert published_receipts(election) == sorted(receipts)  # each voter still finds their receipt
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.for_votes, first.against_votes, first.abstain_votes) == (5, 0, 3)
    assert (second.for_votes, second.against_votes, second.abstain_votes) == (3, 5, 0)
    assert (election.present, election.ballots_returned, election.ballots_invalid) == (8, 8, 0)


@pytest.mark.django_db
def test_a_vote_writes_nothing_that_times_or_orders_the_ballot_beside_it(cast):
    """No audit row in the vote's commit (its actor, time and sequence would pair the voter with the slot filled
    beside it) and no time on the participation row; closing audits the turnout once."""
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    audited = AuditEntry.objects.count()
    ballot_cast(actor=cast.users["member"], election=election, worker=cast.workers["member"], marks={})
    ballot_cast(actor=cast.users["chair"], election=election, worker=cast.workers["chair"], marks={})
    assert AuditEntry.objects.count() == audited
    assert set(Participation.objects.filter(election=election).values_list("created_at", "updated_at")) == {
        (election.opens_at, election.opens_at)}
    services.election_close(actor=cast.users["chair"], election=election)
    turnout = AuditEntry.objects.get(action="elections.participation.recorded")
    assert turnout.after == {"voters": 2} and turnout.actor == cast.users["chair"]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's secure_delete")
def test_on_sqlite_the_old_slots_are_deleted_with_their_bytes_zeroed(cast):
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    ballot_cast(actor=None, election=election, worker=cast.workers["member"], marks={})
    with CaptureQueriesContext(connection) as ctx:
        services.election_close(actor=None, election=election)
    sql = [q["sql"] for q in ctx.captured_queries]
    delete = next(i for i, q in enumerate(sql) if q.startswith("DELETE FROM \"elections_ballot\""))
    assert sql[delete - 1] == "PRAGMA secure_delete = ON"
    assert sql[delete + 1].startswith("PRAGMA secure_delete = ")  # the connection's own setting comes back


@pytest.mark.django_db
@pytest.mark.parametrize("auth", ["session", "token"])
def test_a_vote_through_the_api_writes_only_the_participation_and_the_slot(cast, client_for, auth):
    """The API cast is the ballot page's cast: no audit row, no time, nothing else written with the ballot. Apart
    from the vote, as on the page: the session's idle-timeout refresh (every request, written by the session
    middleware after the view's commit) and a token's last use (at most once per resolution; primed here)."""
    from unionhome.accounts.services import token_issue

    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    candidate = ballot_candidates(election)[0]
    client = client_for(cast.users["member"])
    headers = {}
    if auth == "token":
        client = client_for(None)
        _, key = token_issue(actor=None, user=cast.users["member"], name="phone")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        client.get("/api/v1/elections", **headers)
    audited = AuditEntry.objects.count()
    with CaptureQueriesContext(connection) as ctx:
        r = client.post(f"/api/v1/elections/{election.pk}/vote", {"marks": [{"candidate_id": candidate.pk, "mark": "F"}]},
                        content_type="application/json", **headers)
    assert r.status_code == 201
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    session = [i for i, sql in enumerate(writes) if '"django_session"' in sql]
    assert session == ([2] if auth == "session" else []), writes  # after the vote's commit, on its own
    writes = [sql for sql in writes if '"django_session"' not in sql]
    assert len(writes) == 2, writes
    assert writes[0].startswith("INSERT INTO elections_participation")
    assert writes[1].startswith('UPDATE elections_ballot SET filled = true')
    assert AuditEntry.objects.count() == audited
    assert set(Participation.objects.filter(election=election).values_list("created_at", "updated_at")) == {
        (election.opens_at, election.opens_at)}
    assert Ballot.objects.get(receipt=r.json()["receipt"]).marks.count("F") == 1

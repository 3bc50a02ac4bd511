"""The ballot's burst path (benchmark P6): what a token vote costs the database, pinned so a statement cannot
creep back."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from unionhome.elections.models import Election
from unionhome.elections.queries import ballot_candidates, ballot_positions
from unionhome.elections.services_voting import _share_locked
from unionhome.elections.tests import setup

pytestmark = pytest.mark.django_db


def test_a_token_vote_costs_a_fixed_handful_of_statements(cast, client_for):
    """Token with user, profile and roles (one statement on PostgreSQL), the election with the voter and their
    membership (one statement); then in one
    transaction the election re-read under the shared lock with the roll check and (PostgreSQL) the candidates'
    positions folded in, the participation INSERT and the slot UPDATE. Nothing else: no audit row, no savepoint
    of its own."""
    from unionhome.accounts.services import token_issue

    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    candidate = ballot_candidates(election)[0]
    client = client_for(None)
    _, key = token_issue(actor=None, user=cast.users["member"], name="phone")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    client.get("/api/v1/elections", **headers)  # the app's list: last use just recorded
    with CaptureQueriesContext(connection) as queries:
        r = client.post(f"/api/v1/elections/{election.pk}/vote",
                        {"marks": [{"candidate_id": candidate.pk, "mark": "F"}]}, content_type="application/json",
                        **headers)
    assert r.status_code == 201
    sql = [q["sql"] for q in queries.captured_queries]
    # Inside the test's transaction the service's own transaction shows as one savepoint pair (BEGIN/COMMIT).
    assert sum(q.startswith("SAVEPOINT") for q in sql) == 1, sql
    statements = [q for q in sql if not q.upper().startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"))]
    # SQLite has no ARRAY(): the positions are one more SELECT there, and the roles are read apart from the token.
    assert len(statements) == (5 if connection.vendor == "postgresql" else 7), statements
    read = statements[-4 if connection.vendor == "postgresql" else -5]
    assert read.startswith("SELECT x.") and '"members_worker" w' in read
    assert statements[-2].startswith("INSERT INTO elections_participation")
    assert statements[-1].startswith("UPDATE elections_ballot SET filled = true")
    assert not any(q.startswith('SELECT "members_membership"') for q in statements)  # read with the voter


def test_the_positions_read_with_the_election_are_the_ballots_order(cast):
    """The marks are encoded by position: the folded read must give exactly ``ballot_positions``, in order."""
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    expected = ballot_positions(election)
    assert len(expected) >= 3
    _row, is_elector, listed = _share_locked(election, cast.workers["member"])
    assert listed == expected and is_elector


def test_the_positions_statement_is_compiled_once_and_each_election_gets_its_own(cast, monkeypatch):
    """``ballot_positions_sql`` compiles its query set once per process (it cost a fifth of a cast's CPU); each
    call puts its own election's id in the parameters, so a second election reads its own candidates."""
    from django.db.models.sql.query import Query

    from unionhome.elections import queries

    first = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    second = setup.general(cast, mode=Election.Mode.ONLINE, candidates=("finance", "member", "auditor"))
    queries.ballot_positions_sql(first)  # compiled here at the latest
    compiled = []
    monkeypatch.setattr(Query, "sql_with_params", lambda self: compiled.append(self) or 1 / 0)
    sql_first, params_first = queries.ballot_positions_sql(first)
    sql_second, params_second = queries.ballot_positions_sql(second)
    assert not compiled and sql_first == sql_second
    assert first.pk in params_first and second.pk in params_second and first.pk not in params_second
    monkeypatch.undo()
    if connection.vendor == "postgresql":
        for election in (first, second):
            with connection.cursor() as cursor:
                sql, params = queries.ballot_positions_sql(election)
                cursor.execute(f"SELECT {sql}", params)
                assert [tuple(p) for p in cursor.fetchone()[0]] == ballot_positions(election)


def test_the_locked_read_builds_no_query_set_once_warm(cast, monkeypatch):
    """``_share_locked`` runs SQL built once per process: after a first cast, no raw query set and (PostgreSQL,
    where the positions are folded in) no compiled query set — what cost a third of a ballot's CPU."""
    from django.db.models.sql.compiler import SQLCompiler
    from django.db.models.sql.query import RawQuery

    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    _share_locked(election, cast.workers["member"])  # warm
    monkeypatch.setattr(RawQuery, "__init__", lambda *a, **k: 1 / 0)
    if connection.vendor == "postgresql":
        monkeypatch.setattr(SQLCompiler, "as_sql", lambda *a, **k: 1 / 0)
    row, is_elector, listed = _share_locked(election, cast.workers["member"])
    monkeypatch.undo()
    assert (row.pk, row.status, row.opens_at, row.seats) == (election.pk, election.status, election.opens_at,
                                                              election.seats)
    assert is_elector and listed == ballot_positions(election)
    late = setup.extra_members(cast, 1)[0]  # joined after the opening: not on the roll
    assert _share_locked(election, late)[1] is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite reads the positions through a query set")
def test_a_warm_token_vote_compiles_no_query_set(cast, client_for, monkeypatch):
    """On PostgreSQL every statement of a token vote is built once per process: a second vote compiles no query set
    (a ballot that writes nobody in builds none for the write-ins either)."""
    from django.db.models.sql.compiler import SQLCompiler

    from unionhome.accounts.services import token_issue

    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    candidate = ballot_candidates(election)[0]
    client = client_for(None)
    for role in ("committee", "member"):
        _, key = token_issue(actor=None, user=cast.users[role], name="phone")
        if role == "member":
            monkeypatch.setattr(SQLCompiler, "as_sql", lambda *a, **k: 1 / 0)
        r = client.post(f"/api/v1/elections/{election.pk}/vote",
                        {"marks": [{"candidate_id": candidate.pk, "mark": "F"}]}, content_type="application/json",
                        HTTP_AUTHORIZATION=f"Bearer {key}")
        assert r.status_code == 201, r.content

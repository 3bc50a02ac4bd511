"""A reader held open during closing (a backup, a long report) must not leave voters linkable to their ballots:
closing is reported only once the traces of the vote are verified gone from the raw database files."""
from __future__ import annotations

import sqlite3

import psycopg
import pytest
from django.db import connection
from django.urls import reverse

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.elections import services, services_voting
from unionhome.elections.models import Ballot, Election, Participation
from unionhome.elections.queries import ballot_candidates
from unionhome.elections.services_voting import ballot_cast
from unionhome.elections.tests import forensics, setup

VOTERS = ("member", "chair", "committee", "auditor", "finance")


def vote(cast, election) -> dict[int, str]:
    """Five voters, each in a transaction of their own (as real voters); worker id → receipt."""
    first, second = ballot_candidates(election)[:2]
    marks = [{first.pk: "F"}, {second.pk: "F"}, {first.pk: "A", second.pk: "F"}, {}, {first.pk: "F", second.pk: "A"}]
    return {cast.workers[role].pk: ballot_cast(actor=None, election=election, worker=cast.workers[role], marks=m)
            for role, m in zip(VOTERS, marks)}


# --- SQLite: the write-ahead log ---------------------------------------------------------------------------------
@pytest.fixture
def sqlite_file(transactional_db, tmp_path):
    """The default connection moved onto a database file in WAL mode (tests otherwise run in memory, where
    nothing of the vote reaches a file): the schema copied from the test database, the data made here."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write-ahead log")
    path = str(tmp_path / "unionhome.sqlite3")
    connection.ensure_connection()
    memory, name = connection.connection, connection.settings_dict["NAME"]
    target = sqlite3.connect(path)
    memory.backup(target)
    target.close()
    connection.connection = None
    connection.settings_dict["NAME"] = path
    connection.ensure_connection()
    with connection.cursor() as cur:
        cur.execute("PRAGMA journal_mode")
        assert cur.fetchone()[0] == "wal"
    yield path
    connection.connection.close()
    connection.connection = memory
    connection.settings_dict["NAME"] = name


@pytest.mark.django_db(transaction=True)
def test_sqlite_a_reader_during_closing_keeps_it_waiting_until_the_wal_holds_nothing_of_the_vote(sqlite_file, cast,
                                                                                               monkeypatch):
    monkeypatch.setattr(services_voting, "PURGE_BUSY_TIMEOUT_MS", 100)
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    with connection.cursor() as cur:
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # a quiet database: the log starts with the vote
        cur.execute("SELECT rootpage FROM sqlite_master WHERE name = %s", [Participation._meta.db_table])
        participation_page = cur.fetchone()[0]
        columns = [c.name for c in connection.introspection.get_table_description(cur, Participation._meta.db_table)]
    slots = [key.hex.encode() for key in Ballot.objects.filter(election=election).values_list("id", flat=True)]
    receipts = vote(cast, election)

    def links():
        return forensics.sqlite_links(sqlite_file, participation_page=participation_page, columns=columns,
                                        election_id=election.pk)

    # Control: during the vote the log pairs every voter with the ballot they filled (the documented limit).
    assert links() == receipts

    reader = sqlite3.connect(sqlite_file)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM elections_participation").fetchone()  # a backup's snapshot, held open
    with pytest.raises(Conflict) as waiting:
        services.election_close(actor=None, election=election)
    assert waiting.value.code == "ballot_purge_waiting" and "读取" in waiting.value.message
    election.refresh_from_db()
    assert election.status == Election.Status.CLOSING  # stopped and counted, not reported closed
    with pytest.raises(RuleViolation):  # nobody votes any more
        ballot_cast(actor=None, election=election, worker=cast.workers["hardship_officer"], marks={})
    with pytest.raises(Conflict):  # still waiting while the reader is there
        services.election_close_finish(actor=None, election=election)

    reader.rollback()
    reader.close()
    election = services.election_close_finish(actor=None, election=election)
    assert election.status == Election.Status.CLOSED
    assert links() == {}
    assert forensics.contains_any([sqlite_file, f"{sqlite_file}-wal"], slots) == []  # no old slot left anywhere
    assert sorted(Ballot.objects.filter(election=election).values_list("receipt", flat=True)) == sorted(
        receipts.values())


# --- PostgreSQL: the heap file -----------------------------------------------------------------------------------
def pg_reader():
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**{k: v for k, v in params.items() if k in ("dbname", "user", "password", "host", "port")})


def pg_heap_file() -> str:
    with connection.cursor() as cur:
        cur.execute("CHECKPOINT")  # the pages on disk, as a copy of the data directory would have them
        cur.execute("SELECT current_setting('data_directory') || '/' || pg_relation_filepath(%s)",
                    [Ballot._meta.db_table])
        return cur.fetchone()[0]


def voter_xids(election) -> dict[int, int]:
    with connection.cursor() as cur:
        cur.execute("SELECT worker_id, xmin::text::bigint FROM elections_participation WHERE election_id = %s",
                    [election.pk])
        return dict(cur.fetchall())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("reader_sql, waits", [
    # A backup or long report: a snapshot taken before the closing, not touching the ballot table. The rewrite
    # goes ahead (VACUUM FULL would keep every row version that snapshot might still see).
    ("SELECT count(*) FROM elections_participation", False),
    # A report that read the ballot table holds a lock on it until it ends: closing waits for it.
    ("SELECT count(*) FROM elections_ballot", True),
])
def test_postgresql_a_reader_during_closing_leaves_no_ballot_row_version_linkable(cast, monkeypatch, reader_sql,
                                                                                  waits):
    # above deadlock_timeout (1 s), after which an autovacuum in the way gives up its lock
    monkeypatch.setattr(services_voting, "PURGE_LOCK_TIMEOUT", "2s")
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    slots = [key.bytes for key in Ballot.objects.filter(election=election).values_list("id", flat=True)]
    receipts = vote(cast, election)
    xids = voter_xids(election)
    # Control: during the vote the heap file pairs every voter's transaction with the ballot it filled.
    old_file = pg_heap_file()
    assert forensics.pg_links(old_file, xids) == receipts

    reader = pg_reader()
    reader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
    reader.execute(reader_sql).fetchone()
    try:
        if not waits:
            election = services.election_close(actor=None, election=election)
        else:
            with pytest.raises(Conflict) as waiting:
                services.election_close(actor=None, election=election)
            assert waiting.value.code == "ballot_purge_waiting" and "选票表" in waiting.value.message
            election.refresh_from_db()
            assert election.status == Election.Status.CLOSING
            with pytest.raises(Conflict):
                services.election_close_finish(actor=None, election=election)
            reader.rollback()
            election = services.election_close_finish(actor=None, election=election)
        assert election.status == Election.Status.CLOSED
        new_file = pg_heap_file()
        assert new_file != old_file
        assert forensics.pg_links(new_file, xids) == {}
        assert forensics.contains_any([old_file, new_file], slots) == []
    finally:
        reader.close()


@pytest.mark.django_db(transaction=True)
def test_sqlite_the_chair_is_told_why_closing_waits_and_retries_from_the_page(sqlite_file, cast, client_for,
                                                                              monkeypatch):
    monkeypatch.setattr(services_voting, "PURGE_BUSY_TIMEOUT_MS", 100)
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    vote(cast, election)
    client = client_for(cast.users["chair"])
    reader = sqlite3.connect(sqlite_file)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM elections_ballot").fetchone()
    page = client.post(reverse("elections:close", args=[election.pk]), follow=True).content.decode()
    assert "数据库正被其他程序读取" in page and 'id="purge-waiting"' in page and 'id="close-finish"' in page
    assert "已闭票并计票" not in page
    assert "投票痕迹尚待清除" in client.get("/").content.decode()  # the dashboard reminds the chair
    reader.rollback()
    reader.close()
    page = client.post(reverse("elections:close_finish", args=[election.pk]), follow=True).content.decode()
    assert "痕迹已清除并核实" in page and 'id="release"' in page
    assert "投票痕迹尚待清除" not in client.get("/").content.decode()
    election.refresh_from_db()
    assert election.status == Election.Status.CLOSED

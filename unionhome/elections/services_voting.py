"""The secret online ballot: one vote per eligible voter in the voting window, unlinkable to the voter.

During the vote: the voter's participation (who voted) and the ballot (how) are written in one transaction but
share no key: the ballot is a blank slot pre-allocated at opening (random UUID, random receipt code, random
physical position), chosen at random among the blank ones and filled in place. The cast writes nothing else: no
audit row of its own (the participation row is the record that the member voted; closing audits the turnout) and
no time (the participation row carries the opening time of the vote, not the moment of the cast), so nothing
written with the ballot orders or times it.

At closing (``ballot_box_restore``, called by ``services.election_close``): filling a slot in place still leaves
a trace a database administrator could read. On PostgreSQL the filled row version carries the voting
transaction's id (``xmin``), the same as the voter's participation row, and dead row versions linger; on SQLite
the write-ahead log keeps every page as each vote left it, so a vote's commit pairs the new participation row
with the slot it filled. So the closing transaction deletes every slot of the election and re-inserts the
filled ballots with fresh random keys in an order drawn from the operating system's CSPRNG, keeping receipt,
marks and write-ins (voters find their receipt in the published list; the count is unchanged). Then the old
row versions are purged, and closing is not reported until the purge is verified:

- PostgreSQL, in the closing transaction: under an exclusive lock on the ballot table, the table is rewritten
  (``TRUNCATE`` and re-insert in a random order): the old file with every dead row version is discarded at the
  commit, whatever snapshot an older transaction still holds (``VACUUM FULL`` keeps the row versions such a
  snapshot might see).
- SQLite: the delete runs with ``PRAGMA secure_delete = ON`` (the freed bytes are zeroed); after the commit the
  file is rebuilt (``VACUUM``: no page keeps the cells the votes replaced in place) and the WAL is checkpointed
  with ``TRUNCATE`` and verified empty (no reader busy, no frame left, a zero-length file).

A reader holding the table (PostgreSQL) or an old snapshot (SQLite: a backup, a long report) blocks the purge:
the vote stays stopped and counted but the election waits in ``closing`` and the chair is told why; the retry
(``services.election_close_finish``) completes it.

Limits: while the vote is open a database administrator watching the live database can still correlate a
participation row with the ballot filled in the same transaction. PostgreSQL's own write-ahead log, replicas and
backups taken before the closing are outside the application's reach: protect them like the database during
the vote.
"""
from __future__ import annotations

import logging
import os
import secrets
import uuid
from contextlib import contextmanager

from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.elections import tally
from unionhome.elections.models import Ballot, Election, Elector, Participation
from unionhome.elections.queries import ballot_positions, ballot_positions_sql
from unionhome.members.models import Worker

logger = logging.getLogger(__name__)

# The purge takes an exclusive lock on the whole ballot table (every union's, PostgreSQL) or waits for readers to
# leave the WAL (SQLite): wait at most this long rather than holding up voters elsewhere; then the chair is told
# why closing waits, and retries.
PURGE_LOCK_TIMEOUT = "5s"
PURGE_BUSY_TIMEOUT_MS = 5000

WAIT_READER = (gettext_lazy("投票已截止并已计票，但数据库正被其他程序读取（如备份或长时间的报表），投票期间留下的写入痕迹还不能清除。"
               "为保证无记名，痕迹清除并核实后才算闭票：请待其结束后点“重试完成闭票”。"))
WAIT_TABLE = (gettext_lazy("投票已截止并已计票，但选票表正被其他数据库会话使用（如备份或报表），投票期间留下的旧记录还不能清除。"
              "为保证无记名，痕迹清除并核实后才算闭票：请待其结束后点“重试完成闭票”。"))
WAIT_TRANSACTION = gettext_lazy("投票痕迹须在闭票事务提交之后清除并核实，当前仍在一个未提交的事务中")


def _share_locked(election: Election, worker: Worker) -> tuple[Election, bool, list[tuple[int, int]]]:
    """Re-read the election under a shared lock — votes run side by side, closing (FOR UPDATE) waits
    for them —, whether ``worker`` is on its roll of electors and (PostgreSQL) the ballot's candidate positions
    (``queries.ballot_positions``), in one statement."""
    postgres = connection.vendor == "postgresql"
    positions, params = ballot_positions_sql(election) if postgres else ("NULL", ())
    row = Election.objects.raw(
        f"SELECT e.*, EXISTS (SELECT 1 FROM {Elector._meta.db_table} r WHERE r.election_id = e.id "
        f"AND r.worker_id = %s) AS is_elector, {positions} AS positions FROM {Election._meta.db_table} e "
        f"WHERE e.id = %s{' FOR SHARE OF e' if postgres else ''}",
        [worker.pk, *params, election.pk])[0]
    listed = [(pk, worker_id) for pk, worker_id in row.positions] if postgres else ballot_positions(row)
    return row, bool(row.is_elector), listed


def _participation_insert(election: Election, worker: Worker) -> bool:
    """Record that ``worker`` voted; False when they already had (the unique key decides, no savepoint).

    The row carries the opening time of the vote, not the moment of the cast: it is written in the ballot's
    commit, so a time here would time the ballot."""
    at = Participation._meta.get_field("created_at").get_db_prep_value(election.opens_at, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Participation._meta.db_table} (union_id, created_at, updated_at, election_id, worker_id) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (election_id, worker_id) DO NOTHING RETURNING id",
            [election.union_id, at, at, election.pk, worker.pk])
        return cursor.fetchone() is not None


def _fill_blank_slot(election: Election, marks: str, write_ins: str) -> str | None:
    """Fill a blank slot chosen at random (the first blank at or after a random UUID, else the last
    before it) in one statement; returns its receipt, or None when no blank slot is left. Slots other
    voters are filling are skipped, not waited for."""
    skip = " FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
    pivot = Ballot._meta.pk.get_db_prep_value(uuid.uuid4(), connection)
    blank = f"SELECT id FROM {Ballot._meta.db_table} WHERE election_id = %s AND filled = false AND id "
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Ballot._meta.db_table} SET filled = true, marks = %s, write_ins = %s "
            f"WHERE id = COALESCE(({blank}>= %s ORDER BY id LIMIT 1{skip}), ({blank}< %s ORDER BY id DESC LIMIT 1{skip})) "
            "RETURNING receipt",
            [marks, write_ins, election.pk, pivot, election.pk, pivot])
        row = cursor.fetchone()
    return row[0] if row else None


def _validate(election: Election, worker: Worker, is_elector: bool, listed: list, marks: dict, write_ins, now) -> list:
    if election.mode != Election.Mode.ONLINE:
        raise RuleViolation("not_online", gettext("本次选举采用纸质选票"))
    if election.status != Election.Status.OPEN or not (election.opens_at <= now <= election.closes_at):
        raise RuleViolation("not_in_window", gettext("不在投票时间内"))
    membership = getattr(worker, "membership", None)
    if membership is None or not membership.may_vote or not is_elector:
        raise RuleViolation("not_entitled", gettext("您不在本次选举的选举人名单中，或会籍状态不允许投票"))
    if set(marks) - {pk for pk, _ in listed} or set(marks.values()) - {tally.FOR, tally.AGAINST, tally.ABSTAIN}:
        raise RuleViolation("ballot_invalid", gettext("选票内容无效"))
    listed_workers = {worker_id for _, worker_id in listed}
    for w in write_ins:
        wm = getattr(w, "membership", None)
        if w.union_id != election.union_id or wm is None or not wm.may_vote or w.pk in listed_workers:
            raise RuleViolation("write_in_invalid", gettext("另选他人须为本会在会会员且不是候选人：%(name)s") % {"name": w.name})
    return listed


def ballot_check(*, election: Election, worker: Worker, marks: dict[int, str], write_ins: list[Worker] = (),
                 now=None) -> None:
    """Everything ``ballot_cast`` checks, without casting: the confirmation step refuses what the cast would."""
    election, is_elector, listed = _share_locked(election, worker)
    _validate(election, worker, is_elector, listed, marks, write_ins, now or timezone.now())
    if Participation.objects.filter(election=election, worker=worker).exists():
        raise Conflict("already_voted", gettext("您已投过票，每人只能投一次"))


@transaction.atomic
def ballot_cast(*, actor, election: Election, worker: Worker, marks: dict[int, str], write_ins: list[Worker] = (),
                now=None) -> str:
    """Cast one ballot; returns the receipt code. ``marks`` maps candidate id → F/A/X (missing = abstain).

    A ballot with more marks than seats is accepted and counted void (rule 8), as a paper ballot would be.
    """
    election, is_elector, listed = _share_locked(election, worker)
    _validate(election, worker, is_elector, listed, marks, write_ins, now or timezone.now())
    if not _participation_insert(election, worker):
        raise Conflict("already_voted", gettext("您已投过票，每人只能投一次"))
    encoded = "".join(marks.get(pk, tally.ABSTAIN) for pk, _ in listed)
    written = ",".join(str(i) for i in sorted({w.pk for w in write_ins}))
    receipt = _fill_blank_slot(election, encoded, written)
    if receipt is None:
        raise Conflict("no_ballot_left", gettext("选票已发完"))
    # No audit row here: one written in the ballot's commit would pair the voter with the slot filled beside it
    # (its actor, time and sequence). The participation row records that the member voted; closing audits the
    # turnout (``services.election_close``).
    return receipt


@contextmanager
def _secure_delete():
    """SQLite: zero the bytes of deleted rows (per connection, so switched on here and restored after)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cur:
        cur.execute("PRAGMA secure_delete")
        before = cur.fetchone()[0]
        cur.execute("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            cur.execute(f"PRAGMA secure_delete = {int(before)}")


@transaction.atomic
def ballot_box_restore(*, election: Election) -> str | None:
    """Re-store the ballot box at closing so no row carries a trace of who filled it (see the module docstring).

    Runs inside ``election_close``'s transaction (which locks the election and writes the audit entry). Returns
    None when the old row versions are already purged by this transaction (PostgreSQL: the table rewritten; an
    SQLite database kept in memory), else why the closing must wait: ``ballot_purge_verify`` after the commit
    (SQLite's WAL), or a retry (the ballot table was busy).
    """
    kept = list(Ballot.objects.filter(election=election, filled=True).values_list("receipt", "marks", "write_ins"))
    rows = [Ballot(id=uuid.uuid4(), union_id=election.union_id, election_id=election.pk, receipt=receipt,
                   filled=True, marks=marks, write_ins=write_ins) for receipt, marks, write_ins in kept]
    secrets.SystemRandom().shuffle(rows)
    with _secure_delete():
        Ballot.objects.filter(election=election).delete()
    Ballot.objects.bulk_create(rows, batch_size=1000)
    if connection.vendor == "postgresql":
        return ballot_table_rewrite()
    return WAIT_TRANSACTION if _sqlite_journal_mode() == "wal" else None


def ballot_table_rewrite() -> str | None:
    """PostgreSQL, inside the closing (or retry) transaction: rewrite the whole ballot table, so the file holding
    every old row version is discarded at the commit. None when done, else why not (the table was busy).

    ``TRUNCATE`` gives the table a new, empty file; the rows read just before (under the exclusive lock, so every
    vote elsewhere has committed or waits) go back in an order from the server's strong random generator. Unlike
    ``VACUUM FULL`` it keeps no row version an older snapshot could still see, and it runs in the transaction.
    """
    table = Ballot._meta.db_table
    cols = ", ".join(f.column for f in Ballot._meta.concrete_fields)
    try:
        with transaction.atomic(), connection.cursor() as cur:  # a savepoint: on timeout the closing goes on
            cur.execute(f"SET LOCAL lock_timeout = '{PURGE_LOCK_TIMEOUT}'")
            cur.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
            cur.execute("SET LOCAL lock_timeout TO DEFAULT")
            cur.execute(f"CREATE TEMP TABLE ballot_rewrite AS SELECT {cols} FROM {table}")
            # TRUNCATE refuses a table with deferred foreign-key checks pending (the ballots just re-stored).
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute("SET CONSTRAINTS ALL DEFERRED")
            cur.execute(f"TRUNCATE {table}")
            cur.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM ballot_rewrite ORDER BY gen_random_uuid()")
            cur.execute("DROP TABLE ballot_rewrite")
    except OperationalError as exc:  # lock_not_available (a reader holds the table) and its kin
        logger.warning("ballot purge: the ballot table is in use (%s); the closing waits for a retry", exc)
        return WAIT_TABLE
    return None


def _sqlite_journal_mode() -> str:
    with connection.cursor() as cur:
        cur.execute("PRAGMA journal_mode")
        return cur.fetchone()[0].lower()


def ballot_purge_verify() -> str | None:
    """SQLite, after the closing commit: rebuild the database file (``VACUUM``), checkpoint the WAL into it and
    truncate it, then verify — no reader kept it busy, no frame is left, the file is empty. None when verified,
    else why the closing waits.

    The WAL holds every page as each vote left it (the participation row beside the slot it filled); the database
    file's own old bytes were zeroed by ``secure_delete``. In memory or with a rollback journal nothing of the
    vote outlives the closing commit. PostgreSQL purges inside the closing transaction (``ballot_table_rewrite``).
    """
    if connection.vendor != "sqlite" or _sqlite_journal_mode() != "wal":
        return None
    if connection.in_atomic_block:
        return WAIT_TRANSACTION
    with connection.cursor() as cur:
        cur.execute("PRAGMA busy_timeout")
        before = int(cur.fetchone()[0])
        cur.execute(f"PRAGMA busy_timeout = {int(PURGE_BUSY_TIMEOUT_MS)}")  # readers get this long to finish
        try:
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, frames, _ = cur.fetchone()
            if not (busy or frames):  # no reader in the way (else a rebuild would only pile up in the WAL)
                # Rebuild the file: secure_delete zeroed what the closing deleted, but the cells each vote
                # replaced in place may lie as free-space garbage in the pages; VACUUM writes every page afresh.
                cur.execute("VACUUM")
                cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                busy, frames, _ = cur.fetchone()
        except OperationalError as exc:  # "database is locked": a writer in the way; the next try may pass
            logger.warning("ballot purge: %s", exc)
            busy, frames = 1, -1
        finally:
            cur.execute(f"PRAGMA busy_timeout = {before}")
        cur.execute("PRAGMA database_list")
        path = next(row[2] for row in cur.fetchall() if row[1] == "main")
    wal = f"{path}-wal"
    size = os.path.getsize(wal) if os.path.exists(wal) else 0
    if busy or frames or size:
        logger.warning("ballot purge: a reader blocked the WAL checkpoint (busy=%s, frames=%s, bytes=%s)",
                       busy, frames, size)
        return WAIT_READER
    return None

"""The secret online ballot: one vote per eligible voter in the voting window, unlinkable to the voter.

During the vote: the voter's participation (who voted) and the ballot (how) are written in one transaction but
share no key: the ballot is a blank slot pre-allocated at opening (random UUID, random receipt code, random
physical position), chosen at random among the blank ones and filled in place.

At closing (``ballot_box_restore``, called by ``services.election_close``): filling a slot in place still leaves
a trace a database administrator could read. On PostgreSQL the filled row version carries the voting
transaction's id (``xmin``), the same as the voter's participation row, and dead row versions linger until
vacuumed. So the closing transaction deletes every slot of the election and re-inserts the filled ballots with
fresh random keys in an order drawn from the operating system's CSPRNG, keeping receipt, marks and write-ins
(voters find their receipt in the published list; the count is unchanged). Every ballot row then carries the
closing transaction's xmin, and its physical position says nothing. After the commit the old row versions are
removed: ``VACUUM (FULL)`` of the ballot table on PostgreSQL; on SQLite the delete runs with
``PRAGMA secure_delete = ON`` (the freed bytes are zeroed; the pragma is per connection, so it is switched on
around the delete and restored) and the WAL is checkpointed and truncated.

Limits: while the vote is open a database administrator watching the live database can still correlate a
participation row with the ballot filled in the same transaction. Write-ahead logs, replicas and backups taken
before the closing are outside the application's reach: protect them like the database during the vote.
"""
from __future__ import annotations

import logging
import secrets
import uuid
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.elections import tally
from unionhome.elections.models import Ballot, Election, Elector, Participation
from unionhome.elections.queries import ballot_positions
from unionhome.members.models import Worker

logger = logging.getLogger(__name__)

# VACUUM FULL takes an exclusive lock on the whole ballot table (every union's): wait at most this long for it,
# rather than holding up voters elsewhere; on timeout the purge is logged and left to autovacuum.
PURGE_LOCK_TIMEOUT = "5s"


def _share_locked(election: Election, worker: Worker) -> tuple[Election, bool]:
    """Re-read the election under a shared lock — votes run side by side, closing (FOR UPDATE) waits
    for them — and whether ``worker`` is on its roll of electors, in one statement."""
    lock = " FOR SHARE OF e" if connection.vendor == "postgresql" else ""
    row = Election.objects.raw(
        f"SELECT e.*, EXISTS (SELECT 1 FROM {Elector._meta.db_table} r WHERE r.election_id = e.id "
        f"AND r.worker_id = %s) AS is_elector FROM {Election._meta.db_table} e WHERE e.id = %s{lock}",
        [worker.pk, election.pk])[0]
    return row, bool(row.is_elector)


def _participation_insert(election: Election, worker: Worker) -> bool:
    """Record that ``worker`` voted; False when they already had (the unique key decides, no savepoint)."""
    at = Participation._meta.get_field("created_at").get_db_prep_value(timezone.now(), connection)
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


@transaction.atomic
def ballot_cast(*, actor, election: Election, worker: Worker, marks: dict[int, str], write_ins: list[Worker] = (),
                now=None) -> str:
    """Cast one ballot; returns the receipt code. ``marks`` maps candidate id → F/A/X (missing = abstain).

    A ballot with more marks than seats is accepted and counted void (rule 8), as a paper ballot would be.
    """
    now = now or timezone.now()
    election, is_elector = _share_locked(election, worker)
    if election.mode != Election.Mode.ONLINE:
        raise RuleViolation("not_online", "本次选举采用纸质选票")
    if election.status != Election.Status.OPEN or not (election.opens_at <= now <= election.closes_at):
        raise RuleViolation("not_in_window", "不在投票时间内")
    membership = getattr(worker, "membership", None)
    if membership is None or not membership.may_vote or not is_elector:
        raise RuleViolation("not_entitled", "您不在本次选举的选举人名单中，或会籍状态不允许投票")
    listed = ballot_positions(election)
    if set(marks) - {pk for pk, _ in listed} or set(marks.values()) - {tally.FOR, tally.AGAINST, tally.ABSTAIN}:
        raise RuleViolation("ballot_invalid", "选票内容无效")
    listed_workers = {worker_id for _, worker_id in listed}
    for w in write_ins:
        wm = getattr(w, "membership", None)
        if w.union_id != election.union_id or wm is None or not wm.may_vote or w.pk in listed_workers:
            raise RuleViolation("write_in_invalid", f"另选他人须为本会在会会员且不是候选人：{w.name}")
    if not _participation_insert(election, worker):
        raise Conflict("already_voted", "您已投过票，每人只能投一次")
    encoded = "".join(marks.get(pk, tally.ABSTAIN) for pk, _ in listed)
    written = ",".join(str(i) for i in sorted({w.pk for w in write_ins}))
    receipt = _fill_blank_slot(election, encoded, written)
    if receipt is None:
        raise Conflict("no_ballot_left", "选票已发完")
    # The audit records that this member voted (as Participation does), never which ballot.
    audit_log(actor=actor, action="elections.ballot.cast", target=election)
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
def ballot_box_restore(*, election: Election) -> int:
    """Re-store the ballot box at closing so no row carries a trace of who filled it (see the module docstring).

    Runs inside ``election_close``'s transaction (which locks the election and writes the audit entry). Returns
    the number of ballots kept.
    """
    kept = list(Ballot.objects.filter(election=election, filled=True).values_list("receipt", "marks", "write_ins"))
    rows = [Ballot(id=uuid.uuid4(), union_id=election.union_id, election_id=election.pk, receipt=receipt,
                   filled=True, marks=marks, write_ins=write_ins) for receipt, marks, write_ins in kept]
    secrets.SystemRandom().shuffle(rows)
    with _secure_delete():
        Ballot.objects.filter(election=election).delete()
    Ballot.objects.bulk_create(rows, batch_size=1000)
    transaction.on_commit(purge_old_ballot_versions)
    return len(rows)


def purge_old_ballot_versions() -> None:
    """After the closing commit, best effort: physically remove the old ballot row versions.

    PostgreSQL: ``VACUUM (FULL)`` rewrites the ballot table and its indexes (it cannot run in a transaction,
    hence ``on_commit``). SQLite: the deleted rows were already zeroed (secure_delete); checkpoint and truncate
    the WAL, which still holds the pages as they were during the vote. A failure is logged, never raised: the
    vote is closed and counted either way.
    """
    if connection.in_atomic_block:  # only when a caller holds an outer transaction (tests capturing callbacks)
        logger.warning("ballot purge skipped: still inside a transaction")
        return
    try:
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                cur.execute(f"SET lock_timeout = '{PURGE_LOCK_TIMEOUT}'")
                try:
                    cur.execute(f"VACUUM (FULL) {Ballot._meta.db_table}")
                finally:
                    cur.execute("RESET lock_timeout")
            elif connection.vendor == "sqlite":
                cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                busy = cur.fetchone()[0]
                if busy:
                    logger.warning("ballot purge: a reader blocked the WAL checkpoint; old pages stay until the next")
    except DatabaseError:
        logger.exception("ballot purge failed: old ballot row versions stay until the database reuses the space")

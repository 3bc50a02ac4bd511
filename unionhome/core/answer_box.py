"""An answer box whose rows cannot be linked to who answered: the secret online ballot
(``elections.services_voting``) and the anonymous 会员评家 survey (``assessment.services_survey``).

Two tables, no shared key: the *participant* row says who answered (unique per person, so each answers once) and
the *slot* rows say how. The mechanism, one home for both:

- ``slots_create``: when the box opens, blank slots are pre-made (random UUID keys, stored in an order from the
  operating system's CSPRNG), so filling one writes no new row and no row is ordered by the moment of answering.
- ``participant_insert``: the participant row carries the opening time of the box, not the moment of the answer
  (it is written in the answer's commit, so a time there would time the answer); the unique key, not a read,
  refuses a second answer.
- ``slot_fill``: one statement fills a blank slot chosen at random (the first blank at or after a random UUID,
  else the last before it). On PostgreSQL ``FOR UPDATE SKIP LOCKED`` skips slots others are filling instead of
  waiting; SQLite serialises writers, so the plain sub-select is enough. Nothing else is written with the answer
  (no audit row: one written in the same commit would pair the person with the slot).
- At closing, filling in place still leaves a trace a database administrator could read: on PostgreSQL the
  filled row version carries the answering transaction's id (``xmin``), the same as the participant row's, and
  dead row versions linger; on SQLite the write-ahead log keeps every page as each answer left it. So:
  ``box_restore`` deletes every slot of the box (SQLite: with ``secure_delete``, the freed bytes zeroed) and
  re-inserts the filled ones under fresh random keys in a CSPRNG order; on PostgreSQL ``table_rewrite`` then
  rewrites the whole table in the closing transaction (``TRUNCATE`` and re-insert in random order: the old file
  with every dead row version is discarded at the commit, whatever snapshot an older transaction holds —
  ``VACUUM FULL`` would keep the versions such a snapshot might see); on SQLite ``wal_purge_verify``, after the
  commit, rebuilds the file (``VACUUM``), checkpoints the WAL with ``TRUNCATE`` and verifies it empty.

A reader holding the table (PostgreSQL) or an old snapshot (SQLite: a backup, a long report) blocks the purge;
the callers say what then waits (the election stays ``closing``; the survey's closing is refused) and why.

Limits: while the box is open a database administrator watching the live database can still pair a participant
row with the slots filled in the same transaction. PostgreSQL's own write-ahead log, replicas and backups taken
before the closing are outside the application's reach: protect them like the database while the box is open.
"""
from __future__ import annotations

import logging
import os
import secrets
import uuid
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections, transaction

from unionhome.core.statements import built_once, statement_cursor

logger = logging.getLogger(__name__)

# The purge takes an exclusive lock on the whole slot table (every union's, PostgreSQL) or waits for readers to
# leave the WAL (SQLite): wait at most this long rather than hold up answers elsewhere; the caller says why it waits.
LOCK_TIMEOUT = "5s"
BUSY_TIMEOUT_MS = 5000

# Why the SQLite purge is not verified (``wal_purge_verify``): still inside the closing transaction (run it after
# the commit), or a reader (an old snapshot) or a writer kept the WAL from being emptied (retry later).
IN_TRANSACTION = "in_transaction"
READER_BUSY = "reader_busy"


def _column(model, field: str) -> str:
    return model._meta.get_field(field).column


def slots_create(model, slots: list) -> None:
    """Store the blank slots of a box that opens, in an order from the CSPRNG (their keys are random UUIDs)."""
    secrets.SystemRandom().shuffle(slots)
    model.objects.bulk_create(slots, batch_size=1000)


def participant_insert(model, *, union_id, at, **keys) -> bool:
    """Record that someone answered (``keys``: the box and the person, the table's unique pair); False when they
    already had — the unique key decides, with no read before and no savepoint. ``at`` is the box's opening
    time: the row is written in the answer's commit, so the moment of answering would time the answer.
    The statement is built once per process and prepared on the connection (``core.statements``): it is on the
    ballot's burst path."""
    conn = connections[DEFAULT_DB_ALIAS]
    sql = built_once(("participant_insert", model, tuple(keys), conn.alias), lambda: _participant_sql(model, keys))
    at = model._meta.get_field("created_at").get_db_prep_value(at, conn)
    with statement_cursor(conn) as cursor:
        cursor.execute(sql, [union_id, at, at, *keys.values()])
        return cursor.fetchone() is not None


def _participant_sql(model, keys) -> str:
    columns = [_column(model, k) for k in keys]
    return (f"INSERT INTO {model._meta.db_table} (union_id, created_at, updated_at, {', '.join(columns)}) "
            f"VALUES (%s, %s, %s, {', '.join(['%s'] * len(columns))}) "
            f"ON CONFLICT ({', '.join(columns)}) DO NOTHING RETURNING id")


def slot_fill(model, *, box: str, box_id, values: dict, returning: str = "id"):
    """Fill, in one statement, a blank slot of the box (``box``: the field naming it) chosen at random — the first
    blank at or after a random UUID, else the last before it — with ``values``; returns the slot's ``returning``
    column, or None when no blank slot is left. Slots other answers are filling are skipped, not waited for.
    Built once per process and prepared on the connection, as ``participant_insert``."""
    conn = connections[DEFAULT_DB_ALIAS]
    sql = built_once(("slot_fill", model, box, tuple(values), returning, conn.alias),
                     lambda: _slot_fill_sql(model, box, values, returning, conn))
    pivot = model._meta.pk.get_db_prep_value(uuid.uuid4(), conn)
    with statement_cursor(conn) as cursor:
        cursor.execute(sql, [*values.values(), box_id, pivot, box_id, pivot])
        row = cursor.fetchone()
    return row[0] if row else None


def _slot_fill_sql(model, box: str, values: dict, returning: str, conn) -> str:
    skip = " FOR UPDATE SKIP LOCKED" if conn.vendor == "postgresql" else ""
    table = model._meta.db_table
    blank = f"SELECT id FROM {table} WHERE {_column(model, box)} = %s AND filled = false AND id "
    sets = ", ".join(f"{_column(model, k)} = %s" for k in values)
    return (f"UPDATE {table} SET filled = true, {sets} "
            f"WHERE id = COALESCE(({blank}>= %s ORDER BY id LIMIT 1{skip}), ({blank}< %s ORDER BY id DESC LIMIT 1{skip})) "
            f"RETURNING {_column(model, returning)}")


@contextmanager
def secure_delete():
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


def box_restore(model, *, box: str, box_id, union_id, keep: list[str]) -> int:
    """Inside the closing transaction: delete every slot of the box and re-insert the filled ones (the ``keep``
    fields only) under fresh random keys in a CSPRNG order. Returns how many answers were kept."""
    box = model._meta.get_field(box).attname
    kept = list(model.objects.filter(**{box: box_id, "filled": True}).values_list(*keep))
    rows = [model(id=uuid.uuid4(), union_id=union_id, filled=True, **{box: box_id}, **dict(zip(keep, values)))
            for values in kept]
    secrets.SystemRandom().shuffle(rows)
    with secure_delete():
        model.objects.filter(**{box: box_id}).delete()
    model.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def table_rewrite(model, *, lock_timeout: str = LOCK_TIMEOUT) -> bool:
    """PostgreSQL, inside the closing transaction: rewrite the whole slot table so the file holding every old row
    version is discarded at the commit. False when the table was busy (a reader holds it): retry later.

    ``TRUNCATE`` gives the table a new, empty file; the rows read just before (under the exclusive lock, so every
    answer elsewhere has committed or waits) go back in an order from the server's strong random generator."""
    table = model._meta.db_table
    cols = ", ".join(f.column for f in model._meta.concrete_fields)
    try:
        with transaction.atomic(), connection.cursor() as cur:  # a savepoint: on timeout the closing goes on
            cur.execute(f"SET LOCAL lock_timeout = '{lock_timeout}'")
            cur.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
            cur.execute("SET LOCAL lock_timeout TO DEFAULT")
            cur.execute(f"CREATE TEMP TABLE {table}_rewrite AS SELECT {cols} FROM {table}")
            # TRUNCATE refuses a table with deferred foreign-key checks pending (the slots just re-stored).
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute("SET CONSTRAINTS ALL DEFERRED")
            cur.execute(f"TRUNCATE {table}")
            cur.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {table}_rewrite ORDER BY gen_random_uuid()")
            cur.execute(f"DROP TABLE {table}_rewrite")
    except OperationalError as exc:  # lock_not_available (a reader holds the table) and its kin
        logger.warning("answer box purge: %s is in use (%s); the closing waits for a retry", table, exc)
        return False
    return True


def sqlite_journal_mode() -> str:
    with connection.cursor() as cur:
        cur.execute("PRAGMA journal_mode")
        return cur.fetchone()[0].lower()


def wal_purge_pending() -> bool:
    """SQLite in WAL mode: the closing commit leaves the answers' traces in the WAL until ``wal_purge_verify``."""
    return connection.vendor == "sqlite" and sqlite_journal_mode() == "wal"


def wal_purge_verify(*, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> str | None:
    """SQLite, after the closing commit: rebuild the database file (``VACUUM``), checkpoint the WAL into it and
    truncate it, then verify — no reader kept it busy, no frame is left, the file is empty. None when verified,
    else ``IN_TRANSACTION`` or ``READER_BUSY``. Database-wide: one purge serves every box closed before it.

    The WAL holds every page as each answer left it (the participant row beside the slot it filled); the
    database file's own old bytes were zeroed by ``secure_delete``. In memory or with a rollback journal nothing
    of the answers outlives the closing commit. PostgreSQL purges inside the closing transaction."""
    if not wal_purge_pending():
        return None
    if connection.in_atomic_block:
        return IN_TRANSACTION
    with connection.cursor() as cur:
        cur.execute("PRAGMA busy_timeout")
        before = int(cur.fetchone()[0])
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")  # readers get this long to finish
        try:
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, frames, _ = cur.fetchone()
            if not (busy or frames):  # no reader in the way (else a rebuild would only pile up in the WAL)
                # Rebuild the file: secure_delete zeroed what the closing deleted, but the cells each answer
                # replaced in place may lie as free-space garbage in the pages; VACUUM writes every page afresh.
                cur.execute("VACUUM")
                cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                busy, frames, _ = cur.fetchone()
        except OperationalError as exc:  # "database is locked": a writer in the way; the next try may pass
            logger.warning("answer box purge: %s", exc)
            busy, frames = 1, -1
        finally:
            cur.execute(f"PRAGMA busy_timeout = {before}")
        cur.execute("PRAGMA database_list")
        path = next(row[2] for row in cur.fetchall() if row[1] == "main")
    wal = f"{path}-wal"
    size = os.path.getsize(wal) if os.path.exists(wal) else 0
    if busy or frames or size:
        logger.warning("answer box purge: a reader blocked the WAL checkpoint (busy=%s, frames=%s, bytes=%s)",
                       busy, frames, size)
        return READER_BUSY
    return None

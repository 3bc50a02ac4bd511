"""The secret online ballot: one vote per eligible voter in the voting window, unlinkable to the voter.

The ballot box is an answer box whose rows cannot be linked to who answered (``core/answer_box.py``: the design,
the guarantee and its limits). During the vote the voter's participation (who voted) and the ballot (how) are
written in one transaction but share no key: the ballot is a blank slot pre-allocated at opening (random UUID,
random receipt code, random physical position), chosen at random among the blank ones and filled in place. The
cast writes nothing else: no audit row of its own (the participation row is the record that the member voted;
closing audits the turnout) and no time (the participation row carries the opening time of the vote).

At closing (``ballot_box_restore``, called by ``services.election_close``) the box is re-stored under fresh keys
in a random order, keeping receipt, marks and write-ins (voters find their receipt in the published list; the
count is unchanged), and the old row versions are purged — PostgreSQL: the ballot table rewritten in the closing
transaction; SQLite: the file rebuilt and the WAL truncated and verified empty after the commit. Closing is not
reported until the purge is verified: a reader in the way keeps the election in ``closing`` and the chair is told
why; the retry (``services.election_close_finish``) completes it.
"""
from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from unionhome.core import answer_box
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rows import model_columns, model_from_row
from unionhome.core.statements import built_once, statement_cursor
from unionhome.elections import tally
from unionhome.elections.models import Ballot, Election, Elector, Participation
from unionhome.elections.queries import ballot_positions, ballot_positions_sql
from unionhome.members.models import Worker

# How long the purge waits for the ballot table (PostgreSQL) or for readers to leave the WAL (SQLite) before the
# chair is told why closing waits (``core.answer_box``).
PURGE_LOCK_TIMEOUT = answer_box.LOCK_TIMEOUT
PURGE_BUSY_TIMEOUT_MS = answer_box.BUSY_TIMEOUT_MS

WAIT_READER = (gettext_lazy("投票已截止并已计票，但数据库正被其他程序读取（如备份或长时间的报表），投票期间留下的写入痕迹还不能清除。"
               "为保证无记名，痕迹清除并核实后才算闭票：请待其结束后点“重试完成闭票”。"))
WAIT_TABLE = (gettext_lazy("投票已截止并已计票，但选票表正被其他数据库会话使用（如备份或报表），投票期间留下的旧记录还不能清除。"
              "为保证无记名，痕迹清除并核实后才算闭票：请待其结束后点“重试完成闭票”。"))
WAIT_TRANSACTION = gettext_lazy("投票痕迹须在闭票事务提交之后清除并核实，当前仍在一个未提交的事务中")


def _share_locked(election: Election, worker: Worker) -> tuple[Election, bool, list[tuple[int, int]]]:
    """Re-read the election under a shared lock — votes run side by side, closing (FOR UPDATE) waits
    for them —, whether ``worker`` is on its roll of electors and (PostgreSQL) the ballot's candidate positions
    (``queries.ballot_positions``), in one statement, built once per process (``core.rows``)."""
    postgres = connection.vendor == "postgresql"
    sql, columns = _share_locked_statement()
    positions_params = ballot_positions_sql(election)[1] if postgres else ()
    with statement_cursor() as cursor:
        cursor.execute(sql, [worker.pk, *positions_params, election.pk])
        values = cursor.fetchone()
    if values is None:
        raise Election.DoesNotExist
    k = len(columns.names)
    row = model_from_row(columns, values[:k])
    is_elector, positions = values[k], values[k + 1]
    listed = [(pk, worker_id) for pk, worker_id in positions] if postgres else ballot_positions(row)
    return row, bool(is_elector), listed


def _share_locked_statement():
    """``_share_locked``'s SQL and the election's columns, once per connection and process."""
    return built_once(("share_locked", connection.alias), _build_share_locked)


def _build_share_locked():
    postgres = connection.vendor == "postgresql"
    columns = model_columns(Election, "e")
    positions = ballot_positions_sql(Election(pk=0))[0] if postgres else "NULL"
    return (f"SELECT {columns.select}, EXISTS (SELECT 1 FROM {Elector._meta.db_table} r WHERE r.election_id = e.id "
            f"AND r.worker_id = %s) AS is_elector, {positions} AS positions FROM {Election._meta.db_table} e "
            f"WHERE e.id = %s{' FOR SHARE OF e' if postgres else ''}", columns)


def _participation_insert(election: Election, worker: Worker) -> bool:
    """Record that ``worker`` voted; False when they already had (the unique key decides, no savepoint).

    The row carries the opening time of the vote, not the moment of the cast: it is written in the ballot's
    commit, so a time here would time the ballot."""
    return answer_box.participant_insert(Participation, union_id=election.union_id, at=election.opens_at,
                                         election_id=election.pk, worker_id=worker.pk)


def _fill_blank_slot(election: Election, marks: str, write_ins: str) -> str | None:
    """Fill a blank slot chosen at random (the first blank at or after a random UUID, else the last
    before it) in one statement; returns its receipt, or None when no blank slot is left. Slots other
    voters are filling are skipped, not waited for."""
    return answer_box.slot_fill(Ballot, box="election", box_id=election.pk,
                                values={"marks": marks, "write_ins": write_ins}, returning="receipt")


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


@transaction.atomic
def ballot_box_restore(*, election: Election) -> str | None:
    """Re-store the ballot box at closing so no row carries a trace of who filled it (see the module docstring).

    Runs inside ``election_close``'s transaction (which locks the election and writes the audit entry). Returns
    None when the old row versions are already purged by this transaction (PostgreSQL: the table rewritten; an
    SQLite database kept in memory), else why the closing must wait: ``ballot_purge_verify`` after the commit
    (SQLite's WAL), or a retry (the ballot table was busy).
    """
    answer_box.box_restore(Ballot, box="election", box_id=election.pk, union_id=election.union_id,
                           keep=["receipt", "marks", "write_ins"])
    if connection.vendor == "postgresql":
        return ballot_table_rewrite()
    return WAIT_TRANSACTION if answer_box.wal_purge_pending() else None


def ballot_table_rewrite() -> str | None:
    """PostgreSQL, inside the closing (or retry) transaction: rewrite the whole ballot table, so the file holding
    every old row version is discarded at the commit. None when done, else why not (the table was busy).

    ``TRUNCATE`` gives the table a new, empty file; the rows read just before (under the exclusive lock, so every
    vote elsewhere has committed or waits) go back in an order from the server's strong random generator. Unlike
    ``VACUUM FULL`` it keeps no row version an older snapshot could still see, and it runs in the transaction.
    """
    return None if answer_box.table_rewrite(Ballot, lock_timeout=PURGE_LOCK_TIMEOUT) else WAIT_TABLE


def ballot_purge_verify() -> str | None:
    """SQLite, after the closing commit: the WAL checkpointed, truncated and verified empty
    (``core.answer_box.wal_purge_verify``). None when verified, else why the closing waits."""
    waiting = answer_box.wal_purge_verify(busy_timeout_ms=PURGE_BUSY_TIMEOUT_MS)
    return {None: None, answer_box.IN_TRANSACTION: WAIT_TRANSACTION}.get(waiting, WAIT_READER)

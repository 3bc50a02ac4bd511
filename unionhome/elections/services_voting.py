"""The secret online ballot: one vote per eligible voter in the voting window, unlinkable to the voter.

The voter's participation (who voted) and the ballot (how) are written in one transaction but share
no key: the ballot is a blank slot pre-allocated at opening (random UUID, random receipt code,
random physical position), chosen at random among the blank ones and filled in place.
"""
from __future__ import annotations

import uuid

from django.db import connection, transaction
from django.utils import timezone

from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.elections import tally
from unionhome.elections.models import Ballot, Election, Elector, Participation
from unionhome.elections.queries import ballot_positions
from unionhome.members.models import Worker


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

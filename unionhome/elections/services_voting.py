"""The secret online ballot: one vote per eligible voter in the voting window, unlinkable to the voter.

The voter's participation (who voted) and the ballot (how) are written in one transaction but share
no key: the ballot is a blank slot pre-allocated at opening (random UUID, random receipt code,
random physical position), chosen at random among the blank ones and filled in place.
"""
from __future__ import annotations

import uuid

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.elections import tally
from unionhome.elections.models import Ballot, Election, Participation
from unionhome.elections.queries import ballot_candidates
from unionhome.members.models import Worker


def _share_locked(election: Election) -> Election:
    """Re-read the election under a shared lock: votes run side by side, closing (FOR UPDATE) waits for them."""
    if connection.vendor == "postgresql":
        return Election.objects.raw("SELECT * FROM elections_election WHERE id = %s FOR SHARE", [election.pk])[0]
    return Election.objects.get(pk=election.pk)


def _pick_blank_slot(election: Election) -> Ballot | None:
    blank = Ballot.objects.filter(election=election, filled=False).select_for_update(skip_locked=True)
    pivot = uuid.uuid4()
    return (blank.filter(id__gte=pivot).order_by("id").first()
            or blank.filter(id__lt=pivot).order_by("-id").first())


@transaction.atomic
def ballot_cast(*, actor, election: Election, worker: Worker, marks: dict[int, str], write_ins: list[Worker] = (),
                now=None) -> str:
    """Cast one ballot; returns the receipt code. ``marks`` maps candidate id → F/A/X (missing = abstain).

    A ballot with more marks than seats is accepted and counted void (rule 8), as a paper ballot would be.
    """
    now = now or timezone.now()
    election = _share_locked(election)
    if election.mode != Election.Mode.ONLINE:
        raise RuleViolation("not_online", "本次选举采用纸质选票")
    if election.status != Election.Status.OPEN or not (election.opens_at <= now <= election.closes_at):
        raise RuleViolation("not_in_window", "不在投票时间内")
    membership = getattr(worker, "membership", None)
    if membership is None or not membership.may_vote or not election.electors.filter(worker=worker).exists():
        raise RuleViolation("not_entitled", "您不在本次选举的选举人名单中，或会籍状态不允许投票")
    listed = ballot_candidates(election)
    if set(marks) - {c.pk for c in listed} or set(marks.values()) - {tally.FOR, tally.AGAINST, tally.ABSTAIN}:
        raise RuleViolation("ballot_invalid", "选票内容无效")
    listed_workers = {c.worker_id for c in listed}
    for w in write_ins:
        wm = getattr(w, "membership", None)
        if w.union_id != election.union_id or wm is None or not wm.may_vote or w.pk in listed_workers:
            raise RuleViolation("write_in_invalid", f"另选他人须为本会在会会员且不是候选人：{w.name}")
    try:
        with transaction.atomic():
            Participation.objects.create(union=election.union, election=election, worker=worker)
    except IntegrityError:
        raise Conflict("already_voted", "您已投过票，每人只能投一次")
    slot = _pick_blank_slot(election)
    if slot is None:
        raise Conflict("no_ballot_left", "选票已发完")
    encoded = "".join(marks.get(c.pk, tally.ABSTAIN) for c in listed)
    written = ",".join(str(i) for i in sorted({w.pk for w in write_ins}))
    Ballot.objects.filter(pk=slot.pk).update(filled=True, marks=encoded, write_ins=written)
    # The audit records that this member voted (as Participation does), never which ballot.
    audit_log(actor=actor, action="elections.ballot.cast", target=election)
    return slot.receipt

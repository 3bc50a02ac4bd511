"""Setting up an election, counting it, and recording the higher union's approval (regulations §1).

Voting itself (the secret online ballot) is in ``services_voting``.
"""
from __future__ import annotations

import datetime as dt
import secrets

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from unionhome.committees.models import Committee, Position, Term
from unionhome.committees.queries import congress_type_for
from unionhome.committees.services import (
    position_assign,
    position_end,
    term_approve,
    term_check_election_date,
    term_check_seats,
    term_create,
)
from unionhome.core import answer_box, uploads
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rules import rule_value
from unionhome.elections import services_voting, tally
from unionhome.elections.events import tell_electorate  # after the other imports: keeps merges simple
from unionhome.elections.models import Ballot, Candidate, Election, Elector
from unionhome.elections.queries import ballot_candidates, election_family, vacancies
from unionhome.elections.services_voting import ballot_box_restore
from unionhome.elections.strokes import surname_strokes
from unionhome.members.models import Worker

S = Election.Status
P = Election.Purpose

MEMBER_TITLE = {Committee.Kind.UNION: Position.Title.MEMBER, Committee.Kind.WOMEN: Position.Title.WOMEN_MEMBER,
                Committee.Kind.AUDIT: Position.Title.MEMBER}
CHAIR_TITLE = {Committee.Kind.UNION: Position.Title.CHAIR, Committee.Kind.WOMEN: Position.Title.WOMEN_DIRECTOR,
               Committee.Kind.AUDIT: Position.Title.AUDIT_CHAIR}


def _locked(election: Election) -> Election:
    return Election.objects.select_for_update().get(pk=election.pk)


def _require_status(election: Election, *statuses: str) -> None:
    if election.status not in statuses:
        raise Conflict("election_wrong_status", gettext("选举当前状态为“%(get_status_display)s”，不能执行此操作") % {"get_status_display": election.get_status_display()})


def _office_term(union, committee_kind: str, purpose: str) -> Term:
    """The active term whose chair (or a vice-chair) the sitting committee elects in a by-election."""
    term = Term.objects.filter(union=union, committee__kind=committee_kind, status=Term.Status.ACTIVE).first()
    if term is None:
        raise RuleViolation("no_active_term", gettext("该委员会没有在任的届次，不能增补"))
    if purpose == P.CHAIR and any(p.worker.is_active_member for p in term.positions.filter(
            title=CHAIR_TITLE[committee_kind], ended_on__isnull=True).select_related("worker__membership")):
        raise RuleViolation("chair_not_vacant", gettext("%(term)s的%(label)s未出缺") % {"term": term, "label": Position.Title(CHAIR_TITLE[committee_kind]).label})
    return term


def _sitting(term: Term) -> set[int]:
    """Members of the committee in office: open positions held by members in good standing."""
    return {p.worker_id for p in term.positions.filter(ended_on__isnull=True).select_related("worker__membership")
            if p.worker.is_active_member}


def _committee_of(election: Election) -> set[int]:
    """Who sits on the committee that elects (and from which it elects) a chair or vice-chair: the members just
    elected (general election), plus the sitting members (by-election: rule 12, a chair candidate not on the
    committee is first elected a member)."""
    first = election
    while first.parent_id is not None and first.parent.purpose == first.purpose:
        first = first.parent  # further rounds elect within the same committee as the first
    if first.parent_id is None:
        return _sitting(first.term)
    out = _elected_workers(first.parent)
    if first.parent.kind == Election.Kind.BY and first.parent.term_id:
        out |= _sitting(first.parent.term)
    return out


def _check_act_date(on: dt.date, *, not_before: dt.date, what: str, before: str) -> None:
    """An act takes its real date: never in the future, never before what it follows."""
    if on > timezone.localdate():
        raise RuleViolation("date_in_future", gettext("%(what)s不能晚于今天") % {"what": what})
    if on < not_before:
        raise RuleViolation("date_too_early", gettext("%(what)s不能早于%(before)s（%(not_before)s）") % {"what": what, "before": before, "not_before": not_before})


def _elects_organiser(union, committee_kind: str, seats: int, *, on: dt.date) -> bool:
    """Rule 8 (工会法 art.11): a union under the committee threshold may elect one 组织员 instead of a committee;
    a one-seat general election of such a union elects the organiser."""
    return committee_kind == Committee.Kind.UNION and seats == 1 and \
        _active_members(union) < rule_value("committees.committee_min_members", union=union, on=on)


def _office_title(election: Election) -> str:
    if election.purpose == P.CHAIR:
        return CHAIR_TITLE[election.committee_kind]
    return Position.Title.VICE_CHAIR if election.purpose == P.VICE_CHAIR else MEMBER_TITLE[election.committee_kind]


def _take_office(*, actor, term: Term, worker: Worker, title: str, on: dt.date) -> None:
    """A sitting member elected to an office leaves the old one the same day (one open position per term);
    a chair whose membership lapsed leaves the chair on the day it lapsed."""
    current = term.positions.filter(worker=worker, ended_on__isnull=True).first()
    if current is not None and current.title == title:
        return
    if current is not None:
        position_end(actor=actor, position=current, on=on, reason=gettext("当选%(label)s") % {"label": Position.Title(title).label})
    for lapsed in term.positions.filter(title=title, ended_on__isnull=True).select_related("worker__membership"):
        if title != Position.Title.VICE_CHAIR and not lapsed.worker.is_active_member:
            membership = lapsed.worker.membership
            position_end(actor=actor, position=lapsed, on=membership.status_since,
                         reason=gettext("会籍%(get_status_display)s，委员会另选%(label)s") % {"get_status_display": membership.get_status_display(), "label": Position.Title(title).label})
    position_assign(actor=actor, term=term, worker=worker, title=title, started_on=on)


def _check_eligible(worker: Worker, union, what: str) -> None:
    """条例 art.4: only members in good standing (在会) vote and stand; retained members never."""
    membership = getattr(worker, "membership", None)
    if worker.union_id != union.pk or membership is None or not membership.may_vote:
        raise RuleViolation("not_eligible", gettext("%(name)s 不是在会会员（保留会籍、转出、退会人员除外），不能%(what)s") % {"name": worker.name, "what": what})


def _active_members(union) -> int:
    return Worker.objects.filter(union=union).active_members().count()


@transaction.atomic
def election_create(*, actor, union, kind: str, committee_kind: str, mode: str, seats: int, held_on: dt.date,
                    title: str = "", term_years: int | None = None, body: str | None = None,
                    purpose: str = P.COMMITTEE, parent: Election | None = None) -> Election:
    """Rules 1–3: the voting body follows the union's size, seats are odd within range (general election),
    a by-election fills open vacancies only, chair and vice-chairs are elected after the committee."""
    if mode not in Election.Mode.values or kind not in Election.Kind.values or purpose not in P.values:
        raise RuleViolation("election_invalid", gettext("选举类别、职务或投票方式无效"))
    if committee_kind not in Committee.Kind.values:
        raise RuleViolation("committee_invalid", gettext("委员会类别无效"))
    if seats is None or seats < 1:
        raise RuleViolation("seats_invalid", gettext("应选名额至少为1名"))
    members = _active_members(union)
    term = None
    if purpose != P.COMMITTEE and parent is None and kind == Election.Kind.BY:
        # A chair (vice-chair) vacancy filled from the sitting committee (条例 art.3; regulations rule 12).
        term = _office_term(union, committee_kind, purpose)
        if purpose == P.CHAIR and seats != 1:
            raise RuleViolation("chair_one_seat", gettext("主席（主任）应选名额为1名"))
        by = rule_value("elections.chair_elected_by", union=union, on=held_on)
        body = Election.Body.COMMITTEE if by == "committee" else congress_type_for(union=union, members=members,
                                                                                   on=held_on)
    elif purpose != P.COMMITTEE:
        if parent is None or parent.purpose != P.COMMITTEE or parent.union_id != union.pk:
            raise RuleViolation("parent_required", gettext("主席、副主席选举须在委员选举之后进行"))
        parent = Election.objects.get(pk=parent.pk).root
        if any(e.status not in (S.RELEASED, S.APPROVED) for e in _rounds(parent)):
            raise RuleViolation("committee_first", gettext("须先选出委员会委员并公布结果，再选举主席、副主席"))
        if purpose == P.CHAIR and seats != 1:
            raise RuleViolation("chair_one_seat", gettext("主席（主任）应选名额为1名"))
        by = rule_value("elections.chair_elected_by", union=union, on=held_on)
        body = Election.Body.COMMITTEE if by == "committee" else parent.body
        kind, committee_kind, term = parent.kind, parent.committee_kind, parent.term
    else:
        default_body = congress_type_for(union=union, members=members, on=held_on)
        body = body or default_body
        if body == Election.Body.COMMITTEE or (default_body == "members" and body != Election.Body.MEMBERS):
            raise RuleViolation("body_members_required",
                                gettext("会员%(members)s人的工会应召开会员大会选举（章程第26条）") % {"members": members})
        if kind == Election.Kind.GENERAL:
            term_check_election_date(union=union, kind=committee_kind, held_on=held_on)
            allowed = rule_value("committees.allowed_term_years", union=union, on=held_on)
            if term_years not in allowed:
                raise RuleViolation("term_years_invalid", gettext("任期应为%(join)s年") % {"join": gettext('或').join(str(y) for y in allowed)})
            if not _elects_organiser(union, committee_kind, seats, on=held_on):
                term_check_seats(union=union, kind=committee_kind, seats=seats, members=members, on=held_on)
        else:
            term = Term.objects.filter(union=union, committee__kind=committee_kind, status=Term.Status.ACTIVE).first()
            if term is None:
                raise RuleViolation("no_active_term", gettext("该委员会没有在任的届次，不能增补"))
            open_seats = len([v for v in vacancies(union, today=held_on) if v.term.pk == term.pk and not v.pending])
            if seats > open_seats:
                raise RuleViolation("no_vacancy", gettext("%(term)s目前有%(open_seats)s个空缺席位，增补名额不能超过空缺数") % {"term": term, "open_seats": open_seats})
    label = dict(Committee.Kind.choices)[committee_kind]
    title = title.strip() or gettext("%(year)s年%(label)s%(label2)s（%(label3)s）") % {"year": held_on.year, "label": label, "label2": Election.Kind(kind).label, "label3": P(purpose).label}
    election = Election.objects.create(
        union=union, kind=kind, committee_kind=committee_kind, mode=mode, seats=seats, held_on=held_on,
        title=title[:120], term_years=term_years if purpose == P.COMMITTEE else None, body=body, purpose=purpose,
        parent=parent, term=term)
    audit_log(actor=actor, action="elections.election.created", target=election, after=snapshot(election))
    return election


@transaction.atomic
def election_set_officers(*, actor, election: Election, scrutineers: list[Worker], tellers: list[Worker]) -> Election:
    """监票人 and 计票人 are members in good standing and not candidates (sample election rules)."""
    election = _locked(election)
    _require_status(election, S.DRAFT, S.OPEN)
    candidates = set(election.candidates.values_list("worker_id", flat=True))
    for w in [*scrutineers, *tellers]:
        _check_eligible(w, election.union, gettext("担任监票人、计票人"))
        if w.pk in candidates:
            raise RuleViolation("officer_is_candidate", gettext("%(name)s 是候选人，不能担任监票人、计票人") % {"name": w.name})
    election.scrutineers.set(scrutineers)
    election.tellers.set(tellers)
    audit_log(actor=actor, action="elections.election.officers_set", target=election,
              after={"scrutineers": [w.pk for w in scrutineers], "tellers": [w.pk for w in tellers]})
    return election


@transaction.atomic
def candidate_nominate(*, actor, election: Election, worker: Worker, nominated_by: str = "",
                       confirmed: bool = False) -> Candidate:
    """Candidates are members in good standing; chair/vice-chair candidates come from the elected committee."""
    election = _locked(election)
    _require_status(election, S.DRAFT)
    _check_eligible(worker, election.union, gettext("被提名为候选人"))
    if election.purpose != P.COMMITTEE and worker.pk not in _committee_of(election):
        raise RuleViolation("not_elected_member", gettext("%(name)s 不是委员会委员，不能作为主席、副主席候选人") % {"name": worker.name})
    if election.scrutineers.filter(pk=worker.pk).exists() or election.tellers.filter(pk=worker.pk).exists():
        raise RuleViolation("officer_is_candidate", gettext("%(name)s 已担任监票人或计票人，不能作为候选人") % {"name": worker.name})
    if Candidate.objects.filter(election=election, worker=worker).exists():
        raise Conflict("candidate_exists", gettext("%(name)s 已是候选人") % {"name": worker.name})
    candidate = Candidate.objects.create(union=election.union, election=election, worker=worker,
                                         nominated_by=nominated_by.strip()[:100], confirmed=confirmed,
                                         strokes=surname_strokes(worker.name))
    audit_log(actor=actor, action="elections.candidate.nominated", target=candidate, after=snapshot(candidate))
    return candidate


@transaction.atomic
def candidate_confirm(*, actor, candidate: Candidate) -> Candidate:
    election = _locked(candidate.election)
    _require_status(election, S.DRAFT)
    before = snapshot(candidate)
    candidate.confirmed = True
    candidate.save(update_fields=["confirmed", "updated_at"])
    audit_log(actor=actor, action="elections.candidate.confirmed", target=candidate, before=before,
              after=snapshot(candidate))
    return candidate


@transaction.atomic
def candidate_photo_set(*, actor, candidate: Candidate, upload) -> Candidate:
    """The photo voters see beside the name on the online ballot: an image (JPEG/PNG/GIF/WebP by its bytes),
    within the size limit, stored under a generated name; only while the ballot is being prepared."""
    election = _locked(candidate.election)
    _require_status(election, S.DRAFT)
    kind = uploads.upload_check(upload, accept=uploads.PHOTO, max_bytes=int(
        rule_value("elections.candidate_photo_max_bytes", union=election.union, on=election.held_on)))
    old = candidate.photo.name
    uploads.upload_store(candidate.photo, upload, kind)
    candidate.photo_type = kind.content_type
    candidate.save(update_fields=["photo", "photo_type", "updated_at"])
    audit_log(actor=actor, action="elections.candidate.photo_set", target=candidate, before={"photo": old},
              after={"photo": candidate.photo.name, "size": upload.size, "type": kind.content_type})
    if old:
        storage = candidate.photo.storage
        transaction.on_commit(lambda: storage.delete(old))
    return candidate


@transaction.atomic
def candidate_withdraw(*, actor, candidate: Candidate) -> None:
    election = _locked(candidate.election)
    _require_status(election, S.DRAFT)
    audit_log(actor=actor, action="elections.candidate.withdrawn", target=candidate, before=snapshot(candidate))
    candidate.delete()


@transaction.atomic
def elector_set(*, actor, election: Election, workers: list[Worker]) -> int:
    """A representatives' congress: the electorate is the elected representatives (会员代表), members in good
    standing only (条例 art.4); the list replaces the previous one. The vote cannot open without it."""
    election = _locked(election)
    _require_status(election, S.DRAFT)
    if election.body != Election.Body.REPRESENTATIVES:
        raise RuleViolation("electorate_fixed", gettext("会员大会的选举人为全体在会会员，无需指定"))
    workers = list({w.pk: w for w in workers}.values())
    for w in workers:
        _check_eligible(w, election.union, gettext("担任会员代表"))
    before = sorted(election.electors.values_list("worker_id", flat=True))
    election.electors.all().delete()
    Elector.objects.bulk_create([Elector(union=election.union, election=election, worker=w) for w in workers])
    audit_log(actor=actor, action="elections.electorate.set", target=election, before={"electors": before},
              after={"electors": sorted(w.pk for w in workers)})
    return len(workers)


def check_competition(election: Election, confirmed: int) -> None:
    """Rule 4: committee lists exceed the seats by ≥5% (at least one more); single lists only where allowed."""
    if election.round > 1:
        if confirmed < 1:
            raise RuleViolation("no_candidates", gettext("没有候选人"))
        return
    single_ok = election.purpose in rule_value("elections.single_candidate_purposes", union=election.union,
                                               on=election.held_on)
    if single_ok and confirmed >= election.seats:
        return
    percent = rule_value("elections.competition_percent", union=election.union, on=election.held_on)
    need = tally.competition_minimum(election.seats, percent)
    if confirmed < need:
        raise RuleViolation("not_competitive",
                            gettext("差额选举：应选%(seats)s名，正式候选人至少%(need)s名（差额比例不低于%(percent)s%%），现有%(confirmed)s名") % {"seats": election.seats, "need": need, "percent": percent, "confirmed": confirmed})


def _electorate(election: Election) -> list[int]:
    if election.body == Election.Body.COMMITTEE:
        return sorted(_committee_of(election))
    if election.body == Election.Body.REPRESENTATIVES:
        electors = list(election.electors.select_related("worker__membership").order_by("worker__name_pinyin"))
        if not electors:
            raise RuleViolation("no_electorate", gettext("会员代表大会须先确定会员代表名单"))
        # 条例 art.4: a representative whose membership has lapsed since the list was set has no vote.
        lapsed = [e.worker.name for e in electors if not e.worker.is_active_member]
        if lapsed:
            raise RuleViolation("elector_not_eligible",
                                gettext("会员代表%(join)s已不是在会会员（保留会籍、转出、退会人员除外），请先更新会员代表名单") % {"join": gettext('、').join(lapsed)})
        return [e.worker_id for e in electors]
    return list(Worker.objects.filter(union=election.union).active_members().values_list("pk", flat=True))


def _check_quorum(election: Election, present: int) -> None:
    """Rule 6 (条例第17条): no vote without at least 2/3 of those entitled present; nobody counted twice."""
    if present > election.entitled:
        raise RuleViolation("present_exceeds_entitled", gettext("实到会人数不能超过应到会人数%(entitled)s") % {"entitled": election.entitled})
    num, den = rule_value("elections.quorum", union=election.union, on=election.held_on)
    need = -(-election.entitled * num // den)
    if present < need:
        raise RuleViolation("no_quorum", gettext("实到会%(present)s人，不足应到会%(entitled)s人的%(num)s/%(den)s（至少%(need)s人），不得进行选举") % {"present": present, "entitled": election.entitled, "num": num, "den": den, "need": need})


@transaction.atomic
def election_open(*, actor, election: Election, opens_at: dt.datetime | None = None,
                  closes_at: dt.datetime | None = None, present: int | None = None) -> Election:
    """Fix the list and the electorate (应到会); online: pre-allocate one blank ballot per elector in random
    order with a random receipt code, so filling one later reveals neither voter nor voting order (the traces
    a filled slot still carries are removed at closing).

    Rule 6: the vote opens only with 2/3 of the entitled present. Online the chair gives the attendance counted
    before opening (``present``, required); on paper it may be given here and is checked again with the count."""
    election = _locked(election)
    _require_status(election, S.DRAFT)
    if present is not None and present < 0:
        raise RuleViolation("count_invalid", gettext("实到会人数不能为负数"))
    confirmed = election.candidates.filter(confirmed=True, write_in=False).count()
    check_competition(election, confirmed)
    election.candidates.filter(confirmed=False).delete()
    if election.mode == Election.Mode.ONLINE:
        if opens_at is None or closes_at is None or closes_at <= opens_at:
            raise RuleViolation("window_invalid", gettext("网上投票须设定投票开始和截止时间，且截止晚于开始"))
    ids = _electorate(election)
    if election.body != Election.Body.REPRESENTATIVES:
        election.electors.all().delete()
        Elector.objects.bulk_create([Elector(union=election.union, election=election, worker_id=i) for i in ids])
    election.entitled = len(ids)
    if election.mode == Election.Mode.ONLINE and present is None:
        raise RuleViolation("present_required", gettext("网上投票开始前须清点并填写实到会人数"))
    if present is not None:
        _check_quorum(election, present)
        election.present = present
    if election.mode == Election.Mode.ONLINE:
        answer_box.slots_create(Ballot, [Ballot(union=election.union, election=election,
                                                receipt=secrets.token_hex(5).upper()) for _ in ids])
    before = snapshot(election)
    election.status = S.OPEN
    election.opens_at, election.closes_at = opens_at, closes_at
    election.save()
    audit_log(actor=actor, action="elections.election.opened", target=election, before=before,
              after=snapshot(election))
    tell_electorate(election, "elections.opened")
    return election


@transaction.atomic
def paper_count_record(*, actor, election: Election, present: int, issued: int, returned: int, invalid: int,
                       counts: dict[int, tuple[int, int, int]], write_ins: list[tuple[Worker, int]] = ()) -> Election:
    """The tellers' figures for a paper ballot; checked for consistency, then decided by the rules.

    Rule 6: without 2/3 of the entitled present the vote is not held, so its count is refused; no more ballots
    are issued than members present."""
    election = _locked(election)
    _require_status(election, S.OPEN)
    if election.mode != Election.Mode.PAPER:
        raise RuleViolation("not_paper", gettext("网上投票由系统计票"))
    figures = [present, issued, returned, invalid] + [n for c in counts.values() for n in c] + [n for _, n in write_ins]
    if any(n is None or n < 0 for n in figures):
        raise RuleViolation("count_invalid", gettext("票数不能为负数"))
    _check_quorum(election, present)
    if issued > present:
        raise RuleViolation("issued_exceeds_present", gettext("发出选票%(issued)s张，多于实到会人数%(present)s人") % {"issued": issued, "present": present})
    if invalid > returned:
        raise RuleViolation("invalid_exceeds_returned", gettext("无效票不能多于收回选票"))
    valid = returned - invalid
    candidates = {c.pk: c for c in ballot_candidates(election)}
    if set(counts) != set(candidates):
        raise RuleViolation("counts_incomplete", gettext("须填写每位候选人的得票"))
    for pk, (f, a, x) in counts.items():
        if f + a + x > valid:
            raise RuleViolation("counts_exceed_ballots", gettext("%(name)s的赞成、反对、弃权票合计超过有效票") % {"name": candidates[pk].worker.name})
    if sum(f for f, _, _ in counts.values()) + sum(n for _, n in write_ins) > valid * election.seats:
        raise RuleViolation("counts_exceed_ballots", gettext("赞成票与另选他人票合计超过有效票×应选名额"))
    for pk, (f, a, x) in counts.items():
        Candidate.objects.filter(pk=pk).update(for_votes=f, against_votes=a, abstain_votes=x)
    election.candidates.filter(write_in=True).delete()
    for worker, n in write_ins:
        _check_eligible(worker, election.union, gettext("被另选"))
        if worker.pk in {c.worker_id for c in candidates.values()}:
            raise RuleViolation("write_in_is_candidate", gettext("%(name)s 已是候选人，不能作为另选他人") % {"name": worker.name})
        Candidate.objects.create(union=election.union, election=election, worker=worker, confirmed=True,
                                 write_in=True, strokes=surname_strokes(worker.name), for_votes=n)
    before = snapshot(election)
    election.present, election.ballots_issued = present, issued
    election.ballots_returned, election.ballots_invalid = returned, invalid
    election.save()
    audit_log(actor=actor, action="elections.count.recorded", target=election, before=before, after=snapshot(election))
    return election


def _count_online(election: Election) -> None:
    from django.db.models import Count

    listed = ballot_candidates(election)
    groups = (Ballot.objects.filter(election=election, filled=True).values_list("marks", "write_ins")
              .annotate(n=Count("id")).order_by())
    result = tally.count_ballots(groups, candidates=len(listed), seats=election.seats)
    for i, c in enumerate(listed):
        c.for_votes, c.against_votes, c.abstain_votes = result.per_candidate[i]
    Candidate.objects.bulk_update(listed, ["for_votes", "against_votes", "abstain_votes"])
    listed_ids = {c.worker_id for c in listed}
    for worker_id, n in sorted(result.write_in_for.items()):
        if worker_id in listed_ids:
            continue
        worker = Worker.objects.get(pk=worker_id)
        Candidate.objects.create(union=election.union, election=election, worker=worker, confirmed=True,
                                 write_in=True, strokes=surname_strokes(worker.name), for_votes=n)
    election.present = election.participations.count()
    election.ballots_issued = election.present
    election.ballots_returned = result.returned
    election.ballots_invalid = result.invalid


def election_close(*, actor, election: Election) -> Election:
    """Close the vote, count, and apply rules 6–12. Nothing is shown to anyone until released.

    Online: the ballot box is first re-stored in a fresh random order under fresh keys, so no ballot row keeps
    the voting transaction's trace (``services_voting.ballot_box_restore``); the count reads the re-stored box.
    Closing is reported only once the old traces are verified gone: while a reader blocks the purge the vote stays
    stopped and counted, the election waits in ``closing`` and ``Conflict("ballot_purge_waiting")`` tells the
    chair why; ``election_close_finish`` retries."""
    election, waiting = _close_and_count(actor=actor, election=election)
    if election.status != S.CLOSING:
        return election
    if connection.vendor == "sqlite" and waiting == services_voting.WAIT_TRANSACTION:
        return election_close_finish(actor=actor, election=election)  # the WAL is purged after the commit
    raise Conflict("ballot_purge_waiting", waiting)


@transaction.atomic
def _close_and_count(*, actor, election: Election) -> tuple[Election, str | None]:
    election = _locked(election)
    _require_status(election, S.OPEN)
    waiting = None
    if election.mode == Election.Mode.ONLINE:
        waiting = ballot_box_restore(election=election)
        _count_online(election)
        # The turnout, audited once here instead of a row per vote written beside the ballot (services_voting).
        audit_log(actor=actor, action="elections.participation.recorded", target=election,
                  after={"voters": election.present})
    elif election.ballots_returned is None:
        raise RuleViolation("count_missing", gettext("请先录入计票结果"))
    union, on = election.union, election.held_on
    contestants = list(election.candidates.filter(confirmed=True))
    decision = tally.decide(
        seats=election.seats, entitled=election.entitled, present=election.present,
        issued=election.ballots_issued, returned=election.ballots_returned, invalid=election.ballots_invalid,
        for_votes={c.pk: c.for_votes for c in contestants},
        quorum=tuple(rule_value("elections.quorum", union=union, on=on)),
        base=rule_value("elections.elected_base", union=union, on=on),
        ratio=tuple(rule_value("elections.elected_ratio", union=union, on=on)),
        shortfall_action=rule_value("elections.shortfall_action", union=union, on=on))
    for c in contestants:
        c.elected, c.tied = c.pk in decision.elected, c.pk in decision.tied
    Candidate.objects.bulk_update(contestants, ["elected", "tied"])
    before = snapshot(election)
    election.outcome = decision.outcome
    election.status = S.CLOSING if waiting else S.CLOSED
    election.save()
    audit_log(actor=actor, action="elections.election.closed", target=election, before=before,
              after=snapshot(election))
    tell_electorate(election, "elections.closed")
    return election, waiting


def election_close_finish(*, actor, election: Election) -> Election:
    """Report a closing online vote closed once the traces of voting are verified gone (SQLite: the WAL
    checkpointed and empty, after the commit; PostgreSQL: the ballot table rewritten, in the transaction).
    ``Conflict("ballot_purge_waiting")`` says why it still waits; the chair retries later."""
    waiting = services_voting.ballot_purge_verify()
    if waiting:
        raise Conflict("ballot_purge_waiting", waiting)
    return _close_purged(actor=actor, election=election)


@transaction.atomic
def _close_purged(*, actor, election: Election) -> Election:
    election = _locked(election)
    _require_status(election, S.CLOSING)
    waiting = services_voting.ballot_table_rewrite() if connection.vendor == "postgresql" else None
    if waiting:
        raise Conflict("ballot_purge_waiting", waiting)
    before = snapshot(election)
    election.status = S.CLOSED
    election.save()
    audit_log(actor=actor, action="elections.ballots.purged", target=election, before=before,
              after=snapshot(election))
    return election


@transaction.atomic
def election_release(*, actor, election: Election, on: dt.date) -> Election:
    """The results are published on the day they really were: not in the future, not before the vote."""
    election = _locked(election)
    _require_status(election, S.CLOSED)
    _check_act_date(on, not_before=election.held_on, what=gettext("公布日期"), before=gettext("选举日期"))
    before = snapshot(election)
    election.status, election.released_on = S.RELEASED, on
    election.save()
    audit_log(actor=actor, action="elections.results.released", target=election, before=before,
              after=snapshot(election))
    return election


@transaction.atomic
def election_next_round(*, actor, election: Election, held_on: dt.date) -> Election:
    """Rules 11–12: a run-off among those tied at the last seat, or another round among the rest."""
    election = _locked(election)
    _require_status(election, S.RELEASED)
    if election.outcome not in (Election.Outcome.RUNOFF, Election.Outcome.SHORTFALL_ROUND,
                                Election.Outcome.NO_QUORUM, Election.Outcome.VOID_ROUND):
        raise Conflict("no_next_round", gettext("本轮选举无须再次投票"))
    if election.children.filter(purpose=election.purpose).exists():
        raise Conflict("next_round_exists", gettext("已安排下一轮投票"))
    pool = list(election.candidates.filter(confirmed=True, write_in=False))
    if election.outcome == Election.Outcome.RUNOFF:
        pool = list(election.candidates.filter(tied=True))
        seats = election.seats - election.candidates.filter(elected=True).count()
    elif election.outcome == Election.Outcome.SHORTFALL_ROUND:
        pool = [c for c in election.candidates.filter(confirmed=True, elected=False)]
        seats = election.seats - election.candidates.filter(elected=True).count()
    else:
        seats = election.seats
    nxt = Election.objects.create(
        union=election.union, kind=election.kind, committee_kind=election.committee_kind, mode=election.mode,
        seats=seats, held_on=held_on, title=gettext("%(title)s（第%(value)s轮）") % {"title": election.title, "value": election.round + 1}, body=election.body,
        purpose=election.purpose, parent=election, round=election.round + 1, term=election.term,
        term_years=election.term_years)
    Candidate.objects.bulk_create([Candidate(union=c.union, election=nxt, worker=c.worker, confirmed=True,
                                             strokes=c.strokes, nominated_by=c.nominated_by) for c in pool])
    Elector.objects.bulk_create([Elector(union=e.union, election=nxt, worker_id=e.worker_id)
                                 for e in election.electors.all()])
    audit_log(actor=actor, action="elections.round.created", target=nxt, after=snapshot(nxt))
    return nxt


def _rounds(election: Election) -> list[Election]:
    """The election and its further rounds for the same office."""
    return [e for e in election_family(election) if e.purpose == election.purpose and
            (e.pk == election.pk or e.parent.purpose == election.purpose)]


def _elected_workers(election: Election) -> set[int]:
    return set(Candidate.objects.filter(election__in=_rounds(election), elected=True).values_list("worker_id", flat=True))


def _check_complete(root: Election) -> None:
    for e in election_family(root):
        if e.status != S.RELEASED:
            raise RuleViolation("results_not_released", gettext("“%(title)s”的结果尚未公布，不能报批") % {"title": e.title})
        if e.outcome in (Election.Outcome.RUNOFF, Election.Outcome.SHORTFALL_ROUND, Election.Outcome.NO_QUORUM,
                         Election.Outcome.VOID_ROUND) and not e.children.filter(purpose=e.purpose).exists():
            raise RuleViolation("round_pending", gettext("“%(title)s”须再次投票后才能报批") % {"title": e.title})


@transaction.atomic
def election_approve(*, actor, election: Election, approved_on: dt.date, approval_document: str, approved_by: str,
                     existing_term: Term | None = None) -> Term:
    """Results take effect only after the higher union's approval (章程2013 art.27). Then the new term and its
    positions are created (general election), or the vacated seats end and the elected take them (by-election),
    or the committee member elected chair (vice-chair) by the sitting committee takes that office.
    ``existing_term``: record an earlier election as the one that produced a term already on file."""
    election = _locked(election)
    office_by = election.kind == Election.Kind.BY and election.purpose != P.COMMITTEE
    if election.parent_id is not None or (election.purpose != P.COMMITTEE and not office_by):
        raise RuleViolation("approve_root", gettext("报批以委员选举为单位（含主席、副主席选举）"))
    if not approval_document.strip() or not approved_by.strip():
        raise RuleViolation("approval_incomplete", gettext("须填写上级工会批复文号和批复单位"))
    _check_complete(election)
    _check_act_date(approved_on, not_before=max(e.released_on or e.held_on for e in election_family(election)),
                    what=gettext("批复日期"), before=gettext("选举结果公布日期"))
    elected = _elected_workers(election)
    if not elected:
        raise RuleViolation("nobody_elected", gettext("本次选举无人当选，没有可报批的结果"))
    members = set() if office_by else elected
    titles = {w: _office_title(election) if office_by else MEMBER_TITLE[election.committee_kind] for w in elected}
    for child in election.children.exclude(purpose=election.purpose):
        titles.update({w: _office_title(child) for w in _elected_workers(child)})
    if existing_term is not None:
        holders = set(existing_term.positions.values_list("worker_id", flat=True))
        if holders != set(titles):
            raise RuleViolation("term_mismatch", gettext("当选人员与该届委员会成员不一致"))
        term = existing_term
    elif election.kind == Election.Kind.GENERAL:
        number = (Term.objects.filter(union=election.union, committee__kind=election.committee_kind)
                  .aggregate(n=Max("number"))["n"] or 0) + 1
        organiser = _elects_organiser(election.union, election.committee_kind, election.seats, on=election.held_on)
        if organiser:
            titles = dict.fromkeys(titles, Position.Title.ORGANISER)
        term = term_create(actor=actor, union=election.union, kind=election.committee_kind, number=number,
                           starts_on=election.held_on, years=election.term_years, seats=election.seats,
                           organiser=organiser)
        term = term_approve(actor=actor, term=term, approved_on=approved_on,
                            approval_document=approval_document, approved_by=approved_by)
        for worker_id, title in sorted(titles.items(), key=lambda t: t[1] != Position.Title.CHAIR):
            position_assign(actor=actor, term=term, worker=Worker.objects.get(pk=worker_id), title=title,
                            started_on=approved_on)
    else:
        term = election.term
        # Rule 12 / §1.6: the elected fill the term's open vacancies, oldest first; a seat whose holder's
        # membership lapsed closes on the day it lapsed, not on the approval day.
        open_vacancies = [v for v in vacancies(election.union, today=approved_on, include_covered=True)
                          if v.term.pk == term.pk and not v.covered and v.since <= election.held_on]
        for v in open_vacancies[:len(members)]:
            if v.position.ended_on is None:
                position_end(actor=actor, position=v.position, on=v.since,
                             reason=gettext("会籍%(get_status_display)s，由增补选举替补") % {"get_status_display": v.worker.membership.get_status_display()})
        # New members first (they take the vacated seats), then the offices, the chair before vice-chairs.
        for worker_id, title in sorted(titles.items(), key=lambda t: (t[0] not in members, t[1] != CHAIR_TITLE[
                election.committee_kind])):
            _take_office(actor=actor, term=term, worker=Worker.objects.get(pk=worker_id), title=title, on=approved_on)
    for e in election_family(election):
        before = snapshot(e)
        e.status, e.term = S.APPROVED, term
        e.approved_on, e.approval_document, e.approved_by = approved_on, approval_document.strip(), approved_by.strip()
        e.save()
        audit_log(actor=actor, action="elections.election.approved", target=e, before=before, after=snapshot(e))
    return term


def election_document_export(*, actor, election: Election, doc: str) -> bytes:
    """Build one of the election's Word documents; every download is in the audit trail."""
    from unionhome.elections import documents

    content = documents.BUILDERS[doc](election)
    audit_log(actor=actor, action="elections.document.downloaded", target=election, note=doc)
    return content

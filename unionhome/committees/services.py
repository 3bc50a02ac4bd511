"""Writes to committees, terms and positions. Rules: regulations §1.3, §1.6, §1.8 and rules 7, 9, 13."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.committees import hooks
from unionhome.committees.models import Committee, GroupLeader, Position, Term
from unionhome.committees.queries import congress_type_for, seat_range_for
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rules import rule_value
from unionhome.members.choices import MembershipStatus
from unionhome.members.models import Worker


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def committee_ensure(*, actor, union, kind: str) -> Committee:
    committee, created = Committee.objects.get_or_create(union=union, kind=kind)
    if created:
        audit_log(actor=actor, action="committees.committee.created", target=committee, after=snapshot(committee))
    return committee


def term_check_seats(*, union, kind: str, seats: int, members: int, on: dt.date) -> None:
    """Rule 7: the union committee's seats are odd and within the configured range for the membership size."""
    if seats < 1:
        raise RuleViolation("seats_invalid", _("委员名额至少为1"))
    if kind != Committee.Kind.UNION:
        return
    if seats % 2 == 0:
        raise RuleViolation("seats_even", _("委员会委员名额应为单数，当前为%(seats)s") % {"seats": seats})
    low, high = seat_range_for(union=union, members=members, on=on)
    if not low <= seats <= high:
        raise RuleViolation("seats_out_of_range",
                            _("会员%(members)s人的工会，委员名额应为%(low)s至%(high)s名，当前为%(seats)s名") % {"members": members, "low": low, "high": high, "seats": seats})


@transaction.atomic
def term_create(*, actor, union, kind: str, number: int, starts_on: dt.date, years: int, seats: int,
                status: str = Term.Status.PENDING, approved_on: dt.date | None = None,
                approval_document: str = "", approved_by: str = "", organiser: bool = False) -> Term:
    """Open a committee term. 女职委 and 经审 share the union committee's term (rule 13). A union under the
    committee threshold may instead elect one 组织员 (rule 8; 工会法 art.11, 章程2013 art.25)."""
    allowed = rule_value("committees.allowed_term_years", union=union, on=starts_on)
    if years not in allowed:
        raise RuleViolation("term_years_invalid", _("任期应为%(join)s年") % {"join": _('或').join(str(y) for y in allowed)})
    members = Worker.objects.filter(union=union, membership__status=MembershipStatus.ACTIVE).count()
    if organiser:
        threshold = rule_value("committees.committee_min_members", union=union, on=starts_on)
        if kind != Committee.Kind.UNION:
            raise RuleViolation("organiser_union_only", _("组织员只代替工会委员会"))
        if members >= threshold:
            raise RuleViolation("organiser_too_many_members",
                                _("会员%(members)s人（%(threshold)s人以上）的工会应当建立工会委员会，不能只设组织员") % {"members": members, "threshold": threshold})
        if seats != 1:
            raise RuleViolation("organiser_one_seat", _("组织员只设1名"))
    else:
        term_check_seats(union=union, kind=kind, seats=seats, members=members, on=starts_on)
    committee = committee_ensure(actor=actor, union=union, kind=kind)
    if Term.objects.filter(committee=committee, number=number).exists():
        raise Conflict("term_exists", _("%(committee)s第%(number)s届已存在") % {"committee": committee, "number": number})
    ends_on = _add_years(starts_on, years)
    if kind != Committee.Kind.UNION:
        union_term = (Term.objects.filter(union=union, committee__kind=Committee.Kind.UNION)
                      .exclude(status=Term.Status.ENDED).order_by("-number").first())
        if union_term is not None:
            starts_on, ends_on, years = union_term.starts_on, union_term.ends_on, union_term.years
    term = Term.objects.create(union=union, committee=committee, number=number, starts_on=starts_on, ends_on=ends_on,
                               years=years, seats=seats, status=status, approved_on=approved_on,
                               approval_document=approval_document, approved_by=approved_by, organiser=organiser)
    audit_log(actor=actor, action="committees.term.created", target=term, after=snapshot(term))
    return term


@transaction.atomic
def term_approve(*, actor, term: Term, approved_on: dt.date, approval_document: str, approved_by: str) -> Term:
    """Rule 10: a term's officers act only after the higher union's approval is recorded."""
    if not approval_document.strip() or not approved_by.strip():
        raise RuleViolation("approval_incomplete", _("须填写上级工会批复文号和批复单位"))
    term = Term.objects.select_for_update().get(pk=term.pk)
    if term.status != Term.Status.PENDING:
        raise Conflict("term_not_pending", _("该届不在待批复状态"))
    before = snapshot(term)
    # The previous term of the same committee ends when the new one takes office.
    previous = Term.objects.filter(committee=term.committee, status=Term.Status.ACTIVE).exclude(pk=term.pk)
    for old in previous:
        term_end(actor=actor, term=old, on=approved_on)
    term.status = Term.Status.ACTIVE
    term.approved_on = approved_on
    term.approval_document = approval_document.strip()
    term.approved_by = approved_by.strip()
    term.save()
    audit_log(actor=actor, action="committees.term.approved", target=term, before=before, after=snapshot(term))
    return term


@transaction.atomic
def term_end(*, actor, term: Term, on: dt.date) -> Term:
    before = snapshot(term)
    for position in term.positions.filter(ended_on__isnull=True):
        position_end(actor=actor, position=position, on=on, reason=_("届满"))
    term.status = Term.Status.ENDED
    term.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="committees.term.ended", target=term, before=before, after=snapshot(term))
    return term


@transaction.atomic
def position_assign(*, actor, term: Term, worker: Worker, title: str, started_on: dt.date) -> Position:
    """Only an active member (在会) may hold an office (条例 art.4), and only in a term the higher union has
    approved (rule 10, 章程2013 art.27): a term awaiting approval has no officers yet, an ended one none any more."""
    term = Term.objects.select_for_update().get(pk=term.pk)  # the status as recorded, not a stale copy
    if term.status != Term.Status.ACTIVE:
        raise RuleViolation("term_not_active",
                            _("该届尚未经上级工会批复，不能任职") if term.status == Term.Status.PENDING
                            else _("该届已届满，不能任职"))
    if worker.union_id != term.union_id:
        raise RuleViolation("worker_other_union", _("任职人员不属于本工会"))
    if not worker.is_active_member:
        raise RuleViolation("not_active_member", _("%(name)s 不是在会会员，不能任职") % {"name": worker.name})
    if title not in Position.Title.values:
        raise RuleViolation("title_invalid", _("职务无效"))
    if term.organiser != (title == Position.Title.ORGANISER):
        raise RuleViolation("organiser_title", _("设组织员的届只任组织员") if term.organiser else _("组织员只在设组织员的届任职"))
    if Position.objects.filter(term=term, worker=worker, ended_on__isnull=True).exists():
        raise Conflict("already_holds_position", _("%(name)s 已在本届任职") % {"name": worker.name})
    if title in (Position.Title.CHAIR, Position.Title.WOMEN_DIRECTOR, Position.Title.AUDIT_CHAIR,
                 Position.Title.ORGANISER) and \
            Position.objects.filter(term=term, title=title, ended_on__isnull=True).exists():
        raise Conflict("single_title_taken", _("本届已有%(label)s") % {"label": Position.Title(title).label})
    if term.positions.filter(ended_on__isnull=True).count() >= term.seats:
        raise Conflict("seats_full", _("本届委员名额（%(seats)s名）已满") % {"seats": term.seats})
    position = Position.objects.create(union=term.union, term=term, worker=worker, title=title, started_on=started_on)
    audit_log(actor=actor, action="committees.position.assigned", target=position, after=snapshot(position))
    hooks.offices_changed.fire(actor=actor, union=term.union, workers=[worker])
    return position


@transaction.atomic
def position_end(*, actor, position: Position, on: dt.date, reason: str) -> Position:
    if position.ended_on is not None:
        raise Conflict("position_already_ended", _("该职务已离任"))
    before = snapshot(position)
    position.ended_on = on
    position.end_reason = reason
    position.save(update_fields=["ended_on", "end_reason", "updated_at"])
    audit_log(actor=actor, action="committees.position.ended", target=position, before=before,
              after=snapshot(position))
    hooks.offices_changed.fire(actor=actor, union=position.union, workers=[position.worker])
    return position


@transaction.atomic
def position_leave(*, actor, position: Position, on: dt.date, reason: str, votes_for: int | None = None,
                   voters_total: int | None = None) -> Position:
    """An officer leaves office mid-term (the pages and the API). Rule 11 (工会法 art.18): a chair or vice-chair
    who is still a member in good standing is removed only by more than half of ALL members (会员大会) or ALL
    representatives (会员代表大会) voting for it; the vote is recorded. One whose membership lapsed just leaves."""
    position = Position.objects.select_related("worker__membership", "term").get(pk=position.pk)
    if on > timezone.localdate():
        raise RuleViolation("date_in_future", _("离任日期不能晚于今天"), field="on")
    if on < position.started_on:
        raise RuleViolation("date_before_start", _("离任日期不能早于任职日期"), field="on")
    note = ""
    if position.title in (Position.Title.CHAIR, Position.Title.VICE_CHAIR) and position.worker.is_active_member:
        union = position.union
        members = Worker.objects.filter(union=union, membership__status=MembershipStatus.ACTIVE).count()
        if congress_type_for(union=union, members=members, on=on) == "members":
            total, base = members, _("全体会员")
        else:
            if not voters_total or voters_total < 1:
                raise RuleViolation("recall_total_required", _("会员代表大会罢免须填写全体代表人数"), field="voters_total")
            total, base = voters_total, _("全体代表")
        if votes_for is None or votes_for < 0 or votes_for > total:
            raise RuleViolation("recall_vote_required",
                                _("罢免%(get_title_display)s须记录会员（代表）大会的赞成票数（0至%(total)s）") % {"get_title_display": position.get_title_display(), "total": total},
                                field="votes_for")
        num, den = rule_value("committees.recall_ratio", union=union, on=on)
        if votes_for * den <= total * num:
            raise RuleViolation("recall_not_carried",
                                _("罢免%(get_title_display)s须经%(base)s（%(total)s人）过半数通过，赞成%(votes_for)s票未过半数") % {"get_title_display": position.get_title_display(), "base": base, "total": total, "votes_for": votes_for})
        note = _("罢免表决：%(base)s%(total)s人，赞成%(votes_for)s票") % {"base": base, "total": total, "votes_for": votes_for}
    position = position_end(actor=actor, position=position, on=on, reason=reason)
    if note:
        audit_log(actor=actor, action="committees.position.recalled", target=position, note=note)
    return position


@transaction.atomic
def term_reschedule_approve(*, actor, term: Term, approved_on: dt.date, hold_by: dt.date, approval_document: str,
                            approved_by: str) -> Term:
    """Rule 9 (章程2013 art.26): the higher union's approval to hold the next election early, or late
    (延期换届), by ``hold_by``."""
    if not approval_document.strip() or not approved_by.strip():
        raise RuleViolation("approval_incomplete", _("须填写上级工会批复文号和批复单位"))
    if approved_on > timezone.localdate():
        raise RuleViolation("date_in_future", _("批复日期不能晚于今天"), field="approved_on")
    if hold_by < approved_on:
        raise RuleViolation("hold_by_invalid", _("换届选举期限不能早于批复日期"), field="hold_by")
    term = Term.objects.select_for_update().get(pk=term.pk)
    if term.status != Term.Status.ACTIVE:
        raise Conflict("term_not_active", _("只有在任的届可以批准提前或延期换届"))
    before = snapshot(term)
    term.reschedule_approved_on, term.reschedule_by = approved_on, hold_by
    term.reschedule_document, term.reschedule_approved_by = approval_document.strip(), approved_by.strip()
    term.save()
    audit_log(actor=actor, action="committees.term.reschedule_approved", target=term, before=before,
              after=snapshot(term))
    return term


def term_check_election_date(*, union, kind: str, held_on: dt.date) -> None:
    """Rule 9: the term in office elects its successor on time — within the configured months before it ends;
    earlier, or after it ended, only with the higher union's recorded approval covering that date."""
    # The term in office on that day (an election held the day a term starts is the one that produced it).
    term = (Term.objects.filter(union=union, committee__kind=kind, status=Term.Status.ACTIVE, starts_on__lt=held_on)
            .order_by("-number").first())
    if term is None:
        return
    months = rule_value("committees.election_window_months", union=union, on=held_on)
    opens = term.ends_on - dt.timedelta(days=int(months * 30.5))
    if opens <= held_on <= term.ends_on:
        return
    approved = term.reschedule_approved_on is not None and term.reschedule_approved_on <= held_on <= term.reschedule_by
    if not approved:
        when = _("提前") if held_on < opens else _("延期")
        raise RuleViolation("schedule_not_approved",
                            _("%(term)s于%(ends_on)s届满，%(held_on)s换届属%(when)s换届，须先记录上一级工会的批准") % {"term": term, "ends_on": term.ends_on, "held_on": held_on, "when": when})


@transaction.atomic
def group_leader_set(*, actor, group, leader: Worker | None) -> GroupLeader | None:
    """A group's leader (负责人) must be an active member of that group; ``None`` leaves the group without one."""
    if leader is not None:
        if leader.union_id != group.union_id or leader.group_id != group.pk:
            raise RuleViolation("leader_not_in_group", _("负责人必须是本小组的会员"), field="leader")
        if not leader.is_active_member:
            raise RuleViolation("leader_not_active", _("负责人必须是在会会员"), field="leader")
    current = GroupLeader.objects.select_for_update().filter(group=group).first()
    before = current.worker_id if current else None
    if leader is None:
        if current is not None:
            current.delete()
        current = None
    elif current is None:
        current = GroupLeader.objects.create(union_id=group.union_id, group=group, worker=leader)
    elif current.worker_id != leader.pk:
        current.worker = leader
        current.save(update_fields=["worker", "updated_at"])
    after = current.worker_id if current else None
    if before != after:
        audit_log(actor=actor, action="org.group.leader_set", target=group, before={"leader": before},
                  after={"leader": after})
        # the leader's office gives the group_leader role: accounts makes the old and the new leader's roles follow
        hooks.offices_changed.fire(actor=actor, union=group.union,
                                   workers=sorted(pk for pk in (before, after) if pk))
    return current

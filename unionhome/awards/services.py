"""Writes of the year-end evaluation (issue 11 §3). Rules enforced here, each with a test in tests/test_services.py:

- one round per union and year; honour kinds are the union's own (先进工作者, 优秀会员…);
- eligibility: an active member (在会) on the staff roster, in the nominating group, not excluded on one of the
  union's configured grounds (``awards.exclusion_grounds``) for the round;
- a group names at most ``awards.quota_per_group`` per honour (or the kind's own quota), and the committee chooses
  within the same quota; a group leader enters only their own group's result;
- the committee's decision records its meeting (text and date); the honoured of a kind stay within the prize
  ratio of funds (rule 19, ``funds.services.prize_check``) counted against the union's active members;
- 公示 runs ``awards.publicity_workdays`` official working days (weekends and holidays skipped,
  ``core.cncalendar``); members object with a reason only during it; the committee answers each objection
  (upheld → the honour is withdrawn); the list becomes final only after the period ended and with no objection
  open;
- rewards in kind (``awards.reward_forms``, and the province's welfare policy forms: no cash where it is banned),
  at most ``awards.reward_cap`` per person and honour, booked through ``funds.services.entry_post_for`` under
  ``funds.source_categories['awards.reward']``; one booking per honour.
"""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from unionhome.awards.models import Award, Exclusion, HonourKind, Nomination, Nominee, Objection, RewardForm, Round
from unionhome.core import cncalendar
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, Forbidden, RuleViolation
from unionhome.core.money import parse_money
from unionhome.core.permissions import Role
from unionhome.core.rules import rule_value
from unionhome.members.choices import EmploymentStatus, MembershipStatus

MANAGERS = (Role.COMMITTEE, Role.CHAIR)  # the committee (awards.manage); a group leader enters their own group's


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _locked(round: Round) -> Round:
    return Round.objects.select_for_update().get(pk=round.pk)


def _status(round: Round, *allowed, code: str, message: str) -> None:
    if round.status not in allowed:
        raise Conflict(code, message)


def quota_of(kind: HonourKind, *, union, on: dt.date) -> int:
    """A person honour's quota per group (the kind's own, else ``awards.quota_per_group``); a group honour's quota
    for the whole union (the kind's own, else ``awards.group_quota_per_union``)."""
    if kind.for_groups:
        return kind.quota_per_union or int(rule_value("awards.group_quota_per_union", union=union, on=on))
    return kind.quota_per_group or int(rule_value("awards.quota_per_group", union=union, on=on))


# --- set-up -----------------------------------------------------------------------------------------------

@transaction.atomic
def kind_create(*, actor, union, name: str, reward_item: str = "", reward_value="0", reward_form: str = "goods",
                quota_per_group: int | None = None, nominee: str = Nominee.PERSON,
                quota_per_union: int | None = None) -> HonourKind:
    """An honour the union awards (the seed's 先进工作者; others such as 优秀会员, 优秀工会积极分子), or a group
    honour (``nominee="group"``: 优秀工会小组) with its quota for the whole union."""
    name = (name or "").strip()[:50]
    if not name:
        raise RuleViolation("name_required", gettext("请填写荣誉名称"), field="name")
    if reward_form not in RewardForm.values:
        raise RuleViolation("reward_form_invalid", gettext("奖励形式无效"), field="reward_form")
    if nominee not in Nominee.values:
        raise RuleViolation("nominee_invalid", gettext("评选对象无效"), field="nominee")
    if quota_per_group is not None and not 1 <= int(quota_per_group) <= 20:
        raise RuleViolation("quota_invalid", gettext("每组名额应为1至20"), field="quota_per_group")
    if quota_per_union is not None and not 1 <= int(quota_per_union) <= 50:
        raise RuleViolation("quota_invalid", gettext("全会名额应为1至50"), field="quota_per_union")
    value = parse_money(reward_value, field="reward_value", blank_zero=True)
    if value < 0:
        raise RuleViolation("amount_negative", gettext("奖品价值不能为负数"), field="reward_value")
    if HonourKind.objects.filter(union=union, name=name).exists():
        raise Conflict("kind_exists", gettext("已有荣誉“%(name)s”") % {"name": name})
    kind = HonourKind.objects.create(union=union, name=name, reward_item=(reward_item or "").strip()[:100],
                                     reward_value=value, reward_form=reward_form, quota_per_group=quota_per_group,
                                     nominee=nominee, quota_per_union=quota_per_union,
                                     sort_order=HonourKind.objects.filter(union=union).count())
    audit_log(actor=actor, action="awards.kind.created", target=kind, after=snapshot(kind))
    return kind


@transaction.atomic
def round_create(*, actor, union, year: int, title: str = "", kinds=None) -> Round:
    """The year's evaluation, open for the groups' nominations. Without ``kinds``: every active honour kind."""
    if not 2000 <= int(year) <= 2100:
        raise RuleViolation("year_invalid", gettext("年度不正确"), field="year")
    kinds = list(kinds) if kinds else list(HonourKind.objects.filter(union=union, active=True))
    if not kinds:
        raise RuleViolation("no_kinds", gettext("请先设置至少一种荣誉"), field="kinds")
    if any(k.union_id != union.pk for k in kinds):
        raise RuleViolation("kind_other_union", gettext("荣誉不属于本工会"), field="kinds")
    title = (title or "").strip()[:100] or gettext("%(year)s年度年终评选") % {"year": year}
    try:
        with transaction.atomic():
            round = Round.objects.create(union=union, year=year, title=title, created_by=_user(actor))
    except IntegrityError:
        raise Conflict("round_exists", gettext("%(year)s年度已有年终评选") % {"year": year}) from None
    round.kinds.set(kinds)
    audit_log(actor=actor, action="awards.round.created", target=round,
              after={**snapshot(round), "kinds": [k.name for k in kinds]})
    return round


@transaction.atomic
def exclusion_add(*, actor, round: Round, worker, ground: str, note: str = "") -> Exclusion:
    """A member who may not be honoured this year, on one of the union's configured grounds."""
    round = _locked(round)
    _status(round, Round.Status.NOMINATING, Round.Status.DECIDED, code="round_closed",
            message=gettext("评选已公示，不能再调整参评人员"))
    if worker.union_id != round.union_id:
        raise RuleViolation("worker_other_union", gettext("该职工不属于本工会"), field="worker")
    grounds = rule_value("awards.exclusion_grounds", union=round.union, on=dt.date(round.year, 12, 31))
    if ground not in grounds:
        raise RuleViolation("ground_invalid", gettext("不参评原因须为评选办法规定的情形之一"), field="ground")
    if Exclusion.objects.filter(round=round, worker=worker).exists():
        raise Conflict("already_excluded", gettext("%(name)s已列为不参评") % {"name": worker.name})
    if Award.objects.filter(round=round, worker=worker).exists():
        raise Conflict("already_chosen", gettext("%(name)s已被评定，不能再列为不参评") % {"name": worker.name})
    exclusion = Exclusion.objects.create(union=round.union, round=round, worker=worker, ground=ground,
                                         note=(note or "").strip()[:200], recorded_by=_user(actor))
    Nomination.objects.filter(round=round, worker=worker).update(status=Nomination.Status.NOT_CHOSEN)
    audit_log(actor=actor, action="awards.exclusion.added", target=round, after=snapshot(exclusion))
    return exclusion


# --- nominations ----------------------------------------------------------------------------------------------

def ineligibility(round: Round, worker) -> str:
    """Why ``worker`` cannot be honoured in ``round`` ("" when they can)."""
    membership = getattr(worker, "membership", None)
    if worker.union_id != round.union_id:
        return gettext("该职工不属于本工会")
    if membership is None or membership.status != MembershipStatus.ACTIVE:
        return gettext("%(name)s不是在会会员，不能参评") % {"name": worker.name}
    if worker.employment_status != EmploymentStatus.EMPLOYED:
        return gettext("%(name)s不在职，不能参评") % {"name": worker.name}
    exclusion = Exclusion.objects.filter(round=round, worker=worker).first()
    if exclusion is not None:
        return gettext("%(name)s本年度不参评（%(ground)s）") % {"name": worker.name, "ground": exclusion.ground}
    return ""


def _may_enter_for(actor, union, group) -> bool:
    """The committee enters any group's result; a group leader only their own group's."""
    from unionhome.accounts.queries import holds_role

    if actor is None:  # the platform (demo, import)
        return True
    if not getattr(actor, "is_authenticated", False):
        return False
    return (holds_role(actor, union, MANAGERS)
            or (group is not None and holds_role(actor, union, Role.GROUP_LEADER, group=group)))


@transaction.atomic
def nomination_add(*, actor, round: Round, kind: HonourKind, worker, discussion: str = "",
                   votes_for: int | None = None, voters: int | None = None) -> Nomination:
    """The group's discussion result: one nominee for one honour (the group is the nominee's own group)."""
    from unionhome.members.models import Worker

    round = _locked(round)
    _status(round, Round.Status.NOMINATING, code="nominations_closed", message=gettext("小组推荐已截止"))
    worker = Worker.objects.select_related("membership", "group").get(pk=worker.pk)  # status as of now
    if not round.kinds.filter(pk=kind.pk).exists():
        raise RuleViolation("kind_not_in_round", gettext("本次评选不评“%(kind)s”") % {"kind": kind.name}, field="kind")
    if kind.for_groups:
        raise RuleViolation("kind_for_groups", gettext("“%(kind)s”评选的是工会小组，不是个人") % {"kind": kind.name},
                            field="kind")
    if worker.group_id is None:
        raise RuleViolation("no_group", gettext("%(name)s未编入工会小组，不能由小组推荐") % {"name": worker.name},
                            field="worker")
    if not _may_enter_for(actor, round.union, worker.group):
        raise Forbidden("not_your_group", gettext("小组长只能录入本组的推荐结果"))
    problem = ineligibility(round, worker)
    if problem:
        raise RuleViolation("not_eligible", problem, field="worker")
    if votes_for is not None or voters is not None:
        if votes_for is None or voters is None or votes_for < 0 or voters <= 0 or votes_for > voters:
            raise RuleViolation("votes_invalid", gettext("赞成票不能多于参加投票人数"), field="votes_for")
        members = worker.group.workers.active_members().count()
        if voters > members:
            raise RuleViolation("voters_invalid", gettext("参加投票人数不能多于本组会员数（%(n)s人）") % {"n": members},
                                field="voters")
    if Nomination.objects.filter(round=round, kind=kind, worker=worker).exists():
        raise Conflict("already_nominated", gettext("%(name)s已被推荐为%(kind)s") % {"name": worker.name, "kind": kind.name})
    quota = quota_of(kind, union=round.union, on=dt.date(round.year, 12, 31))
    taken = Nomination.objects.filter(round=round, kind=kind, group=worker.group).count()
    if taken >= quota:
        raise RuleViolation("quota_full", gettext("%(group)s的%(kind)s推荐名额为%(quota)s名，已满") % {
            "group": worker.group.name, "kind": kind.name, "quota": quota})
    nomination = Nomination.objects.create(union=round.union, round=round, kind=kind, group=worker.group,
                                           worker=worker, discussion=(discussion or "").strip()[:500],
                                           votes_for=votes_for, voters=voters, entered_by=_user(actor))
    audit_log(actor=actor, action="awards.nomination.added", target=nomination, after=snapshot(nomination))
    return nomination


@transaction.atomic
def group_nomination_add(*, actor, round: Round, kind: HonourKind, group, discussion: str = "") -> Nomination:
    """A group nominated for a group honour (优秀工会小组): by the committee, or by the group itself (its leader).
    The committee chooses within the union's quota (``quota_of``) when it decides."""
    round = _locked(round)
    _status(round, Round.Status.NOMINATING, code="nominations_closed", message=gettext("小组推荐已截止"))
    if not round.kinds.filter(pk=kind.pk).exists():
        raise RuleViolation("kind_not_in_round", gettext("本次评选不评“%(kind)s”") % {"kind": kind.name}, field="kind")
    if not kind.for_groups:
        raise RuleViolation("kind_for_people", gettext("“%(kind)s”评选的是个人，请推荐人选") % {"kind": kind.name},
                            field="kind")
    if group is None or group.union_id != round.union_id:
        raise RuleViolation("group_other_union", gettext("工会小组不属于本工会"), field="group")
    if not _may_enter_for(actor, round.union, group):
        raise Forbidden("not_your_group", gettext("小组长只能录入本组的推荐结果"))
    if Nomination.objects.filter(round=round, kind=kind, group=group, worker__isnull=True).exists():
        raise Conflict("already_nominated", gettext("%(name)s已被推荐为%(kind)s") % {"name": group.name, "kind": kind.name})
    nomination = Nomination.objects.create(union=round.union, round=round, kind=kind, group=group, worker=None,
                                           discussion=(discussion or "").strip()[:500], entered_by=_user(actor))
    audit_log(actor=actor, action="awards.nomination.added", target=nomination, after=snapshot(nomination))
    return nomination


@transaction.atomic
def nomination_remove(*, actor, nomination: Nomination) -> None:
    round = _locked(nomination.round)
    _status(round, Round.Status.NOMINATING, code="nominations_closed", message=gettext("小组推荐已截止"))
    if not _may_enter_for(actor, round.union, nomination.group):
        raise Forbidden("not_your_group", gettext("小组长只能录入本组的推荐结果"))
    audit_log(actor=actor, action="awards.nomination.removed", target=nomination, before=snapshot(nomination))
    nomination.delete()


# --- the committee's decision ---------------------------------------------------------------------------------

def decision_check(round: Round, decision) -> None:
    """The committee's decision recorded in the meetings app: an adopted decision of a meeting of the union
    committee (a committee, special or joint meeting) of this union, held by today."""
    from unionhome.meetings.models import Decision, Meeting

    meeting = decision.item.meeting
    if decision.union_id != round.union_id:
        raise RuleViolation("decision_other_union", gettext("该会议决定不属于本工会"), field="decision")
    if meeting.kind not in (Meeting.Kind.COMMITTEE, Meeting.Kind.SPECIAL, Meeting.Kind.JOINT):
        raise RuleViolation("decision_not_committee", gettext("评选结果须由工会委员会会议评定"), field="decision")
    if decision.outcome != Decision.Outcome.ADOPTED:
        raise RuleViolation("decision_not_adopted", gettext("该会议决定未通过"), field="decision")
    if meeting.held_on > timezone.localdate():
        raise RuleViolation("meeting_date_invalid", gettext("会议日期不能晚于今天"), field="decision")


@transaction.atomic
def round_decide(*, actor, round: Round, chosen: list[int], meeting_ref: str = "", meeting_on: dt.date | None = None,
                 decision=None) -> list[Award]:
    """The committee's decision at a meeting: the chosen nominations become honours, the rest are not chosen.

    The meeting is the decision recorded in the meetings app (``decision``: its meeting's name and date are
    copied), or, for a meeting not recorded there, its name and date as text. Quotas per group and kind (per
    union for a group honour) are enforced again; every honoured member must still be eligible; the number of
    honoured of each person honour stays within the prize ratio (rule 19) of the union's active members."""
    from unionhome.funds.services import prize_check
    from unionhome.members.models import Worker

    round = _locked(round)
    _status(round, Round.Status.NOMINATING, code="already_decided", message=gettext("委员会已评定"))
    if decision is not None:
        decision_check(round, decision)
        meeting_ref, meeting_on = decision.item.meeting.title, decision.item.meeting.held_on
    meeting_ref = (meeting_ref or "").strip()[:200]
    if not meeting_ref:
        raise RuleViolation("meeting_required", gettext("请选择会议决定，或填写评定会议（如“第5次委员会会议”）"),
                            field="meeting_ref")
    if not isinstance(meeting_on, dt.date) or meeting_on > timezone.localdate():
        raise RuleViolation("meeting_date_invalid", gettext("会议日期不能晚于今天"), field="meeting_on")
    nominations = list(Nomination.objects.filter(round=round).select_related("kind", "group", "worker",
                                                                             "worker__membership"))
    by_pk = {n.pk: n for n in nominations}
    chosen_set = set(chosen)
    if not chosen_set:
        raise RuleViolation("nothing_chosen", gettext("请至少评定一名"), field="chosen")
    if chosen_set - by_pk.keys():
        raise RuleViolation("nomination_unknown", gettext("只能从小组推荐的人选中评定"), field="chosen")
    on = dt.date(round.year, 12, 31)
    per_group: dict = {}
    per_kind: dict = {}
    for pk in chosen_set:
        n = by_pk[pk]
        if n.kind.for_groups:
            per_kind.setdefault(n.kind, []).append(n)
            continue
        problem = ineligibility(round, n.worker)
        if problem:
            raise RuleViolation("not_eligible", problem, field="chosen")
        per_group.setdefault((n.kind, n.group), []).append(n)
        per_kind.setdefault(n.kind, []).append(n)
    for kind, listed in per_kind.items():
        quota = quota_of(kind, union=round.union, on=on)
        if kind.for_groups and len(listed) > quota:
            raise RuleViolation("quota_exceeded", gettext("%(kind)s全会名额为%(quota)s个，评定了%(n)s个") % {
                "kind": kind.name, "quota": quota, "n": len(listed)}, field="chosen")
    for (kind, group), listed in per_group.items():
        quota = quota_of(kind, union=round.union, on=on)
        if len(listed) > quota:
            raise RuleViolation("quota_exceeded", gettext("%(group)s的%(kind)s名额为%(quota)s名，评定了%(n)s名") % {
                "group": group.name, "kind": kind.name, "quota": quota, "n": len(listed)}, field="chosen")
    members = Worker.objects.filter(union=round.union).active_members().on_roster().count()
    for kind, listed in per_kind.items():
        if not kind.for_groups:  # a group honour is bounded by its quota for the union, not by a prize ratio
            prize_check(union=round.union, participants=members, winners=len(listed), on=meeting_on)
    awards = []
    for n in nominations:
        n.status = Nomination.Status.CHOSEN if n.pk in chosen_set else Nomination.Status.NOT_CHOSEN
        n.save(update_fields=["status", "updated_at"])
        if n.pk in chosen_set:
            try:
                with transaction.atomic():
                    awards.append(Award.objects.create(union=round.union, round=round, kind=n.kind, worker=n.worker,
                                                       group=n.group, nomination=n, year=round.year))
            except IntegrityError:
                raise Conflict("already_honoured", gettext("%(name)s本年度已获%(kind)s") % {
                    "name": n.nominee_name, "kind": n.kind.name}) from None
    before = snapshot(round)
    round.status, round.meeting_ref, round.meeting_on = Round.Status.DECIDED, meeting_ref, meeting_on
    round.decision = decision
    round.save()
    audit_log(actor=actor, action="awards.round.decided", target=round, before=before,
              after={**snapshot(round), "honoured": [f"{a.kind.name}:{a.nominee_name}" for a in awards]})
    return awards


# --- 公示 and objections -----------------------------------------------------------------------------------

@transaction.atomic
def round_publish(*, actor, round: Round, starts_on: dt.date) -> Round:
    """公示 to members for ``awards.publicity_workdays`` official working days from ``starts_on``."""
    round = _locked(round)
    _status(round, Round.Status.DECIDED, code="not_decided", message=gettext("委员会评定后才能公示"))
    if not isinstance(starts_on, dt.date) or (round.meeting_on and starts_on < round.meeting_on):
        raise RuleViolation("publicity_start_invalid", gettext("公示不能早于评定会议"), field="starts_on")
    workdays = int(rule_value("awards.publicity_workdays", union=round.union, on=starts_on))
    before = snapshot(round)
    round.status = Round.Status.PUBLISHED
    round.publicity_starts_on = starts_on
    round.publicity_ends_on = cncalendar.nth_workday(starts_on, workdays)
    round.save()
    audit_log(actor=actor, action="awards.round.published", target=round, before=before, after=snapshot(round))
    from unionhome.awards.events import tell_published

    tell_published(round)
    return round


@transaction.atomic
def objection_raise(*, actor, award: Award, reason: str, today: dt.date | None = None) -> Objection:
    """A member objects to an honour, with a reason, while the list is in 公示."""
    today = min(today or timezone.localdate(), timezone.localdate())
    round = _locked(award.round)
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation("reason_required", gettext("请填写异议理由"), field="reason")
    if round.status != Round.Status.PUBLISHED or not (round.publicity_starts_on <= today <= round.publicity_ends_on):
        raise Conflict("not_in_publicity", gettext("只能在公示期内提出异议"))
    if award.withdrawn:
        raise Conflict("award_withdrawn", gettext("该荣誉已撤销"))
    objection = Objection.objects.create(union=round.union, round=round, award=award, raised_by=_user(actor),
                                         reason=reason[:500])
    audit_log(actor=actor, action="awards.objection.raised", target=objection, after=snapshot(objection))
    return objection


@transaction.atomic
def objection_answer(*, actor, objection: Objection, answer: str, upheld: bool = False) -> Objection:
    """The committee's answer; an upheld objection withdraws the honour before the list is final."""
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    round = _locked(objection.round)
    answer = (answer or "").strip()
    if not answer:
        raise RuleViolation("answer_required", gettext("请填写答复意见"), field="answer")
    if not objection.is_open:
        raise Conflict("already_answered", gettext("该异议已答复"))
    if round.status != Round.Status.PUBLISHED:
        raise Conflict("round_final", gettext("评选结果已确定"))
    before = snapshot(objection)
    objection.answer, objection.upheld = answer[:500], bool(upheld)
    objection.answered_by, objection.answered_at = _user(actor), timezone.now()
    objection.save()
    if objection.upheld:
        Award.objects.filter(pk=objection.award_id).update(withdrawn=True)
    audit_log(actor=actor, action="awards.objection.answered", target=objection, before=before,
              after=snapshot(objection))
    return objection


@transaction.atomic
def round_finalise(*, actor, round: Round, today: dt.date | None = None) -> Round:
    """The list becomes final only after the 公示 period ended and every objection is answered."""
    today = min(today or timezone.localdate(), timezone.localdate())
    round = _locked(round)
    _status(round, Round.Status.PUBLISHED, code="not_published", message=gettext("公示后才能确定评选结果"))
    if today <= round.publicity_ends_on:
        raise Conflict("publicity_running", gettext("公示期至%(day)s，期满后才能确定") % {
            "day": format(round.publicity_ends_on, "%Y-%m-%d")})
    open_count = Objection.objects.filter(round=round, answered_at__isnull=True).count()
    if open_count:
        raise Conflict("objections_open", gettext("还有%(n)s条异议未答复") % {"n": open_count})
    before = snapshot(round)
    round.status, round.finalised_on = Round.Status.FINAL, today
    round.save()
    for number, award in enumerate(Award.objects.filter(round=round, withdrawn=False).order_by("group__name", "pk"),
                                   start=1):
        Award.objects.filter(pk=award.pk).update(certificate_no=f"{round.year}-{number:03d}")
    audit_log(actor=actor, action="awards.round.finalised", target=round, before=before, after=snapshot(round))
    return round


# --- rewards -------------------------------------------------------------------------------------------------

def reward_check(*, kind: HonourKind, union, on: dt.date) -> None:
    """The reward is in kind where cash is banned (rule figure, and the province's policy forms), within the cap."""
    from unionhome.funds.services import policy_in_force

    forms = list(rule_value("awards.reward_forms", union=union, on=on))
    policy = policy_in_force(union, on)
    if policy is not None:
        forms = [f for f in forms if f in policy.forms]
    if kind.reward_form not in forms:
        raise RuleViolation("reward_form_refused", gettext("%(kind)s的奖励形式“%(form)s”不允许：奖励只能发放实物（不得发放现金、购物卡）") % {
            "kind": kind.name, "form": kind.get_reward_form_display()}, field="reward_form")
    cap = parse_money(rule_value("awards.reward_cap", union=union, on=on))
    if kind.reward_value > cap:
        raise RuleViolation("reward_cap_exceeded", gettext("%(kind)s奖品价值%(value)s元，超过每人%(cap)s元的上限") % {
            "kind": kind.name, "value": kind.reward_value, "cap": cap}, field="reward_value")


@transaction.atomic
def rewards_book(*, actor, round: Round, on: dt.date) -> list[Award]:
    """Book each final honour's reward to the ledger (one entry per person, through funds' ``entry_post_for``,
    under the category the rule figure ``funds.source_categories`` names for ``awards.reward``)."""
    from unionhome.funds.services import entry_post_for

    round = _locked(round)
    _status(round, Round.Status.FINAL, code="not_final", message=gettext("评选结果确定后才能发放奖励"))
    if not isinstance(on, dt.date) or on < round.finalised_on:
        raise RuleViolation("reward_date_invalid", gettext("发放日期不能早于评选确定日期"), field="on")
    awards = list(Award.objects.filter(round=round, withdrawn=False, reward_entry__isnull=True)
                  .select_related("kind", "worker", "group"))
    if not awards:
        raise Conflict("nothing_to_reward", gettext("没有待发放奖励的荣誉"))
    booked = []
    for award in awards:
        kind = award.kind
        if kind.reward_value <= 0:
            continue
        reward_check(kind=kind, union=round.union, on=on)
        entry = entry_post_for(actor=actor, source=award, category_key="awards.reward", on=on,
                               amount=kind.reward_value, counterparty=award.nominee_name,
                               method=kind.get_reward_form_display(),
                               note=gettext("%(title)s%(kind)s奖品：%(item)s") % {
                                   "title": round.title, "kind": kind.name, "item": kind.reward_item or kind.name})
        Award.objects.filter(pk=award.pk).update(reward_entry=entry, reward_value=kind.reward_value)
        audit_log(actor=actor, action="awards.reward.booked", target=award,
                  after={"entry": entry.voucher, "amount": str(kind.reward_value)})
        booked.append(award)
    if not booked:
        raise Conflict("nothing_to_reward", gettext("没有待发放奖励的荣誉"))
    return booked


def certificates_export(*, actor, round: Round) -> bytes:
    """The certificates (.docx, one A4 page per person); every download is audited."""
    from unionhome.awards.documents import certificates_docx

    if round.status != Round.Status.FINAL:
        raise Conflict("not_final", gettext("评选结果确定后才能打印证书"))
    content = certificates_docx(round)
    audit_log(actor=actor, action="awards.certificates.downloaded", target=round)
    return content

"""Writes to the year's plan, its mid-year check and its year-end summary. Every write is audited in its own
transaction.

Rules enforced here (tests in ``tests/test_services.py``):
- one plan per union and year; items are written while the plan is a draft; adopting needs at least one item and,
  when a meeting decision is cited, an adopted decision of this union taken no later than the adoption;
- an item's owners are committee members of the plan's year (meetings' ``committee_members``) or the union's
  groups; its deadline lies in the plan's year; a measured target names a registered figure and a value, both or
  neither (the figure is computed, never typed);
- checks come after adoption: one mid-year check and one year-end summary, dated in the plan's year, the summary
  not before the check; an item dropped at a check says why;
- evidence is a record of an allow-listed kind (``plans/linkable.py``) found among the plan's union's records:
  another union's record, or an unknown kind, is refused;
- a committee member's goal is linked to an item of the plan of the goal's year, one item per goal.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from unionhome.core import figures as figure_registry
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.meetings.models import Decision, Goal
from unionhome.meetings.queries import committee_members
from unionhome.plans import linkable
from unionhome.plans.models import Area, Entry, EvidenceLink, Plan, PlanItem, Review


def _draft(plan: Plan) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.DRAFT:
        raise Conflict("plan_adopted", _("计划已通过，不能再修改计划事项"))
    return plan


@transaction.atomic
def plan_create(*, actor, union, year: int) -> Plan:
    """An empty draft plan for the year (one per union and year)."""
    if not 2000 <= int(year) <= 2100:
        raise RuleViolation("year_invalid", _("年度无效"), field="year")
    if Plan.objects.filter(union=union, year=year).exists():
        raise Conflict("plan_exists", _("%(year)s年的工作计划已存在") % {"year": year})
    plan = Plan.objects.create(union=union, year=year)
    audit_log(actor=actor, action="plans.plan.created", target=plan, after=snapshot(plan))
    return plan


def _shift(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def plan_copy(*, actor, union, year: int) -> Plan:
    """The year's draft plan as a copy of last year's items: titles, areas, targets, deadlines a year on, the
    groups, and the owners who are still committee members this year (goals and evidence stay with last year)."""
    previous = Plan.objects.filter(union=union, year=year - 1).first()
    if previous is None:
        raise RuleViolation("no_previous_plan", _("%(year)s年没有工作计划，无法复制") % {"year": year - 1})
    plan = Plan.objects.filter(union=union, year=year).first() or plan_create(actor=actor, union=union, year=year)
    plan = _draft(plan)
    if plan.items.exists():
        raise Conflict("plan_not_empty", _("本年度计划已有事项，不能再复制上年计划"))
    members = set(committee_members(union, year=year).values_list("pk", flat=True))
    for old in previous.items.prefetch_related("owners", "groups").order_by("number"):
        item = PlanItem.objects.create(union=union, plan=plan, number=old.number, title=old.title, area=old.area,
                                       target=old.target, figure_key=old.figure_key, target_value=old.target_value,
                                       deadline=_shift(old.deadline, year - previous.year))
        item.owners.set([w for w in old.owners.all() if w.pk in members])
        item.groups.set(old.groups.all())
    audit_log(actor=actor, action="plans.plan.copied", target=plan,
              after={"from_year": previous.year, "items": plan.items.count()})
    return plan


def _check_item(plan: Plan, *, title: str, area: str, owners, groups, figure_key: str, target_value,
                deadline) -> None:
    union = plan.union
    if not title.strip():
        raise RuleViolation("title_required", _("请填写工作事项"), field="title")
    if area not in Area.values:
        raise RuleViolation("area_invalid", _("工作类别无效"), field="area")
    if deadline is not None and deadline.year != plan.year:
        raise RuleViolation("deadline_outside_year", _("完成期限须在%(year)s年内") % {"year": plan.year},
                            field="deadline")
    if figure_key and figure_registry.get(figure_key) is None:
        raise RuleViolation("figure_unknown", _("考核指标不存在"), field="figure_key")
    if bool(figure_key) != (target_value is not None):
        raise RuleViolation("target_incomplete", _("考核指标和目标值须同时填写"), field="target_value")
    members = set(committee_members(union, year=plan.year).values_list("pk", flat=True))
    for worker in owners:
        if worker.union_id != union.pk or worker.pk not in members:
            raise RuleViolation("owner_not_committee_member", _("%(name)s 在%(year)s年没有担任委员会职务")
                                % {"name": worker.name, "year": plan.year}, field="owners")
    for group in groups:
        if group.union_id != union.pk:
            raise RuleViolation("group_other_union", _("工会小组不属于本工会"), field="groups")


@transaction.atomic
def item_add(*, actor, plan: Plan, title: str, area: str, owners=(), groups=(), target: str = "",
             figure_key: str = "", target_value: int | None = None, deadline: dt.date | None = None) -> PlanItem:
    plan = _draft(plan)
    owners, groups = list(owners), list(groups)
    _check_item(plan, title=title, area=area, owners=owners, groups=groups, figure_key=figure_key,
                target_value=target_value, deadline=deadline)
    number = (plan.items.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    item = PlanItem.objects.create(union=plan.union, plan=plan, number=number, title=title.strip(), area=area,
                                   target=target.strip(), figure_key=figure_key, target_value=target_value,
                                   deadline=deadline)
    item.owners.set(owners)
    item.groups.set(groups)
    audit_log(actor=actor, action="plans.item.added", target=item,
              after={**snapshot(item), "owners": [w.pk for w in owners], "groups": [g.pk for g in groups]})
    return item


@transaction.atomic
def item_update(*, actor, item: PlanItem, title: str, area: str, owners=(), groups=(), target: str = "",
                figure_key: str = "", target_value: int | None = None,
                deadline: dt.date | None = None) -> PlanItem:
    plan = _draft(item.plan)
    owners, groups = list(owners), list(groups)
    _check_item(plan, title=title, area=area, owners=owners, groups=groups, figure_key=figure_key,
                target_value=target_value, deadline=deadline)
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    before = {**snapshot(item), "owners": sorted(item.owners.values_list("pk", flat=True)),
              "groups": sorted(item.groups.values_list("pk", flat=True))}
    item.title, item.area, item.target = title.strip(), area, target.strip()
    item.figure_key, item.target_value, item.deadline = figure_key, target_value, deadline
    item.save()
    item.owners.set(owners)
    item.groups.set(groups)
    audit_log(actor=actor, action="plans.item.updated", target=item, before=before,
              after={**snapshot(item), "owners": sorted(w.pk for w in owners), "groups": sorted(g.pk for g in groups)})
    return item


@transaction.atomic
def plan_adopt(*, actor, plan: Plan, adopted_on: dt.date, decision: Decision | None = None) -> Plan:
    """The plan as adopted by the committee (optionally citing the meeting decision that adopted it)."""
    plan = _draft(plan)
    if not plan.items.exists():
        raise RuleViolation("plan_empty", _("计划还没有工作事项"))
    if decision is not None:
        if decision.union_id != plan.union_id or decision.outcome != Decision.Outcome.ADOPTED:
            raise RuleViolation("decision_invalid", _("只能引用本工会会议通过的决定"), field="decision")
        if decision.item.meeting.held_on > adopted_on:
            raise RuleViolation("decision_after_adoption", _("引用的会议在通过日期之后召开"), field="decision")
    before = snapshot(plan)
    plan.status, plan.adopted_on, plan.decision = Plan.Status.ADOPTED, adopted_on, decision
    plan.save(update_fields=["status", "adopted_on", "decision", "updated_at"])
    audit_log(actor=actor, action="plans.plan.adopted", target=plan, before=before, after=snapshot(plan))
    return plan


@transaction.atomic
def review_start(*, actor, plan: Plan, kind: str, checked_on: dt.date, note: str = "") -> Review:
    """Open the mid-year check or the year-end summary: one entry per item. The summary starts from the
    records linked at the mid-year check (evidence carries forward; statuses and comments are written anew)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if kind not in Review.Kind.values:
        raise RuleViolation("review_kind_invalid", _("检查类别无效"), field="kind")
    if plan.status != Plan.Status.ADOPTED:
        raise Conflict("plan_not_adopted", _("计划通过后才能进行检查和总结"))
    if checked_on.year != plan.year:
        raise RuleViolation("checked_on_outside_year", _("检查日期须在%(year)s年内") % {"year": plan.year},
                            field="checked_on")
    if plan.reviews.filter(kind=kind).exists():
        raise Conflict("review_exists", _("本年度已有%(kind)s") % {"kind": Review.Kind(kind).label})
    midyear = plan.reviews.filter(kind=Review.Kind.MIDYEAR).first()
    if kind == Review.Kind.SUMMARY and midyear is not None and checked_on < midyear.checked_on:
        raise RuleViolation("summary_before_check", _("年终总结日期不能早于年中检查"), field="checked_on")
    review = Review.objects.create(union=plan.union, plan=plan, kind=kind, checked_on=checked_on, note=note.strip())
    entries = {item.pk: Entry.objects.create(union=plan.union, review=review, item=item)
               for item in plan.items.all()}
    if kind == Review.Kind.SUMMARY and midyear is not None:
        EvidenceLink.objects.bulk_create([
            EvidenceLink(union=plan.union, entry=entries[link.entry.item_id], kind=link.kind,
                         object_id=link.object_id)
            for link in EvidenceLink.objects.filter(entry__review=midyear).select_related("entry")])
    audit_log(actor=actor, action="plans.review.started", target=review, after=snapshot(review))
    return review


@transaction.atomic
def entry_set(*, actor, entry: Entry, status: str, comment: str = "", reason: str = "") -> Entry:
    """How the item stands at the check, in the owner's words; dropping an item needs its reason."""
    if status not in Entry.Status.values or status == Entry.Status.PENDING:
        raise RuleViolation("status_invalid", _("请选择完成情况"), field="status")
    if status == Entry.Status.DROPPED and not reason.strip():
        raise RuleViolation("drop_reason_required", _("取消的事项须说明理由"), field="reason")
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    before = snapshot(entry)
    entry.status, entry.comment = status, comment.strip()
    entry.reason = reason.strip() if status == Entry.Status.DROPPED else ""
    entry.save(update_fields=["status", "comment", "reason", "updated_at"])
    audit_log(actor=actor, action="plans.entry.set", target=entry, before=before, after=snapshot(entry))
    return entry


@transaction.atomic
def link_add(*, actor, entry: Entry, kind: str, object_id: int) -> EvidenceLink:
    """Cite a record as the item's evidence: only a record of an allow-listed kind, of the plan's union."""
    record = linkable.resolve(entry.union, kind, object_id)
    if record is None:
        raise RuleViolation("record_not_found", _("找不到本工会的这条记录"), field="object_id")
    if EvidenceLink.objects.filter(entry=entry, kind=kind, object_id=record.pk).exists():
        raise Conflict("already_linked", _("这条记录已经关联"))
    link = EvidenceLink.objects.create(union=entry.union, entry=entry, kind=kind, object_id=record.pk)
    audit_log(actor=actor, action="plans.link.added", target=entry, after={"kind": kind, "object_id": record.pk})
    return link


@transaction.atomic
def link_remove(*, actor, link: EvidenceLink) -> None:
    entry = link.entry
    audit_log(actor=actor, action="plans.link.removed", target=entry,
              before={"kind": link.kind, "object_id": link.object_id})
    link.delete()


@transaction.atomic
def goal_link(*, actor, item: PlanItem, goal: Goal) -> PlanItem:
    """A committee member's goal for the year, tied to the plan item it serves (one item per goal)."""
    if goal.union_id != item.union_id or goal.year != item.plan.year:
        raise RuleViolation("goal_invalid", _("只能关联本工会本年度的委员目标"), field="goal")
    other = PlanItem.objects.filter(plan=item.plan, goals=goal).first()
    if other is not None:
        raise Conflict("goal_linked", _("该目标已关联到计划事项“%(title)s”") % {"title": other.title})
    item.goals.add(goal)
    audit_log(actor=actor, action="plans.goal.linked", target=item, after={"goal": goal.pk})
    return item

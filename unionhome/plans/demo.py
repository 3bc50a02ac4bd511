"""The demo union's plan for the year (工作计划), adopted at the special meeting on union work, with its mid-year
check in July and, late in the year, the year-end summary — each item citing the demo's real records: the congress
and the special meeting, care visits, the warmth campaign, the women's health check, activities, the competition,
suggestions, inspections and the groups' study sessions. Entered through the services, as the chair would."""
from __future__ import annotations

import datetime as dt

from unionhome.meetings.models import Decision, Goal
from unionhome.meetings.queries import committee_members
from unionhome.org.models import UnionGroup
from unionhome.plans import linkable, services
from unionhome.plans.models import Entry, Review

# title, area, figure, target value, deadline (month, day), linkable kind, how many records, target text
ITEMS = [
    ("召开会员大会，报告工会工作和经费收支、经审情况", "democracy", "meetings.congress_held", 1, (3, 31),
     "meetings.meeting", 1, ""),
    ("召开工会工作专题会议，研究年度工作要点", "democracy", "meetings.special_held", 1, (6, 30), "meetings.meeting", 1, ""),
    ("做好会员生日、住院、婚育等慰问", "care", "care.visits", 40, (12, 31), "care.visit", 4, ""),
    ("元旦春节送温暖，走访困难职工和退休职工", "care", "care.warmth_recipients", 30, (2, 28), "care.warmth", 1, ""),
    ("组织女职工健康检查", "women", "care.health_check_women", 20, (10, 31), "care.health", 1, ""),
    ("开展职工文体活动", "culture", "activities.held", 6, (12, 31), "activities.activity", 3, ""),
    ("举办“五一”职工文体比赛", "culture", "competitions.held", 1, (5, 31), "competitions.competition", 2, ""),
    ("征集和答复合理化建议", "democracy", "suggestions.submitted", 5, (12, 31), "suggestions.suggestion", 3, ""),
    ("政务公开定期检查和整改复查", "democracy", "disclosures.inspections", 2, (11, 30), "disclosures.inspection", 2, ""),
    ("各工会小组每周开展政治业务学习", "study", "", None, (12, 31), "study.session", 3, "每个小组每周一次，全年不少于40次"),
    ("年终评选先进工会小组和优秀会员", "evaluation", "", None, (12, 31), "", 0, "12月底前完成评选和公示"),
]
COMMENTS_MIDYEAR = {
    "meetings.meeting": "已按时召开，纪要已定稿。",
    "care.visit": "慰问按标准执行，台账完整。",
    "activities.activity": "上半年已举办多场活动，下半年继续。",
    "suggestions.suggestion": "已收到建议均已分办，答复及时。",
}


def _owners_for(index: int, members: list) -> list:
    return [members[index % len(members)]] if members else []


def build(ctx) -> None:
    union, chair = ctx.union, ctx.chair_user
    year, today = ctx.today.year, ctx.today
    members = list(committee_members(union, year=year))
    groups = list(UnionGroup.objects.for_union(union).order_by("id"))
    if today >= dt.date(year, 1, 1) and not members:
        return
    # Last year's plan, adopted, so that "copy last year's plan" has something to copy.
    last = services.plan_create(actor=chair, union=union, year=year - 1)
    for title, area, *_rest in ITEMS[:3]:
        services.item_add(actor=chair, plan=last, title=title, area=area, deadline=dt.date(year - 1, 12, 31))
    services.plan_adopt(actor=chair, plan=last, adopted_on=dt.date(year - 1, 3, 15))

    plan = services.plan_create(actor=chair, union=union, year=year)
    items = []
    for i, (title, area, figure, value, (m, d), _kind, _n, target) in enumerate(ITEMS):
        items.append(services.item_add(
            actor=chair, plan=plan, title=title, area=area, owners=_owners_for(i, members),
            groups=groups[:2] if area == "study" else [], target=target, figure_key=figure, target_value=value,
            deadline=dt.date(year, m, d)))
    decision = (Decision.objects.filter(union=union, outcome=Decision.Outcome.ADOPTED,
                                        item__meeting__kind="special", item__meeting__held_on__year=year)
                .select_related("item__meeting").order_by("item__number", "id").first())
    adopted_on = decision.item.meeting.held_on if decision else min(today, dt.date(year, 1, 20))
    services.plan_adopt(actor=chair, plan=plan, adopted_on=adopted_on, decision=decision)
    for goal in Goal.objects.filter(union=union, year=year).order_by("id"):
        item = next((it for it in items if goal.worker in it.owners.all()), None)
        if item is not None:
            services.goal_link(actor=chair, item=item, goal=goal)

    midyear_day = dt.date(year, 7, 10)
    if today < midyear_day:
        return
    _review(chair, plan, Review.Kind.MIDYEAR, midyear_day, items, start=dt.date(year, 1, 1), end=midyear_day,
            note="上半年各项工作按计划推进，会员大会和专题会议已召开，送温暖和“五一”比赛已完成。")
    if today.month >= 11:
        _review(chair, plan, Review.Kind.SUMMARY, today, items, start=dt.date(year, 1, 1), end=today,
                note="全年工作计划基本完成，民主管理、服务职工、文体活动各项指标达到或超过计划。")


def _review(chair, plan, kind, day, items, *, start, end, note) -> None:
    review = services.review_start(actor=chair, plan=plan, kind=kind, checked_on=day, note=note)
    entries = {e.item_id: e for e in review.entries.all()}
    union = plan.union
    for (title, _area, _figure, _value, (m, d), record_kind, n, _t), item in zip(ITEMS, items, strict=True):
        entry = entries[item.pk]
        linked = set(entry.links.values_list("kind", "object_id"))
        if record_kind:
            spec = linkable.get(record_kind)
            found = [r for r in spec.search(union, start=start, end=end, limit=n * 3)]
            if record_kind == "meetings.meeting":
                want = "congress" if "会员大会" in title else "special"
                found = [r for r in found if r.kind == want]
            for record in found[:n]:
                if (record_kind, record.pk) not in linked:
                    services.link_add(actor=chair, entry=entry, kind=record_kind, object_id=record.pk)
        deadline = dt.date(plan.year, m, d)
        if kind == Review.Kind.SUMMARY:
            status = Entry.Status.DONE if record_kind else Entry.Status.ON_TRACK
            comment = "已完成，相关记录见下。" if record_kind else "评选方案已通过，12月下旬公示。"
        else:
            status = Entry.Status.DONE if deadline <= day and record_kind else Entry.Status.ON_TRACK
            comment = COMMENTS_MIDYEAR.get(record_kind, "按计划推进。")
        services.entry_set(actor=chair, entry=entry, status=status, comment=comment)

"""The plan rules: one plan a year, items while a draft, owners on the committee, targets from the figure registry,
checks after adoption, evidence only from the union's own allow-listed records, goals linked once."""
import datetime as dt

import pytest

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry, RuleSetting
from unionhome.meetings import services as meeting_services
from unionhome.meetings.tests.factories import adopted as adopted_decision
from unionhome.meetings.tests.factories import held
from unionhome.plans import queries, services
from unionhome.plans.models import Entry, EvidenceLink, Plan, Review
from unionhome.plans.tests.factories import YEAR, adopted, draft, review


def _code(exc) -> str:
    return exc.value.code


def test_one_plan_per_union_and_year(cast):
    services.plan_create(actor=None, union=cast.union, year=YEAR)
    with pytest.raises(Conflict) as exc:
        services.plan_create(actor=None, union=cast.union, year=YEAR)
    assert _code(exc) == "plan_exists"
    assert services.plan_create(actor=None, union=cast.other_union, year=YEAR).year == YEAR


def test_an_owner_must_be_a_committee_member_of_the_plans_year(cast):
    plan = draft(cast, items=0)
    with pytest.raises(RuleViolation) as exc:
        services.item_add(actor=None, plan=plan, title="事项", area="care", owners=[cast.workers["member"]])
    assert _code(exc) == "owner_not_committee_member"
    item = services.item_add(actor=None, plan=plan, title="事项", area="care", owners=[cast.workers["committee"]])
    assert list(item.owners.all()) == [cast.workers["committee"]]


def test_a_target_figure_must_be_registered_and_come_with_a_value(cast):
    plan = draft(cast, items=0)
    with pytest.raises(RuleViolation) as exc:
        services.item_add(actor=None, plan=plan, title="事项", area="care", figure_key="care.nothing", target_value=1)
    assert _code(exc) == "figure_unknown"
    with pytest.raises(RuleViolation) as exc:
        services.item_add(actor=None, plan=plan, title="事项", area="care", figure_key="care.visits")
    assert _code(exc) == "target_incomplete"


def test_a_deadline_lies_in_the_plans_year(cast):
    plan = draft(cast, items=0)
    with pytest.raises(RuleViolation) as exc:
        services.item_add(actor=None, plan=plan, title="事项", area="care", deadline=dt.date(YEAR + 1, 1, 5))
    assert _code(exc) == "deadline_outside_year"


def test_an_adopted_plan_is_not_edited_and_adoption_needs_items(cast):
    empty = services.plan_create(actor=None, union=cast.union, year=YEAR)
    with pytest.raises(RuleViolation) as exc:
        services.plan_adopt(actor=None, plan=empty, adopted_on=dt.date(YEAR, 1, 20))
    assert _code(exc) == "plan_empty"
    plan = adopted(cast)
    with pytest.raises(Conflict) as exc:
        services.item_add(actor=None, plan=plan, title="迟到的事项", area="care")
    assert _code(exc) == "plan_adopted"
    assert AuditEntry.objects.filter(action="plans.plan.adopted").count() == 1


def test_adoption_cites_an_adopted_decision_of_this_union_taken_before(cast):
    plan = draft(cast)
    decision = adopted_decision(cast)  # meeting held 2026-03-20
    with pytest.raises(RuleViolation) as exc:
        services.plan_adopt(actor=None, plan=plan, adopted_on=dt.date(YEAR, 3, 1), decision=decision)
    assert _code(exc) == "decision_after_adoption"
    services.plan_adopt(actor=None, plan=plan, adopted_on=dt.date(YEAR, 3, 20), decision=decision)
    assert Plan.objects.get(pk=plan.pk).decision == decision


def test_copying_last_years_plan_moves_deadlines_a_year_on(cast):
    draft(cast, year=YEAR - 1, items=2)
    plan = services.plan_copy(actor=None, union=cast.union, year=YEAR)
    items = list(plan.items.order_by("number"))
    assert [i.title for i in items] == ["工作事项1", "工作事项2"]
    assert items[0].deadline == dt.date(YEAR, 6, 30) and items[0].figure_key == "care.visits"
    assert list(items[0].owners.all()) == [cast.workers["committee"]]
    with pytest.raises(Conflict) as exc:
        services.plan_copy(actor=None, union=cast.union, year=YEAR)
    assert _code(exc) == "plan_not_empty"
    with pytest.raises(RuleViolation) as exc:
        services.plan_copy(actor=None, union=cast.union, year=YEAR + 5)
    assert _code(exc) == "no_previous_plan"


def test_checks_come_after_adoption_once_each_and_in_order(cast):
    plan = draft(cast)
    with pytest.raises(Conflict) as exc:
        services.review_start(actor=None, plan=plan, kind="midyear", checked_on=dt.date(YEAR, 7, 1))
    assert _code(exc) == "plan_not_adopted"
    services.plan_adopt(actor=None, plan=plan, adopted_on=dt.date(YEAR, 1, 20))
    services.review_start(actor=None, plan=plan, kind="midyear", checked_on=dt.date(YEAR, 7, 1))
    with pytest.raises(Conflict) as exc:
        services.review_start(actor=None, plan=plan, kind="midyear", checked_on=dt.date(YEAR, 7, 2))
    assert _code(exc) == "review_exists"
    with pytest.raises(RuleViolation) as exc:
        services.review_start(actor=None, plan=plan, kind="summary", checked_on=dt.date(YEAR, 6, 1))
    assert _code(exc) == "summary_before_check"


def test_dropping_an_item_needs_a_reason(cast):
    entry = review(cast).entries.get()
    with pytest.raises(RuleViolation) as exc:
        services.entry_set(actor=None, entry=entry, status="dropped")
    assert _code(exc) == "drop_reason_required"
    services.entry_set(actor=None, entry=entry, status="dropped", reason="上级调整安排")
    assert Entry.objects.get(pk=entry.pk).reason == "上级调整安排"


def test_a_record_of_another_union_cannot_be_linked(cast):
    entry = review(cast).entries.get()
    ours = held(cast)
    theirs = meeting_services.meeting_create(actor=None, union=cast.other_union, kind="congress", title="别人的大会",
                                             held_on=dt.date(YEAR, 3, 1))
    meeting_services.attendance_mark_rest(actor=None, meeting=theirs)
    with pytest.raises(RuleViolation) as exc:
        services.link_add(actor=None, entry=entry, kind="meetings.meeting", object_id=theirs.pk)
    assert _code(exc) == "record_not_found"
    with pytest.raises(RuleViolation) as exc:
        services.link_add(actor=None, entry=entry, kind="members.worker", object_id=cast.workers["member"].pk)
    assert _code(exc) == "record_not_found"
    services.link_add(actor=None, entry=entry, kind="meetings.meeting", object_id=ours.pk)
    with pytest.raises(Conflict):
        services.link_add(actor=None, entry=entry, kind="meetings.meeting", object_id=ours.pk)
    assert EvidenceLink.objects.filter(entry=entry).count() == 1


def test_the_summary_starts_from_the_mid_year_evidence(cast):
    mid = review(cast)
    m = held(cast)
    services.link_add(actor=None, entry=mid.entries.get(), kind="meetings.meeting", object_id=m.pk)
    summary = services.review_start(actor=None, plan=mid.plan, kind="summary", checked_on=dt.date(YEAR, 12, 20))
    assert list(EvidenceLink.objects.filter(entry__review=summary).values_list("kind", "object_id")) == [
        ("meetings.meeting", m.pk)]


def test_the_figure_is_computed_from_the_registry_as_of_the_check_date(cast):
    plan = draft(cast, items=0)
    item = services.item_add(actor=None, plan=plan, title="按时开会", area="democracy", figure_key="meetings.held",
                             target_value=2)
    held(cast, held_on=dt.date(YEAR, 3, 1))
    held(cast, held_on=dt.date(YEAR, 9, 1))
    assert queries.figure_value(cast.union, item, dt.date(YEAR, 7, 10)) == 1
    assert queries.figure_value(cast.union, item, dt.date(YEAR, 12, 31)) == 2
    assert queries.target_met(item, 2) is True and queries.target_met(item, 1) is False


def test_plan_summary_gives_each_item_its_target_figure_status_comment_and_records(cast):
    mid = review(cast)
    entry = mid.entries.get()
    m = held(cast)
    services.link_add(actor=None, entry=entry, kind="meetings.meeting", object_id=m.pk)
    services.entry_set(actor=None, entry=entry, status="on_track", comment="按计划推进")
    rows = queries.plan_summary(union=cast.union, year=YEAR)
    assert len(rows) == 1
    row = rows[0]
    assert row["title"] == "工作事项1" and row["owners"] == [cast.workers["committee"].name]
    assert row["figure_key"] == "care.visits" and row["target_value"] == 2 and row["value"] == 0
    assert row["status"] == "on_track" and row["comment"] == "按计划推进"
    assert row["records"][0]["url"] == f"/meetings/{m.pk}/" and row["records"][0]["date"] == m.held_on
    assert queries.plan_summary(union=cast.union, year=YEAR, as_of=dt.date(YEAR, 7, 1))[0]["status"] == "pending"
    assert queries.plan_summary(union=cast.other_union, year=YEAR) == []


def test_a_goal_is_linked_to_one_item_of_its_year(cast):
    plan = draft(cast, items=2)
    first, second = plan.items.order_by("number")
    goal = meeting_services.goal_set(actor=None, union=cast.union, worker=cast.workers["committee"], year=YEAR,
                                     text="目标")
    services.goal_link(actor=None, item=first, goal=goal)
    with pytest.raises(Conflict) as exc:
        services.goal_link(actor=None, item=second, goal=goal)
    assert _code(exc) == "goal_linked"
    old = meeting_services.goal_set(actor=None, union=cast.union, worker=cast.workers["committee"], year=YEAR - 1,
                                    text="旧目标")
    with pytest.raises(RuleViolation) as exc:
        services.goal_link(actor=None, item=second, goal=old)
    assert _code(exc) == "goal_invalid"


def test_warnings_for_a_missing_mid_year_check_and_items_past_deadline(cast):
    adopted(cast)
    codes = [w.code for w in queries.year_warnings(cast.union, today=dt.date(YEAR, 8, 5))]
    assert codes == ["plan_midyear_missing", "plan_items_overdue"]
    assert [w.code for w in queries.year_warnings(cast.union, today=dt.date(YEAR, 5, 5))] == []
    RuleSetting.objects.create(union=cast.union, key="plans.midyear_check_by_month", value=9,
                               effective_from=dt.date(YEAR, 1, 1), source="本会")
    assert [w.code for w in queries.year_warnings(cast.union, today=dt.date(YEAR, 8, 5))] == ["plan_items_overdue"]
    entry = review(cast, day=dt.date(YEAR, 8, 1)).entries.get()
    services.entry_set(actor=None, entry=entry, status="done")
    assert queries.year_warnings(cast.union, today=dt.date(YEAR, 8, 5)) == []


def test_every_write_is_audited(cast):
    mid = review(cast)
    services.entry_set(actor=None, entry=mid.entries.get(), status="done")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"plans.plan.created", "plans.item.added", "plans.plan.adopted", "plans.review.started",
            "plans.entry.set"} <= actions
    assert Review.objects.count() == 1


def _evaluation(cast):
    """A decided year-end round with a person's honour and a group's honour (优秀工会小组)."""
    from decimal import Decimal

    from unionhome.awards import services as award_services
    from unionhome.awards.tests.helpers import days_ago, kind, round_

    person, group = kind(cast), kind(cast, name="优秀工会小组", value=Decimal("400"), nominee="group")
    r = round_(cast, kinds=[person, group])
    chosen = [award_services.nomination_add(actor=None, round=r, kind=person, worker=cast.workers["member"]),
              award_services.group_nomination_add(actor=None, round=r, kind=group, group=cast.groups[0])]
    award_services.round_decide(actor=cast.users["chair"], round=r, chosen=[n.pk for n in chosen],
                                meeting_ref="委员会会议", meeting_on=days_ago(3))
    r.refresh_from_db()
    return r


def test_an_evaluation_round_and_a_group_honour_are_evidence_of_this_union_only(cast):
    from unionhome.awards.models import Award
    from unionhome.core.testing.matrix import mirror
    from unionhome.plans import linkable

    entry = review(cast).entries.get()
    ours = _evaluation(cast)
    theirs = _evaluation(mirror(cast))
    honour = Award.objects.get(round=ours, worker__isnull=True)
    person = Award.objects.get(round=ours, worker__isnull=False)
    their_honour = Award.objects.get(round=theirs, worker__isnull=True)
    for kind, pk in (("awards.round", theirs.pk), ("awards.group_honour", their_honour.pk),
                     ("awards.group_honour", person.pk)):  # another union's, or a person's honour: never cited
        with pytest.raises(RuleViolation) as exc:
            services.link_add(actor=None, entry=entry, kind=kind, object_id=pk)
        assert _code(exc) == "record_not_found"
    services.link_add(actor=None, entry=entry, kind="awards.round", object_id=ours.pk)
    services.link_add(actor=None, entry=entry, kind="awards.group_honour", object_id=honour.pk)
    assert set(EvidenceLink.objects.filter(entry=entry).values_list("kind", "object_id")) == {
        ("awards.round", ours.pk), ("awards.group_honour", honour.pk)}
    title = linkable.get("awards.group_honour").title(honour)
    assert cast.groups[0].name in title and cast.workers["member"].name not in title
    assert [r.pk for r in linkable.get("awards.round").search(cast.union, q=ours.title[:4])] == [ours.pk]

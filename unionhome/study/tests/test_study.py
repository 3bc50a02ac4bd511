import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.study import queries
from unionhome.study.models import Attendance, Reflection, StudySession
from unionhome.study.services import (
    plan_create,
    reflection_review,
    reflection_submit,
    series_create,
    session_create,
    session_move,
    session_record,
    topic_set,
)

pytestmark = pytest.mark.django_db
LAST_WEEK = timezone.localdate() - dt.timedelta(days=7)


def _session(cast, group=0, on=LAST_WEEK, topic="学习《工会法》"):
    return session_create(actor=None, group=cast.groups[group], held_on=on, topic=topic)


def test_a_leave_without_a_reason_is_refused(cast):
    s = _session(cast)
    w = cast.workers["member"]
    with pytest.raises(RuleViolation) as exc:
        session_record(actor=cast.users["group_leader"], session=s, marks={w.pk: ("leave", "  ")})
    assert exc.value.code == "leave_needs_reason"
    session_record(actor=cast.users["group_leader"], session=s, marks={w.pk: ("leave", "出差")})
    assert Attendance.objects.get(session=s, worker=w).reason == "出差"


def test_the_database_refuses_a_leave_without_reason(cast):
    s = _session(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(union=cast.union, session=s, worker=cast.workers["member"], mark="leave")


def test_a_group_leader_records_only_their_own_group(cast):
    other = _session(cast, group=1)
    with pytest.raises(RuleViolation) as exc:
        session_record(actor=cast.users["group_leader"], session=other, marks={})
    assert exc.value.code == "not_group_leader"
    with pytest.raises(RuleViolation):
        session_record(actor=cast.users["member"], session=_session(cast, on=LAST_WEEK - dt.timedelta(days=1)),
                       marks={})
    # the committee records for any group
    session_record(actor=cast.users["committee"], session=other, marks={})


def test_members_left_out_are_absent_and_outsiders_cannot_be_marked(cast):
    s = _session(cast)
    leader = cast.users["group_leader"]
    with pytest.raises(RuleViolation) as exc:
        session_record(actor=leader, session=s, marks={cast.workers["committee"].pk: "present"})
    assert exc.value.code == "not_in_group"
    session_record(actor=leader, session=s, marks={cast.workers["member"].pk: "present"}, discussion="大家谈了体会")
    marks = dict(Attendance.objects.filter(session=s).values_list("worker__name", "mark"))
    assert marks == {"张三": "present", "李四": "absent", "吴十": "absent", "冯二": "absent"}
    s.refresh_from_db()
    assert s.status == "recorded" and s.discussion == "大家谈了体会"
    assert AuditEntry.objects.filter(action="study.session.recorded", target_id=str(s.pk)).exists()


def test_a_future_session_cannot_be_recorded(cast):
    s = _session(cast, on=timezone.localdate() + dt.timedelta(days=3))
    with pytest.raises(RuleViolation) as exc:
        session_record(actor=None, session=s, marks={})
    assert exc.value.code == "session_in_future"


def test_a_series_skips_statutory_holidays_and_listed_days(cast):
    # Fridays from 18 Sep 2026: 25 Sep is 中秋, 2 Oct is in the National Day holiday; 16 Oct is skipped by hand
    made = series_create(actor=cast.users["group_leader"], group=cast.groups[0], first_on=dt.date(2026, 9, 18),
                         weeks=5, skip=[dt.date(2026, 10, 16)])
    assert [s.held_on for s in made] == [dt.date(2026, 9, 18), dt.date(2026, 10, 9)]
    again = series_create(actor=None, group=cast.groups[0], first_on=dt.date(2026, 9, 18), weeks=5)
    assert [s.held_on for s in again] == [dt.date(2026, 10, 16)]  # days already planned are not doubled


def test_a_series_takes_its_topics_from_the_plan_copied_from_the_union(cast):
    union_plan = plan_create(actor=cast.users["chair"], union=cast.union, year=2026)
    topic_set(actor=cast.users["chair"], plan=union_plan, week=dt.date(2026, 9, 18).isocalendar().week,
              topic="学习《中华人民共和国工会法》")
    group_plan = plan_create(actor=cast.users["group_leader"], union=cast.union, year=2026, group=cast.groups[0],
                             copy_from=union_plan)
    assert [t.topic for t in group_plan.topics.all()] == ["学习《中华人民共和国工会法》"]
    made = series_create(actor=None, group=cast.groups[0], first_on=dt.date(2026, 9, 18), weeks=1)
    assert made[0].topic == "学习《中华人民共和国工会法》"
    with pytest.raises(RuleViolation):  # a group leader does not edit the union's plan
        topic_set(actor=cast.users["group_leader"], plan=union_plan, week=1, topic="x")
    with pytest.raises(RuleViolation) as exc:
        topic_set(actor=cast.users["chair"], plan=union_plan, week=2, topic="x", link="javascript:alert(1)")
    assert exc.value.code == "bad_link"


def test_a_moved_session_keeps_its_original_day(cast):
    s = _session(cast)
    _session(cast, on=LAST_WEEK + dt.timedelta(days=1))
    with pytest.raises(Conflict):
        session_move(actor=None, session=s, to=LAST_WEEK + dt.timedelta(days=1))
    moved = session_move(actor=cast.users["group_leader"], session=s, to=LAST_WEEK - dt.timedelta(days=1))
    assert moved.held_on == LAST_WEEK - dt.timedelta(days=1) and moved.moved_from == LAST_WEEK


def test_reflections_are_reviewed_accepted_or_sent_back_with_a_comment(cast):
    s = _session(cast)
    member, leader = cast.workers["member"], cast.users["group_leader"]
    with pytest.raises(RuleViolation) as exc:
        reflection_submit(actor=None, session=s, worker=member, text="  ")
    assert exc.value.code == "reflection_empty"
    with pytest.raises(RuleViolation) as exc:
        reflection_submit(actor=None, session=s, worker=cast.workers["committee"], text="别组")
    assert exc.value.code == "not_in_group"
    r = reflection_submit(actor=cast.users["member"], session=s, worker=member, text="学习了工会法")
    with pytest.raises(RuleViolation) as exc:
        reflection_review(actor=leader, reflection=r, accept=False)
    assert exc.value.code == "comment_required"
    with pytest.raises(RuleViolation):  # another group's leader — here a plain member — may not review
        reflection_review(actor=cast.users["member"], reflection=r, accept=True)
    r = reflection_review(actor=leader, reflection=r, accept=False, comment="请结合本职工作谈体会")
    assert r.status == "revise"
    r = reflection_submit(actor=cast.users["member"], session=s, worker=member, text="结合窗口服务谈体会")
    assert r.status == "submitted" and r.review_comment == ""
    r = reflection_review(actor=leader, reflection=r, accept=True)
    with pytest.raises(Conflict):
        reflection_submit(actor=cast.users["member"], session=s, worker=member, text="再改")
    assert Reflection.objects.get(pk=r.pk).status == "accepted"


def test_rates_per_member_group_and_union(cast):
    leader = cast.users["group_leader"]
    m, gl, ch, g1 = (cast.workers[k].pk for k in ("member", "group_leader", "chair", "group1_worker"))
    s1, s2 = _session(cast), _session(cast, on=LAST_WEEK - dt.timedelta(days=7))
    session_record(actor=leader, session=s1, marks={m: "present", gl: "present", ch: ("leave", "开会"), g1: "absent"})
    session_record(actor=leader, session=s2, marks={m: "present", gl: "present", ch: "present", g1: "present"})
    r = reflection_submit(actor=None, session=s1, worker=cast.workers["member"], text="体会")
    reflection_review(actor=leader, reflection=r, accept=True)
    year = LAST_WEEK.year if (LAST_WEEK - dt.timedelta(days=7)).year == LAST_WEEK.year else None
    if year is None:
        pytest.skip("the two sessions straddle the new year")
    member = queries.rates_of_member(cast.workers["member"], year)
    assert (member["present"], member["marked"], member["attendance_rate"], member["reflection_rate"]) == (2, 2, 100.0, 50.0)
    chair = queries.rates_of_member(cast.workers["chair"], year)
    assert (chair["leave"], chair["attendance_rate"], chair["reflection_rate"]) == (1, 50.0, 0.0)
    group = next(r for r in queries.rates_by_group(cast.union, year) if r["group"] == cast.groups[0])
    assert (group["sessions"], group["present"], group["marked"], group["attendance_rate"]) == (2, 6, 8, 75.0)
    assert group["reflection_rate"] == round(100 / 6, 1)
    union = queries.rates_of_union(cast.union, year)
    assert union["attendance_rate"] == 75.0
    by_member = {r["worker"].name: r["attendance_rate"] for r in queries.rates_by_member(cast.union, year, cast.groups[0])}
    assert by_member == {"张三": 100.0, "李四": 100.0, "吴十": 50.0, "冯二": 50.0}


def test_a_group_without_a_session_in_two_weeks_is_warned(cast, client_for):
    today = timezone.localdate()
    s = _session(cast, on=today - dt.timedelta(days=15))
    session_record(actor=None, session=s, marks={})
    quiet = {q.group for q in queries.groups_without_session(cast.union, days=14, today=today)}
    assert quiet == set(cast.groups)
    s2 = _session(cast, on=today - dt.timedelta(days=13))
    session_record(actor=None, session=s2, marks={})
    quiet = {q.group for q in queries.groups_without_session(cast.union, days=14, today=today)}
    assert quiet == {cast.groups[1]}
    page = client_for(cast.users["chair"]).get("/").content.decode()
    assert "第2小组 今年还没有记录小组学习" in page
    assert "第1小组" not in page.split("今年还没有记录小组学习")[0][-40:]


def test_planned_sessions_are_not_counted_as_recorded(cast):
    _session(cast)
    assert StudySession.objects.filter(status="planned").count() == 1
    assert queries.rates_of_union(cast.union, LAST_WEEK.year)["marked"] == 0


def test_the_member_is_told_in_the_inbox_when_the_leader_reviews_their_reflection(cast):
    from unionhome.notifications.models import Notification

    s = _session(cast)
    member, leader = cast.workers["member"], cast.users["group_leader"]
    mine = Notification.objects.filter(recipient=cast.users["member"], event="study.reflection_reviewed")
    r = reflection_submit(actor=cast.users["member"], session=s, worker=member, text="学习了工会法")
    assert not mine.exists()  # submitting tells nobody
    reflection_review(actor=leader, reflection=r, accept=False, comment="请结合本职工作谈体会")
    note = mine.get()
    assert "需要修改" in note.title and "请结合本职工作谈体会" in note.body and note.link == f"/study/sessions/{s.pk}/"
    r = reflection_submit(actor=cast.users["member"], session=s, worker=member, text="结合窗口服务谈体会")
    reflection_review(actor=leader, reflection=r, accept=True)
    assert mine.count() == 2 and "已通过审阅" in mine.order_by("-pk").first().title
    assert not Notification.objects.filter(event="study.reflection_reviewed").exclude(recipient=cast.users["member"])


def test_the_leader_accepts_a_sessions_waiting_reflections_with_one_tap(cast):
    from unionhome.notifications.models import Notification
    from unionhome.study.services import reflections_accept_all

    s = _session(cast)
    leader = cast.users["group_leader"]
    mine = reflection_submit(actor=cast.users["member"], session=s, worker=cast.workers["member"], text="学习了工会法")
    other = reflection_submit(actor=None, session=s, worker=cast.workers["group_leader"], text="结合本职工作")
    reflection_review(actor=leader, reflection=other, accept=False, comment="请再具体些")
    with pytest.raises(RuleViolation):  # a plain member may not
        reflections_accept_all(actor=cast.users["member"], session=s)
    rows = reflections_accept_all(actor=leader, session=s)
    assert [r.pk for r in rows] == [mine.pk]
    assert Reflection.objects.get(pk=mine.pk).status == "accepted"
    assert Reflection.objects.get(pk=other.pk).status == "revise"  # sent back stays sent back
    assert AuditEntry.objects.filter(action="study.reflection.reviewed", target_id=str(mine.pk)).exists()
    assert Notification.objects.filter(recipient=cast.users["member"], event="study.reflection_reviewed",
                                       title__contains="已通过审阅").exists()
    with pytest.raises(Conflict):
        reflections_accept_all(actor=leader, session=s)

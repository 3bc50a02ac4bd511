import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from unionhome.activities.models import Activity, Signup
from unionhome.activities.queries import member_history, signup_accepted, stats_by_group, stats_year
from unionhome.activities.services import (
    activity_cancel,
    invitation_create,
    invitation_respond,
    quota_set,
    signup_add,
    signup_cancel,
    signup_check_in,
    signup_create,
)
from unionhome.activities.tests.helpers import make_activity
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.members.services import membership_retire

pytestmark = pytest.mark.django_db


def test_it_accepts_until_capacity_then_waitlists(cast):
    a = make_activity(cast, capacity=2)
    s1 = signup_create(actor=None, activity=a, worker=cast.workers["member"])
    s2 = signup_create(actor=None, activity=a, worker=cast.workers["committee"])
    s3 = signup_create(actor=None, activity=a, worker=cast.workers["finance"])
    assert [s1.status, s2.status, s3.status] == ["accepted", "accepted", "waitlisted"]
    a.refresh_from_db()
    assert a.accepted_count == 2
    assert list(signup_accepted(a)) == [s1, s2]


def test_it_rejects_when_full_without_waitlist(cast):
    a = make_activity(cast, capacity=1, waitlist=False)
    signup_create(actor=None, activity=a, worker=cast.workers["member"])
    with pytest.raises(Conflict) as exc:
        signup_create(actor=None, activity=a, worker=cast.workers["committee"])
    assert exc.value.code == "full" and exc.value.message == "名额已满" and exc.value.status == 409


def test_it_rejects_a_second_signup_of_the_same_member(cast):
    a = make_activity(cast, capacity=5)
    signup_create(actor=None, activity=a, worker=cast.workers["member"])
    with pytest.raises(Conflict) as exc:
        signup_create(actor=None, activity=a, worker=cast.workers["member"])
    assert exc.value.message == "已报名"
    a.refresh_from_db()
    assert a.accepted_count == 1


def test_the_database_refuses_two_live_signups_and_overfull_counters(cast):
    a = make_activity(cast, capacity=1)
    s = signup_create(actor=None, activity=a, worker=cast.workers["member"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Signup.objects.create(union=cast.union, activity=a, worker=s.worker, status="waitlisted")
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=a.pk).update(accepted_count=2)


def test_a_resubmit_with_the_same_key_returns_the_first_signup(cast):
    a = make_activity(cast, capacity=5)
    s1 = signup_create(actor=None, activity=a, worker=cast.workers["member"], idempotency_key="k-1")
    s2 = signup_create(actor=None, activity=a, worker=cast.workers["member"], idempotency_key="k-1")
    assert s1.pk == s2.pk
    assert Signup.objects.filter(activity=a).count() == 1


def test_it_rejects_a_key_reused_for_someone_else(cast):
    a = make_activity(cast, capacity=5)
    signup_create(actor=None, activity=a, worker=cast.workers["member"], idempotency_key="k-2")
    with pytest.raises(RuleViolation) as exc:
        signup_create(actor=None, activity=a, worker=cast.workers["committee"], idempotency_key="k-2")
    assert exc.value.code == "idempotency_key_reused"


def test_cancel_promotes_the_first_waitlisted(cast):
    a = make_activity(cast, capacity=1)
    first = signup_create(actor=None, activity=a, worker=cast.workers["member"])
    w1 = signup_create(actor=None, activity=a, worker=cast.workers["committee"])
    w2 = signup_create(actor=None, activity=a, worker=cast.workers["finance"])
    signup_cancel(actor=None, signup=first)
    w1.refresh_from_db(), w2.refresh_from_db(), a.refresh_from_db()
    assert (w1.status, w2.status, a.accepted_count) == ("accepted", "waitlisted", 1)
    assert AuditEntry.objects.filter(action="activities.signup.promoted", target_id=str(w1.pk)).exists()


def test_a_cancelled_member_may_sign_up_again(cast):
    a = make_activity(cast, capacity=3)
    s = signup_create(actor=None, activity=a, worker=cast.workers["member"])
    signup_cancel(actor=None, signup=s)
    again = signup_create(actor=None, activity=a, worker=cast.workers["member"])
    assert again.status == "accepted" and again.pk != s.pk


def test_it_rejects_signups_outside_the_window(cast):
    now = timezone.now()
    early = make_activity(cast, signup_opens_at=now + dt.timedelta(days=1))
    late = make_activity(cast, signup_closes_at=now - dt.timedelta(hours=1), signup_opens_at=now - dt.timedelta(days=2))
    with pytest.raises(RuleViolation, match="报名尚未开始"):
        signup_create(actor=None, activity=early, worker=cast.workers["member"])
    with pytest.raises(RuleViolation, match="报名已截止"):
        signup_create(actor=None, activity=late, worker=cast.workers["member"])
    # an officer may still add someone after the window
    assert signup_add(actor=cast.users["chair"], activity=late, worker=cast.workers["member"]).source == "officer"


def test_it_rejects_men_from_a_women_only_activity(cast):
    a = make_activity(cast, eligibility="women", title="三八妇女节趣味运动会")
    with pytest.raises(RuleViolation, match="仅限女会员"):
        signup_create(actor=None, activity=a, worker=cast.workers["member"])  # 张三, M
    assert signup_create(actor=None, activity=a, worker=cast.workers["chair"]).status == "accepted"  # 吴十, F


def test_it_rejects_workers_in_post_from_a_retirees_activity(cast):
    a = make_activity(cast, eligibility="retirees", title="退休职工重阳登山")
    with pytest.raises(RuleViolation, match="仅限退休"):
        signup_create(actor=None, activity=a, worker=cast.workers["member"])
    membership_retire(actor=None, worker=cast.workers["member"], on=timezone.localdate())
    cast.workers["member"].refresh_from_db()
    assert signup_create(actor=None, activity=a, worker=cast.workers["member"]).status == "accepted"


def test_it_rejects_non_members_and_other_unions(cast):
    a = make_activity(cast)
    with pytest.raises(RuleViolation):
        signup_create(actor=None, activity=a, worker=cast.workers["other_worker"])


def test_representatives_are_invited_not_self_signed(cast):
    a = make_activity(cast, kind="joint", partner="示范县教育系统工会", eligibility="representatives", capacity=40,
                      title="庆七一联合活动")
    with pytest.raises(RuleViolation, match="邀请"):
        signup_create(actor=None, activity=a, worker=cast.workers["member"])
    inv = invitation_create(actor=cast.users["chair"], activity=a, worker=cast.workers["member"])
    invitation_respond(actor=cast.users["member"], invitation=inv, accept=True)
    assert Signup.objects.get(activity=a, worker=cast.workers["member"]).source == "invitation"
    declined = invitation_create(actor=cast.users["chair"], activity=a, worker=cast.workers["finance"])
    invitation_respond(actor=cast.users["finance"], invitation=declined, accept=False)
    assert not Signup.objects.filter(activity=a, worker=cast.workers["finance"]).exists()
    with pytest.raises(Conflict):
        invitation_respond(actor=cast.users["finance"], invitation=declined, accept=True)


def test_group_quotas_limit_each_group(cast):
    g1, g2 = cast.groups
    a = make_activity(cast, eligibility="group_quota", capacity=10, title="集体出游", kind="trip", quotas={g1: 1})
    # group_leader and member are in group 1; committee in group 2 which has no quota
    assert signup_create(actor=None, activity=a, worker=cast.workers["member"]).status == "accepted"
    assert signup_create(actor=None, activity=a, worker=cast.workers["group_leader"]).status == "waitlisted"
    with pytest.raises(RuleViolation, match="没有本活动名额"):
        signup_create(actor=None, activity=a, worker=cast.workers["committee"])
    quota_set(actor=None, activity=a, group=g2, places=1)
    assert signup_create(actor=None, activity=a, worker=cast.workers["committee"]).status == "accepted"
    first = Signup.objects.get(activity=a, worker=cast.workers["member"])
    signup_cancel(actor=None, signup=first)
    assert Signup.objects.get(activity=a, worker=cast.workers["group_leader"]).status == "accepted"


def _today(cast, **kw):
    now = timezone.now()
    return make_activity(cast, starts_at=now - dt.timedelta(minutes=5), ends_at=now + dt.timedelta(hours=1), **kw)


def test_check_in_by_code_and_from_the_list(cast):
    a = _today(cast, capacity=3)
    s1 = signup_create(actor=None, activity=a, worker=cast.workers["member"])
    s2 = signup_create(actor=None, activity=a, worker=cast.workers["finance"])
    signup_check_in(actor=cast.users["committee"], activity=a, code=s1.checkin_code.lower())
    signup_check_in(actor=cast.users["committee"], activity=a, signup=s2)
    with pytest.raises(Conflict, match="已于"):
        signup_check_in(actor=cast.users["committee"], activity=a, code=s1.checkin_code)
    with pytest.raises(RuleViolation):
        signup_check_in(actor=cast.users["committee"], activity=a, code="NOPE1234")
    with pytest.raises(Conflict, match="已签到"):
        signup_cancel(actor=None, signup=s1)


def test_it_refuses_signups_to_a_cancelled_activity(cast):
    a = make_activity(cast)
    activity_cancel(actor=cast.users["chair"], activity=a)
    with pytest.raises(Conflict, match="活动已取消"):
        signup_create(actor=None, activity=a, worker=cast.workers["member"])


def test_it_rejects_a_joint_event_without_partner(cast):
    with pytest.raises(RuleViolation, match="合作工会"):
        make_activity(cast, kind="joint", partner="")


def test_figures_and_history(cast):
    a = _today(cast, capacity=5)
    s = signup_create(actor=None, activity=a, worker=cast.workers["member"])
    signup_create(actor=None, activity=a, worker=cast.workers["committee"])
    signup_check_in(actor=None, activity=a, signup=s)
    year = a.starts_at.year
    assert stats_year(cast.union, year)["signups"] == 2 and stats_year(cast.union, year)["checked_in"] == 1
    groups = {r["group"]: r["signups"] for r in stats_by_group(cast.union, year)}
    assert groups == {"第1小组": 1, "第2小组": 1}
    assert [x.activity for x in member_history(cast.union, cast.workers["member"].pk)] == [a]


def test_every_signup_write_is_audited(cast):
    a = make_activity(cast, capacity=1)
    s = signup_create(actor=cast.users["member"], activity=a, worker=cast.workers["member"])
    signup_cancel(actor=cast.users["member"], signup=s)
    actions = set(AuditEntry.objects.filter(union=cast.union, action__startswith="activities.").values_list("action", flat=True))
    assert {"activities.activity.created", "activities.signup.created", "activities.signup.cancelled"} <= actions


def test_check_in_happens_only_on_the_sessions_day_and_never_in_the_future(cast):
    a = make_activity(cast, capacity=3)  # in a week
    s = signup_create(actor=None, activity=a, worker=cast.workers["member"])
    with pytest.raises(RuleViolation, match="只能在活动当天签到") as exc:
        signup_check_in(actor=cast.users["group_leader"], activity=a, code=s.checkin_code)
    assert exc.value.code == "checkin_not_on_day"
    with pytest.raises(RuleViolation, match="不能晚于现在"):  # the session's own day, but not yet come
        signup_check_in(actor=None, activity=a, signup=s, at=a.starts_at)
    yesterday = _today(cast, title="昨天的活动")
    # yesterday 10:00–11:00 local: "an hour from now, a day ago" would end today after 23:00 (Shanghai)
    ten = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
    yesterday.starts_at, yesterday.ends_at = ten, ten + dt.timedelta(hours=1)
    yesterday.save()
    s2 = signup_add(actor=None, activity=yesterday, worker=cast.workers["member"])
    with pytest.raises(RuleViolation, match="只能在活动当天签到"):  # a day late
        signup_check_in(actor=None, activity=yesterday, signup=s2)
    # attendance recorded afterwards at its real time, on the session's day
    done = signup_check_in(actor=None, activity=yesterday, signup=s2, at=yesterday.starts_at + dt.timedelta(minutes=3))
    assert done.checked_in_at == yesterday.starts_at + dt.timedelta(minutes=3)
    s.refresh_from_db()
    assert s.checked_in_at is None


@pytest.mark.parametrize("waitlist", [True, False])
def test_a_sign_up_that_loses_the_last_place_leaves_no_message_no_audit_row_and_no_count(cast, waitlist):
    """The place is counted last (the hot row locked only for the UPDATE and the COMMIT): when that UPDATE finds
    the activity full, the sign-up, its audit row and its 报名成功 message written before it are rolled back."""
    from unionhome.notifications.models import Notification

    a = make_activity(cast, capacity=1, waitlist=waitlist)
    stale = Activity.objects.get(pk=a.pk)  # read while a place was left, as a request of the burst did
    signup_create(actor=None, activity=a, worker=cast.workers["committee"])  # takes the last place meanwhile
    audited = AuditEntry.objects.filter(action="activities.signup.created").count()
    member = cast.users["member"]
    if waitlist:
        s = signup_create(actor=member, activity=stale, worker=cast.workers["member"])
        assert s.status == "waitlisted"
        assert list(member.notifications.values_list("event", flat=True)) == ["activities.signup_waitlisted"]
        entry = AuditEntry.objects.filter(action="activities.signup.created").latest("id")
        assert entry.after["status"] == "waitlisted"
        assert AuditEntry.objects.filter(action="activities.signup.created").count() == audited + 1
    else:
        with pytest.raises(Conflict, match="名额已满"):
            signup_create(actor=member, activity=stale, worker=cast.workers["member"])
        assert not Notification.objects.filter(recipient=member).exists()
        assert AuditEntry.objects.filter(action="activities.signup.created").count() == audited
        assert not Signup.objects.filter(activity=a, worker=cast.workers["member"]).exists()
    a.refresh_from_db()
    assert a.accepted_count == 1

"""The messages the other apps send, each through its service's one-line hook."""
import pytest
from django.utils import timezone

from unionhome.notifications.models import Notification
from unionhome.notifications.registry import kinds

pytestmark = pytest.mark.django_db


def inbox(user, event=None):
    qs = Notification.objects.filter(recipient=user)
    return list((qs.filter(event=event) if event else qs).values_list("title", flat=True))


def test_each_sending_app_declares_its_event_kinds():
    assert {"care.health_invited", "care.health_scheduled", "activities.signup_confirmed",
            "activities.signup_waitlisted", "activities.signup_promoted", "activities.signup_cancelled",
            "elections.opened", "elections.closed", "funds.payout_awaiting_approval"} <= set(kinds())


def test_health_check_invitation_and_slot_reach_the_women_invited(cast):
    from unionhome.care.models import HealthCheckInvite
    from unionhome.care.services import health as svc
    from unionhome.care.tests.test_health import JUNE, campaign_with_slots

    campaign = campaign_with_slots(cast)
    svc.health_invite_eligible(actor=None, campaign=campaign, on=JUNE)
    chair = cast.users["chair"]  # 吴十, a woman with a login
    assert inbox(chair, "care.health_invited") == ["妇检邀请：2026年女职工健康检查"]
    assert inbox(cast.users["member"]) == []  # 张三 is not invited
    invite = HealthCheckInvite.objects.get(campaign=campaign, worker=cast.workers["chair"])
    slot = campaign.slots.order_by("starts_at").last()
    svc.health_invite_schedule(actor=None, invite=invite, slot=slot, today=JUNE)
    assert inbox(chair, "care.health_scheduled") == [f"妇检时段：{slot}"]
    svc.health_schedule_all(actor=None, campaign=campaign, today=JUNE)
    finance = cast.users["finance"]
    finance_slot = HealthCheckInvite.objects.get(campaign=campaign, worker=cast.workers["finance"]).slot
    assert inbox(finance, "care.health_scheduled") == [f"妇检时段：{finance_slot}"]
    assert len(inbox(chair, "care.health_scheduled")) == 1  # already booked: not told again


def test_sign_up_waitlist_promotion_and_cancellation_are_told_to_the_member(cast):
    from unionhome.activities.services import signup_cancel, signup_create
    from unionhome.activities.tests.helpers import make_activity

    a = make_activity(cast, capacity=1)
    first = signup_create(actor=cast.users["member"], activity=a, worker=cast.workers["member"])
    signup_create(actor=cast.users["chair"], activity=a, worker=cast.workers["chair"])
    assert inbox(cast.users["member"]) == ["报名成功：乒乓球赛"]
    assert inbox(cast.users["chair"]) == ["已候补：乒乓球赛"]
    signup_cancel(actor=cast.users["member"], signup=first)
    assert inbox(cast.users["member"], "activities.signup_cancelled") == ["报名已取消：乒乓球赛"]
    assert inbox(cast.users["chair"], "activities.signup_promoted") == ["候补转正：乒乓球赛"]
    promoted = Notification.objects.get(event="activities.signup_promoted")
    assert promoted.link == f"/activities/{a.pk}/"
    assert f"{timezone.localtime(a.starts_at):%Y-%m-%d %H:%M}" in promoted.body  # Beijing time, not UTC


def test_an_election_opening_and_closing_reach_every_eligible_voter_with_a_login(cast):
    from unionhome.elections.services import election_close
    from unionhome.elections.tests import setup

    election = setup.open_online(setup.general(cast, mode="online"))
    voters = {u for r, u in cast.users.items() if r not in ("federation", "outsider")}
    opened = Notification.objects.filter(event="elections.opened")
    assert {n.recipient for n in opened} == voters  # the federation's viewer and the other union's chair: no vote
    assert opened.first().link == f"/elections/{election.pk}/vote/"
    election_close(actor=None, election=election)
    assert {n.recipient for n in Notification.objects.filter(event="elections.closed")} == voters


def test_the_chair_hears_of_a_payout_awaiting_approval(cast):
    from unionhome.funds.events import tell_chair_awaiting

    tell_chair_awaiting(union=cast.union, what="张三生日慰问300元超出限额", link="/funds/")
    assert inbox(cast.users["chair"]) == ["待审批：张三生日慰问300元超出限额"]
    assert Notification.objects.count() == 1

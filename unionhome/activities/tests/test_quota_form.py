"""Item 19: an activity by group quota is set up on the activity form, and members of those groups can join."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhome.activities.models import Activity, GroupQuota
from unionhome.activities.services import signup_create
from unionhome.activities.tests.helpers import make_activity
from unionhome.core.errors import RuleViolation

pytestmark = pytest.mark.django_db


def _form(cast, **extra):
    start = timezone.localtime() + dt.timedelta(days=10)
    data = {"kind": "trip", "title": "小组出游", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + dt.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M"), "eligibility": "group_quota",
            "waitlist": "on"}
    data.update(extra)
    return data


def test_the_activity_form_sets_each_groups_places_and_their_members_can_join(cast, client_for):
    g1, g2 = cast.groups
    client = client_for(cast.users["chair"])
    page = client.get(reverse("activities:new")).content.decode()
    assert f'name="quota_{g1.pk}"' in page and f'name="quota_{g2.pk}"' in page
    response = client.post(reverse("activities:new"), _form(cast, **{f"quota_{g1.pk}": "2"}))
    assert response.status_code == 302
    activity = Activity.objects.get(title="小组出游")
    assert GroupQuota.objects.get(activity=activity, group=g1).places == 2
    assert signup_create(actor=None, activity=activity, worker=cast.workers["member"]).status == "accepted"
    with pytest.raises(RuleViolation, match="没有本活动名额"):
        signup_create(actor=None, activity=activity, worker=cast.workers["committee"])  # group 2

    # the edit form shows the places and gives group 2 its own
    edit = client.get(reverse("activities:edit", args=[activity.pk])).content.decode()
    assert f'name="quota_{g1.pk}" value="2"' in edit
    data = _form(cast, **{f"quota_{g1.pk}": "2", f"quota_{g2.pk}": "1"})
    assert client.post(reverse("activities:edit", args=[activity.pk]), data).status_code == 302
    assert signup_create(actor=None, activity=activity, worker=cast.workers["committee"]).status == "accepted"


def test_an_activity_by_group_quota_without_any_places_is_refused(cast, client_for):
    client = client_for(cast.users["chair"])
    response = client.post(reverse("activities:new"), _form(cast))
    assert response.status_code == 200
    assert "须至少为一个小组填写名额" in response.content.decode()
    assert not Activity.objects.filter(title="小组出游").exists()
    with pytest.raises(RuleViolation, match="须至少为一个小组填写名额"):
        make_activity(cast, eligibility="group_quota")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_gives_a_group_its_places_on_a_phone_and_a_member_joins(cast, login_as):
    g1 = cast.groups[0]
    page = login_as("t_chair")
    page.goto("/activities/new/")
    start = timezone.localtime() + dt.timedelta(days=10)
    page.select_option("#id_kind", "trip")
    page.fill("#id_title", "第1小组参观")
    page.fill("#id_starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ends_at", (start + dt.timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"))
    page.select_option("#id_eligibility", "group_quota")
    page.fill(f"#id_quota_{g1.pk}", "3")
    page.click("button:has-text('保存')")
    assert "活动已发布" in page.content()
    assert "第1小组 0/3" in page.content()
    page.context.clear_cookies()
    member = login_as("t_member")
    member.goto("/activities/")
    member.click("text=第1小组参观")
    member.click("#signup-btn")
    assert "报名成功" in member.content()
    assert member.foreign == []

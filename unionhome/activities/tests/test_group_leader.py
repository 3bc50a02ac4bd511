"""Item 43: the group leader sees the sign-ups of their own group's members (as the README says), and a
weekly activity shows the first date of its series with the year."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhome.activities.services import signup_create
from unionhome.activities.tests.helpers import make_activity

pytestmark = pytest.mark.django_db


def _signed_up(cast):
    a = make_activity(cast, title="秋季登山")
    for role in ("member", "committee"):  # member: group 1 (the leader's); committee: group 2
        signup_create(actor=None, activity=a, worker=cast.workers[role])
    return a


def test_the_group_leader_sees_the_signups_of_their_own_groups_members_only(cast, client_for):
    a = _signed_up(cast)
    client = client_for(cast.users["group_leader"])
    body = client.get(reverse("activities:group_signups", args=[a.pk])).content.decode()
    assert cast.workers["member"].name in body and cast.workers["committee"].name not in body
    api = client.get(reverse("api:activities_signups", kwargs={"activity_id": a.pk}))
    assert api.status_code == 200
    assert [r["worker_id"] for r in api.json()] == [cast.workers["member"].pk]
    # officers still see everyone; a plain member sees no list
    assert len(client_for(cast.users["chair"]).get(
        reverse("api:activities_signups", kwargs={"activity_id": a.pk})).json()) == 2
    assert client_for(cast.users["member"]).get(reverse("activities:group_signups", args=[a.pk])).status_code == 403


def test_a_year_long_recurring_activity_shows_its_first_date_with_the_year(cast, client_for):
    start = timezone.localtime() - dt.timedelta(days=400)
    make_activity(cast, kind="recurring", title="周五下午活动室开放", recurrence="每周五下午", starts_at=start,
                  ends_at=timezone.localtime() + dt.timedelta(days=30))
    body = client_for(cast.users["member"]).get(reverse("activities:list")).content.decode()
    assert f"自 {start.year}年{start.month}月{start.day}日 起" in body


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_group_leader_opens_their_groups_signups_on_a_phone(cast, login_as):
    a = _signed_up(cast)
    page = login_as("t_group_leader")
    page.goto(f"/activities/{a.pk}/")
    page.click("#group-signups")
    rows = page.locator("#group-rows").inner_text()
    assert cast.workers["member"].name in rows and cast.workers["committee"].name not in rows
    assert page.foreign == []

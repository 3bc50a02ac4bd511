"""In Chromium on a phone (390 px): a group leader puts their group forward for 优秀工会小组, the committee decides
by choosing its meeting's decision, and the round links that meeting; the group leader accepts a session's
reflections with one tap. Nothing is wider than the phone."""
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from unionhome.awards.tests.helpers import days_ago

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDE = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


def test_a_group_is_put_forward_and_decided_at_the_recorded_committee_meeting(cast, login_as):
    from unionhome.awards.models import Award
    from unionhome.awards.services import kind_create, round_create
    from unionhome.meetings.tests import factories

    kind = kind_create(actor=None, union=cast.union, name="优秀工会小组", nominee="group", reward_value="400")
    round = round_create(actor=None, union=cast.union, year=timezone.localdate().year, kinds=[kind])
    meeting = factories.held(cast, kind="committee", held_on=days_ago(3), title="第11次工会委员会会议")
    factories.adopted(cast, meeting, due_on=timezone.localdate())
    url = f"/awards/{round.pk}/"

    page = login_as("t_group_leader")
    page.goto(url)
    assert not page.evaluate(WIDE)
    page.fill("#group-nominate-form textarea", "全年学习出勤率最高")
    page.click("#group-nominate-form button[type=submit]")
    assert "已推荐工会小组" in page.content()
    expect(page.locator("#nominations tbody tr", has_text=cast.groups[0].name)).to_have_count(1)

    page.context.clear_cookies()
    page = login_as("t_committee")
    page.goto(url)
    page.locator("#decide-form label", has_text=cast.groups[0].name).click()
    page.select_option("#id_decision", index=1)
    page.click("#decide-form button[type=submit]")
    assert "已记录委员会评定结果" in page.content()
    assert page.locator("#decision-link").get_attribute("href") == f"/meetings/{meeting.pk}/"
    assert not page.evaluate(WIDE)
    assert Award.objects.get(round=round).worker_id is None


def test_the_group_leader_accepts_the_waiting_reflections_with_one_tap(cast, login_as):
    from unionhome.study.models import Reflection
    from unionhome.study.services import reflection_submit, session_create

    session = session_create(actor=None, group=cast.groups[0], held_on=days_ago(7), topic="学习《工会法》")
    reflection_submit(actor=None, session=session, worker=cast.workers["member"], text="学习了工会法")
    page = login_as("t_group_leader")
    page.goto(f"/study/sessions/{session.pk}/")
    assert not page.evaluate(WIDE)
    page.click("#accept-all button")
    assert "已通过1篇心得体会" in page.content()
    assert Reflection.objects.get(session=session).status == "accepted"

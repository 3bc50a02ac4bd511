import pytest

from unionhome.activities.models import Signup
from unionhome.activities.services import signup_create
from unionhome.activities.services_room import asset_create
from unionhome.activities.tests.helpers import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_signs_up_and_cancels_on_a_phone_and_the_first_waitlisted_moves_up(cast, login_as):
    activity = make_activity(cast, title="迎新年趣味运动会", capacity=2)
    signup_create(actor=None, activity=activity, worker=cast.workers["committee"])
    page = login_as("t_member")
    page.goto("/activities/")
    page.click("text=迎新年趣味运动会")  # tap 1
    page.click("#signup-btn")  # tap 2
    assert "报名成功" in page.content()
    assert page.locator("#my-status").inner_text().startswith("已报名")
    assert page.locator("img[alt=签到二维码]").is_visible()
    # The live server shares the test's SQLite connection: let the page's own requests (the QR image, the inbox
    # count) finish before this thread writes.
    page.wait_for_load_state("networkidle")
    # the activity is now full: the next person lands on the waitlist
    waiting = signup_create(actor=None, activity=activity, worker=cast.workers["finance"])
    assert waiting.status == "waitlisted"
    page.click("#cancel-btn")
    assert "已取消报名" in page.content()
    page.wait_for_load_state("networkidle")
    waiting.refresh_from_db()
    assert waiting.status == "accepted"
    assert Signup.objects.get(activity=activity, worker=cast.workers["member"], status="cancelled")
    assert page.foreign == []


def test_a_book_is_lent_and_returned(cast, login_as):
    asset_create(actor=None, union=cast.union, name="《平凡的世界》", code="BK-01", category="book")
    page = login_as("t_committee")
    page.goto("/activities/room/")
    page.select_option("#loan-form select[name=asset]", label="《平凡的世界》（BK-01）")
    page.pick_person("worker", "张三", within="#loan-form")
    page.click("#loan-form button[type=submit]")
    assert "已借给 张三" in page.content()
    assert "张三" in page.locator("#open-loans").inner_text()
    page.click("#open-loans button:has-text('归还')")
    assert "已归还" in page.content()
    assert "无" in page.locator("#open-loans").inner_text()
    assert page.foreign == []

"""A new union on a phone (390 px): the chair adds the activity room from the empty room page, then it is booked."""
import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from unionhome.activities.models import Booking, Room

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_creates_the_first_room_and_it_is_booked(cast, login_as):
    page = login_as("t_chair")
    page.goto("/activities/room/")
    assert page.locator("#rooms-empty").is_visible()
    assert page.locator("#room-new").is_visible()  # no room yet: the form is open for the chair
    page.fill("#room-new input[name=name]", "职工活动室")
    page.fill("#room-new input[name=location]", "机关办公楼三楼")
    page.fill("#room-new input[name=capacity]", "40")
    page.fill("#room-new input[name=hours]", "每周五下午")
    page.click("#room-new button[type=submit]")
    # the stylesheet folds the form (.collapse); read the page only once it is loaded, styles and all
    page.wait_for_load_state("networkidle")
    assert "已新增 职工活动室" in page.content()
    assert "可容纳 40 人" in page.locator("#room-list").inner_text()
    expect(page.locator("#room-new")).to_be_hidden()  # folded away once there is a room
    assert Room.objects.get(union=cast.union).capacity == 40
    page.wait_for_load_state("networkidle")
    assert page.foreign == []

    # a member sees the room and its hours, and no button to add one
    page.context.clear_cookies()
    page = login_as("t_member")
    page.goto("/activities/room/")
    assert "职工活动室" in page.locator("#room-list").inner_text()
    assert page.locator("#room-add").count() == 0 and page.locator("#room-new").count() == 0

    # the committee member who runs the room books it for Friday's activity
    page.context.clear_cookies()
    page = login_as("t_committee")
    day = timezone.localdate() + dt.timedelta(days=3)
    page.goto(f"/activities/room/calendar/?start={day.isoformat()}")
    page.select_option("select[name=room]", label="职工活动室")
    page.fill("input[name=starts_at]", f"{day.isoformat()}T14:30")
    page.fill("input[name=ends_at]", f"{day.isoformat()}T17:00")
    page.fill("input[name=purpose]", "周五下午乒乓球")
    page.click("form[method=post] button[type=submit]:has-text('预约')")
    assert "预约成功" in page.content()
    assert "周五下午乒乓球" in page.locator("#week").inner_text()
    assert Booking.objects.get(room__union=cast.union).purpose == "周五下午乒乓球"
    assert page.foreign == []

import pytest

from unionhome.notifications.services import notify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_sees_the_unread_count_on_a_phone_opens_the_message_and_the_count_drops(cast, login_as):
    from unionhome.activities.services import signup_create
    from unionhome.activities.tests.helpers import make_activity

    activity = make_activity(cast)
    signup_create(actor=cast.users["member"], activity=activity, worker=cast.workers["member"])
    notify(recipients=[cast.users["member"]], event="activities.signup_waitlisted", union=cast.union,
           title="另一条消息", link="/")
    page = login_as("t_member")
    badge = page.locator("#nav-unread")
    assert badge.is_visible()  # in the top bar, without opening the phone menu
    assert badge.inner_text().startswith("2")
    page.click("#nav-inbox")
    page.wait_for_url("**/notifications/")
    item = page.locator("[data-notification]", has_text="报名成功：乒乓球赛")
    item.get_by_role("link", name="查看详情").click()
    page.wait_for_url(f"**/activities/{activity.pk}/")
    assert page.locator("#nav-unread").inner_text().startswith("1")
    page.click("#nav-inbox")
    page.get_by_role("button", name="全部标为已读").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#nav-unread").count() == 0
    assert page.foreign == []


def test_the_chair_sends_a_notice_on_a_phone_and_a_member_reads_it(cast, login_as):
    page = login_as("t_chair")
    page.goto("/notifications/broadcasts/")
    page.fill("#id_title", "元旦游园活动通知")
    page.fill("#id_body", "12月31日下午在机关大院举行")
    page.get_by_role("button", name="发送").click()
    page.wait_for_url("**/notifications/broadcasts/")
    assert page.locator("#broadcasts").get_by_text("元旦游园活动通知").is_visible()
    page.goto("about:blank")
    page.context.clear_cookies()
    member = login_as("t_member")
    member.click("#nav-inbox")
    item = member.locator("[data-notification]", has_text="元旦游园活动通知")
    item.get_by_role("link", name="查看详情").click()
    member.wait_for_url("**/notifications/broadcasts/*/")
    assert "12月31日下午在机关大院举行" in member.locator("#broadcast-body").inner_text()
    assert member.foreign == []

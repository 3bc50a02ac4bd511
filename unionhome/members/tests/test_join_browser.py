import datetime as dt

import pytest

from unionhome.core import idcard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_applicant_applies_on_a_phone_and_the_chair_admits_them(cast, browser_page, login_as):
    from unionhome.members.services_join import join_link_renew

    link = join_link_renew(actor=None, union=cast.union)
    page = browser_page
    page.goto(f"/members/apply/{link.token}/")
    page.fill("#id_name", "林小新")
    page.select_option("#id_gender", "F")
    page.fill("#id_birth_date", "1996-08-09")
    page.fill("#id_id_number", idcard.make("350102", dt.date(1996, 8, 9), 21, "F"))
    page.fill("#id_mobile", "13812345678")
    page.click("#main-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#join-done").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]

    page = login_as("t_chair")
    page.goto("/members/join/")
    assert page.locator("#join-qr").evaluate("img => img.naturalWidth") > 0  # the QR code really shows
    card = page.locator("[data-application]", has_text="林小新")
    card.locator(".approve-form button").click()
    page.wait_for_load_state("networkidle")
    page.goto("/members/join/?status=approved")
    assert "已批准，会员证号" in page.locator("[data-application]", has_text="林小新").inner_text()
    assert page.foreign == []

import pytest
from playwright.sync_api import expect

from unionhome.core import idcard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_on_a_phone_sees_only_their_own_record(cast, login_as):
    page = login_as("t_member")
    page.click("#my-record")
    assert page.locator("h1").inner_text().startswith("张三")
    assert page.locator("#membership-status").inner_text() == "在会"
    # the record fits the phone's width: nothing scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.goto("/members/")
    assert page.locator("#member-count").inner_text() == "1"
    expect(page.locator("#member-table tbody tr")).to_have_count(1)
    response = page.goto(f"/members/{cast.workers['group1_worker'].pk}/")
    assert response.status == 404
    assert page.foreign == []


def test_the_chair_adds_a_worker_transfers_them_out_and_sees_the_history(cast, login_as):
    import datetime as dt

    page = login_as("t_chair")
    page.goto("/members/")
    page.click("text=添加职工")
    number = idcard.make("622901", dt.date(1991, 7, 15), 77, "F")
    page.fill("#id_name", "林晓梅")
    page.select_option("#id_gender", "F")
    page.select_option("#id_ethnicity", "畲族")
    page.fill("#id_birth_date", "1991-07-15")
    page.fill("#id_id_number", number)
    page.fill("#id_mobile", "13900001234")
    page.select_option("#id_unit", label="财政局")
    page.select_option("#id_group", label="第2小组")
    page.fill("#id_join_on", "2019-09-01")
    page.fill("#id_card_number", "C-LXM-01")
    page.click("#main-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("林晓梅")
    assert page.locator("#reveal-id_number").inner_text() == number[:3] + "*" * 11 + number[-4:]
    page.click("text=转出")
    page.fill("#id_on", "2026-01-10")
    page.fill("#id_other_union", "示范市总工会机关工会")
    page.fill("#id_card_endorsement", "2026年1月10日转出，会员证已签注盖章")
    page.click("#main-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#membership-status").inner_text() == "转出"
    history = page.locator("#membership-history li")
    expect(history).to_have_count(2)
    assert "入会" in history.nth(0).inner_text()
    last = history.nth(1).inner_text()
    assert "转出" in last and "示范市总工会机关工会" in last and "会员证已签注盖章" in last
    assert page.foreign == []

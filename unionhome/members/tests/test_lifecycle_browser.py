import datetime as dt

import pytest

from unionhome.members.services import membership_leave

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_readmits_a_member_who_left_on_a_phone(cast, login_as):
    worker = cast.workers["group1_worker"]
    membership_leave(actor=None, worker=worker, on=dt.date(2026, 1, 10), note="本人申请")
    page = login_as("t_chair")
    page.goto(f"/members/{worker.pk}/")
    assert page.locator("#membership-status").inner_text() == "退会"
    page.click("#rejoin")
    page.fill("#id_on", "2026-01-05")  # before leaving: refused with the reason
    page.click("#main-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "不能早于" in page.content()
    page.fill("#id_on", "2026-02-01")
    page.click("#main-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#membership-status").inner_text() == "在会"
    assert "恢复会籍" in page.locator("#membership-history li").last.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.foreign == []

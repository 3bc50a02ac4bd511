"""A federation officer compares two unions below on a phone: chooses the figures and the unions, sorts, opens a
union's figure (value, parts and months, no names) and exports the table."""
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_federation_officer_compares_two_unions_on_a_phone(cast, login_as):
    page = login_as("t_federation")
    page.locator("#fed-compare-link").click()
    page.wait_for_url("**/federation/**")
    page.select_option("#fed-figures", ["members.staff", "members.rate", "members.by_gender"])
    page.select_option("#fed-unions", [str(cast.union.pk), str(cast.other_union.pk)])
    page.click("#fed-apply")
    page.wait_for_load_state("networkidle")
    rows = page.locator("#fed-compare tbody tr")
    expect(rows).to_have_count(2)
    assert page.locator("#fed-total th").inner_text() == "合计"
    assert page.locator("#fed-total td").first.inner_text() == "13"  # 11 + 2 staff
    page.locator("#fed-compare thead th[data-figure='members.staff'] a").click()
    page.wait_for_load_state("networkidle")
    page.locator("#fed-compare thead th[data-figure='members.staff'] a").click()  # again: largest first
    page.wait_for_load_state("networkidle")
    assert page.locator("#fed-compare tbody tr").first.get_attribute("data-union") == "T"
    assert page.locator("#fed_members_staff svg.chart rect").count() >= 2
    expect(page.locator("#fed_members_staff table.chart-table tbody tr")).to_have_count(2)
    # the table fits the phone: it scrolls inside its own box, the page does not
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    with page.expect_download() as download:
        page.click("#fed-export")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.locator("#fed-compare tbody tr[data-union='T'] td").nth(2).locator("a").click()
    page.wait_for_url("**/federation/unions/**")
    assert "会员（按性别）" in page.locator("h1").inner_text()
    expect(page.locator("#parts svg.chart")).to_have_count(1)
    body = page.content()
    for w in cast.workers.values():
        assert w.name not in body and w.mobile not in body
    assert page.foreign == []

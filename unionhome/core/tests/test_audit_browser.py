"""The chair reads the audit trail on a phone: Chinese action names, people's names, a before/after table,
and the action picked from a list."""
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_picks_an_action_from_the_list_and_reads_the_change(cast, login_as):
    from unionhome.org.services import unit_update

    unit_update(actor=cast.users["admin"], unit=cast.units[0], name="综合办公室")
    page = login_as("t_chair")
    page.goto("/audit/")
    page.select_option("#id_action", label="修改单位")
    page.click("#audit-filters button")
    page.wait_for_load_state("load")
    rows = page.locator("#audit-rows > tbody > tr")
    expect(rows).to_have_count(1)
    row = rows.first
    assert "修改单位" in row.inner_text() and "郑一" in row.inner_text()
    change = row.locator("table.audit-changes tbody tr").first
    assert [c.inner_text() for c in change.locator("th, td").all()] == ["单位名称", "办公室", "综合办公室"]
    assert not page.foreign

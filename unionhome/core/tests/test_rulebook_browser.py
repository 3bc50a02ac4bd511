import datetime as dt

import pytest

from unionhome.core.rules import rule_value

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_sets_a_rule_figure_and_sees_it_in_force(cast, login_as, browser_page):
    page = login_as("t_chair")
    page.goto("/rules/?q=会费")
    page.click("[data-rule='funds.dormant_months'] a")
    page.wait_for_url("**/rules/funds.dormant_months/")
    assert "全国默认" in page.locator("#in-force").inner_text()
    page.fill("#id_value", "8")
    page.fill("#id_effective_from", dt.date.today().isoformat())
    page.fill("#id_source", "2026年第5次主席办公会纪要")
    page.fill("#id_reason", "本会职工流动大，延长至8个月再列入审查")
    page.click("#rule-form button[type=submit]")
    page.wait_for_url("**/rules/funds.dormant_months/")
    in_force = page.locator("#in-force").inner_text()
    assert "8" in in_force and "本工会设置" in in_force and "主席办公会" in in_force
    assert "延长至8个月" in page.locator("#history").inner_text()
    assert rule_value("funds.dormant_months", union=cast.union) == 8
    assert page.foreign == []

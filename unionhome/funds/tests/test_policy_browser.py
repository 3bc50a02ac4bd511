import datetime as dt
from decimal import Decimal

import pytest

from unionhome.funds.services import policy_in_force

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_federation_officer_publishes_the_province_policy_with_a_cap_per_festival(cast, login_as, browser_page):
    today = dt.date.today()
    page = login_as("t_federation")
    page.goto("/funds/policies/")
    page.click("text=新建版本")
    page.wait_for_url("**/funds/policies/new/**")
    # the new version starts from the one in force (Fujian 2018): its figures are already ticked
    assert page.locator("#id_fest_spring_festival").is_checked()
    page.fill("#id_name", "福建省基层工会福利实施办法（2026修订）")
    page.fill("#id_source", "闽工〔2026〕8号")
    page.fill("#id_effective_from", today.isoformat())
    page.fill("#id_fcap_spring_festival", "500")
    page.fill("#id_fcap_mid_autumn", "200")
    page.click("#policy-form button[type=submit]")
    page.wait_for_url("**/funds/policies/?province=*")
    assert "草稿" in page.locator(".card").first.inner_text()
    page.locator("form[action$='/publish/'] button").first.click()
    page.wait_for_load_state("networkidle")
    assert "已发布" in page.content()
    card = page.locator(".card").first.inner_text()
    assert "施行中" in card and "春节" in card and "500.00" in card
    policy = policy_in_force(cast.union, today)
    assert policy.name == "福建省基层工会福利实施办法（2026修订）"
    assert {f.festival: f.cap for f in policy.festival_rows.all() if f.cap} == {
        "spring_festival": Decimal("500"), "mid_autumn": Decimal("200")}
    assert page.foreign == []

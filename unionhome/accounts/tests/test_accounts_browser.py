"""On a phone: a member issues and revokes their own API token; a sensitive role waits for a second officer."""
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_issues_their_own_token_sees_it_once_and_revokes_it(cast, login_as):
    from unionhome.accounts.models import ApiToken

    page = login_as("t_member")
    page.goto("/accounts/profile/")
    page.click("text=我的API令牌")
    page.fill("#id_name", "手机应用")
    page.click("#token-form button")
    page.wait_for_selector("#new-token")
    key = re.search(r"uh_[A-Za-z0-9_-]+", page.inner_text("#new-token")).group(0)
    token = ApiToken.objects.get(user=cast.users["member"])
    assert token.prefix == key[:8]
    page.goto("/accounts/tokens/")
    assert key not in page.content() and "从未使用" in page.inner_text("#tokens")
    page.click("#tokens button:has-text('吊销令牌')")
    page.wait_for_load_state("load")
    assert "令牌已吊销" in page.content()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert not page.foreign


def test_the_chair_asks_for_an_accountant_and_the_admin_confirms(cast, browser_page, login_as):
    from unionhome.accounts.models import RoleAssignment

    member = cast.users["member"]
    page = login_as("t_chair")
    page.goto(f"/accounts/manage/{member.pk}/")
    page.select_option("#grant-form select[name=role]", "finance")
    page.click("#grant-form button")
    page.wait_for_selector("#pending-grants")
    assert "须另一位工会主席或系统管理员确认" in page.content()
    assert page.locator("#pending-grants button:has-text('确认授予')").count() == 0  # not the one who asked
    assert not RoleAssignment.objects.filter(user=member, role="finance").exists()
    page.context.clear_cookies()
    page = login_as("t_admin")
    page.goto("/accounts/manage/")
    page.click("#pending-grants button:has-text('确认授予')")
    page.wait_for_load_state("load")
    assert "已确认，角色生效" in page.content()
    assert RoleAssignment.objects.filter(user=member, role="finance").exists()
    assert not page.foreign

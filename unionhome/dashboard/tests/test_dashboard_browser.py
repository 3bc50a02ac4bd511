import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chair_sees_membership_figures_on_a_phone_and_nothing_leaves_the_server(cast, login_as):
    page = login_as("t_chair")
    assert page.locator("#fig-active").inner_text() == "11"
    assert "入会率" in page.content()
    assert page.foreign == []


def test_federation_viewer_sees_only_aggregates(cast, login_as):
    page = login_as("t_federation")
    assert page.locator("#fed-rate").is_visible()
    assert "张三" not in page.content()
    page.goto("/members/")
    assert "403" in page.content()

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_sets_a_group_leader_and_the_dashboard_warning_disappears(cast, login_as):
    page = login_as("t_chair")
    warning = page.locator('[data-code="group_without_leader"]')
    assert warning.count() == 1 and "第2小组" in warning.inner_text()
    page.goto("/org/")
    page.locator(f'tr[data-group="{cast.groups[1].pk}"] a.set-leader').click()
    page.select_option("#id_leader", label="陈三")
    page.click("#main-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "陈三" in page.locator(f'tr[data-group="{cast.groups[1].pk}"]').inner_text()
    page.goto("/")
    assert page.locator('[data-code="group_without_leader"]').count() == 0
    assert page.foreign == []

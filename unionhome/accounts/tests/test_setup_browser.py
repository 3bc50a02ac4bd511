import pytest

from unionhome.core.creditcode import credit_code_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_empty_install_is_set_up_on_a_phone_and_its_chair_finds_the_checklist(browser_page, login_as):
    page = browser_page
    page.goto("/")
    assert page.url.endswith("/setup/")
    page.fill("#id_federation_name", "宁德市总工会")
    page.fill("#id_federation_code", "ND-FED")
    page.fill("#id_name", "宁德市某某公司工会")
    page.fill("#id_credit_code", credit_code_make("81350902MA0000001"))
    page.select_option("#id_province", "福建")
    page.fill("#id_founded_on", "2019-03-08")
    page.fill("#id_chair_name", "林主席")
    page.fill("#id_chair_username", "lin")
    page.fill("#id_password", "Chair-pass-2026")
    page.fill("#id_password2", "Chair-pass-2026")
    page.click("#main-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/accounts/login/" in page.url and "宁德市某某公司工会" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone

    login_as("lin", "Chair-pass-2026")
    checklist = page.locator("#setup-checklist")
    assert checklist.is_visible()
    assert checklist.locator('[data-step="units"][data-done="0"] a').get_attribute("href") == "/org/units/new/"
    checklist.locator('[data-step="units"] a').click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/org/units/new/")
    assert page.goto("/setup/").status == 404  # set up once
    assert page.foreign == []

"""On a phone: the accountant enrols an authenticator at their first login (QR code, or the key typed in),
keeps the recovery codes, logs out, and logs in again with the authenticator's code."""
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_from_key(key: str, steps_ahead: int = 0) -> str:
    """What the authenticator app shows for the key the page gave (as if typed into the app)."""
    key = key.replace(" ", "")
    totp = TOTP(b32decode(key + "=" * (-len(key) % 8)))
    totp.time = totp.time + 30 * steps_ahead
    return f"{totp.token():06d}"


def password_step(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Test-pass-2026")
    page.click("button[type=submit]")
    page.wait_for_load_state("load")


def test_the_accountant_enrols_on_a_phone_logs_out_and_logs_in_with_the_code(cast, browser_page):
    page = browser_page
    password_step(page, "t_finance")
    assert page.url.endswith("/accounts/login/enrol/")
    qr = page.locator("#totp-qr svg")
    assert qr.is_visible() and qr.bounding_box()["width"] <= 390
    page.goto("/accounts/profile/")  # nothing else opens before the second factor
    assert "/accounts/login/" in page.url and page.locator("#id_username").is_visible()

    password_step(page, "t_finance")
    page.click("#totp-qr + details summary")
    key = page.inner_text("#totp-key")
    page.fill("#id_code", code_from_key(key))
    page.click("#enrol-form button")
    page.wait_for_selector("#recovery-codes")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.click("#codes-saved")
    page.wait_for_load_state("load")
    assert "/accounts/" not in page.url  # on to the dashboard

    page.evaluate("document.querySelector('form[action=\"/accounts/logout/\"]').submit()")
    page.wait_for_url("**/accounts/login/")
    password_step(page, "t_finance")
    assert page.url.endswith("/accounts/login/verify/")
    page.fill("#id_code", code_from_key(key, steps_ahead=1))  # the next code: the last one was used
    page.click("#code-form button[type=submit]")
    page.wait_for_load_state("load")
    assert "/accounts/" not in page.url
    page.goto("/accounts/two-factor/")
    assert "已启用" in page.inner_text("#two-factor-state")
    assert not page.foreign

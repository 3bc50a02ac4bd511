import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_on_a_phone_reads_their_corner_and_corrects_their_mobile(cast, login_as):
    page = login_as("t_member")
    page.goto("/me/")
    assert page.locator("#mine-membership").is_visible()
    assert page.locator("#mine-votes").is_visible()
    page.click("text=更正手机号和住址")
    page.fill("#id_mobile", "13922223333")
    page.fill("#id_address", "城关镇西街2号")
    page.click("#main-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/me/")
    assert "联系方式已更新" in page.content()
    assert page.locator("#my-record").inner_text().count("139****3333") == 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]  # nothing wider than the phone
    assert page.foreign == []

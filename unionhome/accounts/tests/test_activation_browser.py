"""On a phone: a group leader issues logins for their group and downloads the slips; a member activates with the
printed code and lands on their home page (issue 9 §2, done-when)."""
import io
from urllib.parse import urlparse

import pytest
from docx import Document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW = "Neu-Passwort-77"


def test_a_group_leader_issues_slips_and_a_member_activates_on_a_phone(cast, login_as):
    page = login_as("t_group_leader")
    page.goto("/accounts/issue/")
    row = page.locator("#issue-groups tr[data-group='第1小组']")
    assert "1" in row.locator("td").nth(2).inner_text()  # one member without an account
    with page.expect_download() as download:
        row.locator("button:has-text('发放并下载通知单')").click()
    content = open(download.value.path(), "rb").read()
    assert download.value.suggested_filename.endswith(".docx")
    rows = [[c.text for c in r.cells] for t in Document(io.BytesIO(content)).tables for r in t.rows]
    name, card, _username, code, _expiry = next(r for r in rows if r[0] == "冯二")
    page.wait_for_load_state("networkidle")
    page.goto("/accounts/issue/")
    assert "1" in page.locator("#issue-groups tr[data-group='第1小组'] td").nth(3).inner_text()  # awaiting

    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.click("text=第一次使用？用激活码激活账号")
    page.fill("#id_login", card)
    page.fill("#id_code", code.lower())
    page.fill("#id_password", NEW)
    page.fill("#id_password2", NEW)
    page.click("#activate-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert urlparse(page.url).path == "/"  # the member's home page
    assert "账号已激活" in page.content() and name in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert not page.foreign

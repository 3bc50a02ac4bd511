import pytest

from unionhome.committees.tests.test_org_import import good_rows, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_imports_the_organisation_from_a_phone(cast, login_as, tmp_path):
    page = login_as("t_chair")
    page.goto("/org/")
    page.click("#org-import")
    page.wait_for_load_state("networkidle")
    bad = xlsx(tmp_path, [{"kind": "小组", "name": "X", "unit": "无"}], "bad.xlsx")
    page.set_input_files("#id_file", str(bad))
    page.click("#main-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "没有名为“无”的单位" in page.locator("#org-errors").inner_text()
    page.set_input_files("#id_file", str(xlsx(tmp_path, good_rows(cast))))
    page.click("#main-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/org/") and "人事科" in page.content() and "第三小组" in page.content()
    assert page.foreign == []

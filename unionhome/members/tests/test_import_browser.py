"""The chair's whole roster story in Chromium: import with errors, fix, import, find, reveal, export."""
import pytest
from playwright.sync_api import expect

from unionhome.core.models import AuditEntry
from unionhome.members.models import Worker
from unionhome.members.tests.io_files import person, write_roster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chair_imports_a_roster_with_errors_fixes_it_finds_reveals_and_exports(cast, login_as, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    newcomer = person(1, gender="F", 姓名="邝晓燕")
    wrong = write_roster(tmp_path / "花名册.xlsx", [newcomer, person(2, 性别="女"), person(3, 单位="外星局")])
    fixed = write_roster(tmp_path / "花名册-改.xlsx", [newcomer, person(2), person(3)])

    page = login_as("t_chair")
    page.goto("/members/")
    page.click("#import-link")
    page.set_input_files("#id_file", str(wrong))
    page.click("#upload-form button[type=submit]")
    errors = page.locator("#import-errors tbody tr")
    expect(errors).to_have_count(2)
    assert errors.nth(0).inner_text().split("\t") == ["3", "性别", "性别与身份证号不一致"]
    assert errors.nth(1).inner_text().split("\t") == ["4", "单位", "单位“外星局”不存在，请先在组织页面添加或改正名称"]
    assert page.locator("#confirm-import").count() == 0  # nothing can be imported as it stands

    page.set_input_files("#id_file", str(fixed))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#preview-valid")).to_have_text("3")
    page.click("#confirm-import")
    page.wait_for_url("**/members/")
    assert "已导入 3 人（其中会员 3 人）" in page.content()

    page.fill("#id_q", "kxy")
    expect(page.locator("#member-count")).to_have_text("1")  # htmx reloaded the rows
    page.htmx_settled()
    worker = Worker.objects.get(name="邝晓燕")
    page.click("#member-rows a:has-text('邝晓燕')")
    page.wait_for_url(f"**/members/{worker.pk}/")
    page.click("#reveal-id_number + button")
    page.wait_for_selector("#reveal-id_number.text-danger")
    assert page.locator("#reveal-id_number").inner_text() == worker.id_number
    assert AuditEntry.objects.filter(action="members.worker.revealed", target_id=str(worker.pk)).count() == 1

    page.goto("/members/?q=kxy")
    with page.expect_download() as info:
        page.click("#export-button")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    export = AuditEntry.objects.get(action="members.roster.exported")
    assert export.after["rows"] == 1 and export.after["filters"] == {"q": "kxy"} and export.after["unmasked"] is False
    assert page.foreign == []


def test_leaving_the_search_box_does_not_reload_the_rows_so_a_tapped_name_opens(cast, login_as):
    """A reload fired by the search box's ``change`` (on blur) used to push its URL over the tapped name's
    navigation and cancel it on a slow connection; typing and the selects reload, leaving the box does not."""
    page = login_as("t_chair")
    page.goto("/members/")
    reloads = []
    page.on("request", lambda r: reloads.append(r.url) if r.headers.get("hx-request") else None)
    page.fill("#id_q", "zs")
    expect(page.locator("#member-count")).to_have_text("1")
    page.htmx_settled()
    assert len(reloads) == 1
    page.locator("#id_q").dispatch_event("change")  # what the browser fires when the box loses focus
    page.wait_for_timeout(500)
    assert len(reloads) == 1
    page.select_option("select[name=gender]", "M")
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    page.htmx_settled()
    assert len(reloads) == 2
    page.click("#member-rows a:has-text('张三')")
    page.wait_for_url(f"**/members/{cast.workers['member'].pk}/")
    assert page.foreign == []

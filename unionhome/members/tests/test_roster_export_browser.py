"""On a phone: Enter in the roster search searches; exports come only from their own links, full values
only after a confirmation with a purpose."""
import pytest
from playwright.sync_api import expect

from unionhome.core.models import AuditEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_enter_in_the_search_box_searches_and_never_downloads(cast, login_as):
    page = login_as("t_chair")
    page.goto("/members/")
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.fill("#id_q", "张三")
    page.htmx_settled()
    with page.expect_navigation():  # a download (the old default button of the form) navigates nowhere
        page.press("#id_q", "Enter")
    expect(page.locator("#member-count")).to_have_text("1")
    assert downloads == [] and "/members/?q=" in page.url
    assert not AuditEntry.objects.filter(action="members.roster.exported").exists()

    with page.expect_download() as info:  # the export link carries the current search
        page.click("#export-button")
    assert info.value.suggested_filename.endswith(".xlsx")
    audit = AuditEntry.objects.get(action="members.roster.exported")
    assert audit.after["unmasked"] is False and audit.after["filters"] == {"q": "张三"}

    page.click("#export-full-link")
    expect(page.locator("#export-full-warning")).to_contain_text("1")
    page.click("#export-full-confirm")  # no purpose: refused by the browser's required check or the form
    assert AuditEntry.objects.filter(action="members.roster.exported").count() == 1
    page.fill("#id_reason", "报送上级工会")
    with page.expect_download():
        page.click("#export-full-confirm")
    full = AuditEntry.objects.filter(action="members.roster.exported").order_by("pk").last()
    assert full.after["unmasked"] is True and full.after["reason"] == "报送上级工会"
    assert full.after["filters"] == {"q": "张三"}
    assert page.foreign == []

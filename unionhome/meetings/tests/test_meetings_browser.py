"""In Chromium on a phone: the chair runs the special meeting on union work from agenda to minutes — creates it
(the committee is invited), puts an item on the agenda, takes attendance with a tap per person, records the
decision with its vote, owner and due date, finalises the minutes, downloads them and attaches the signed scan."""
import io

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_runs_a_special_meeting_from_agenda_to_minutes(cast, login_as, settings, tmp_path):
    from docx import Document

    from unionhome.meetings.models import Decision, Meeting
    from unionhome.meetings.tests.factories import union_term

    settings.MEDIA_ROOT = tmp_path
    union_term(cast)
    page = login_as("t_chair")
    page.goto("/meetings/")
    page.click("#new-meeting")
    page.select_option("#id_kind", "special")
    page.fill("#id_title", "2026年工会工作专题会议")
    page.fill("#id_held_on", "2026-03-20")
    page.fill("#id_place", "工会活动室")
    page.click("#main-form button[type=submit]")
    assert page.locator("h1").inner_text() == "2026年工会工作专题会议"
    expect(page.locator("li[data-status]")).to_have_count(3)  # the committee's current term

    page.fill("#item-form #id_title", "研究“五一”职工文体比赛方案")
    page.click("#item-form button[type=submit]")
    assert "研究“五一”职工文体比赛方案" in page.locator("#agenda ~ .card").first.inner_text()

    # attendance: one tap each — the first on leave, the others present
    page.locator("li[data-status='invited'] button[value=leave]").first.click()
    while page.locator("li[data-status='invited']").count():
        page.locator("li[data-status='invited'] button[value=present]").first.click()
    assert "实到2人" in page.locator("#quorum").inner_text()

    m = Meeting.objects.get(title="2026年工会工作专题会议")
    item = m.items.get()
    prefix = f"i{item.pk}"
    card = f"#item-{item.pk}"
    page.click(f"{card} details.decision summary")
    page.fill(f"textarea[name='{prefix}-text']", "“五一”四项比赛于4月底前举办")
    page.select_option(f"select[name='{prefix}-outcome']", "adopted")
    page.fill(f"input[name='{prefix}-votes_for']", "2")
    page.fill(f"input[name='{prefix}-votes_against']", "0")
    page.fill(f"input[name='{prefix}-votes_abstain']", "0")
    page.pick_person(f"{prefix}-owner", "王五", within=card)
    page.fill(f"input[name='{prefix}-due_on']", "2026-04-30")
    page.click(f"{card} details.decision button[type=submit]")
    assert "“五一”四项比赛于4月底前举办" in page.locator(card).inner_text()
    assert Decision.objects.get().owner == cast.workers["committee"]

    page.fill("#close-form textarea[name=summary]", "会议出席人数超过半数，决定经表决通过。")
    page.click("#close-form button[type=submit]")
    assert page.locator("#status").inner_text() == "纪要已定稿"
    with page.expect_download() as info:
        page.click("#minutes")
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    with open(download.path(), "rb") as f:
        doc = Document(io.BytesIO(f.read()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert doc.paragraphs[0].text == "测试机关工会" and "应到3人，实到2人" in text and "王五" in text

    page.set_input_files("#id_scan", files=[{"name": "纪要签字.pdf", "mimeType": "application/pdf",
                                            "buffer": b"%PDF-1.4\n%signed minutes\n"}])
    page.click("#scan-form button[type=submit]")
    assert page.locator("#scan").is_visible()
    assert page.foreign == []

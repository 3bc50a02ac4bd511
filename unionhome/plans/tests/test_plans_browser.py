"""In Chromium on a phone: the chair writes the year's plan (an item measured by a registered figure), records its
adoption, opens the mid-year check, links the special meeting through the picker and writes the owner's comment,
then writes the year-end summary, which starts from the evidence linked at mid-year."""
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_writes_the_plan_checks_it_at_mid_year_and_writes_the_summary(cast, login_as):
    from unionhome.meetings.tests.factories import held, union_term
    from unionhome.plans import queries
    from unionhome.plans.models import Entry, Plan

    union_term(cast)
    meeting = held(cast)  # the special meeting, 2026-03-20
    page = login_as("t_chair")
    page.goto("/plans/?year=2026")
    page.click("#plan-create")
    page.click("#item-add")
    page.fill("#id_title", "召开工会工作专题会议")
    page.select_option("#id_area", "democracy")
    page.check(f"input[name=owners][value='{cast.workers['committee'].pk}']")
    page.select_option("#id_figure_key", "meetings.special_held")
    page.fill("#id_target_value", "1")
    page.fill("#id_deadline", "2026-06-30")
    page.click("#main-form button[type=submit]")
    assert "召开工会工作专题会议" in page.locator("#items ~ ol").inner_text()
    assert "王五" in page.locator("#items ~ ol").inner_text()

    page.fill("#adopt-form input[name=adopted_on]", "2026-03-20")
    page.click("#adopt-form button[type=submit]")
    assert page.locator("#plan-status").inner_text() == "已通过"

    page.click("#review-midyear")
    page.fill("#start-form input[name=checked_on]", "2026-07-10")
    page.click("#start-form button[type=submit]")
    entry = Entry.objects.get(review__kind="midyear")
    card = f"#entry-{entry.pk}"
    assert page.locator(f"{card} .figure-value").inner_text() == "1"  # computed, never typed

    page.click(f"{card} a:has-text('关联记录')")
    page.select_option("#id_kind", "meetings.meeting")
    page.fill("#id_q", "专题")
    page.click("#search-form button[type=submit]")
    page.click("#found button:has-text('关联')")
    assert page.locator("#found .badge").first.inner_text() == "已关联"
    page.click("#search-form a:has-text('返回')")
    assert meeting.title in page.locator(f"{card} .evidence").inner_text()

    page.click(f"label[for='e{entry.pk}-on_track']")
    page.fill(f"textarea[name='e{entry.pk}-comment']", "3月20日已召开，纪要已定稿。")
    page.click(f"{card} .entry-form button[type=submit]")
    assert page.locator(f"{card} [data-status]").inner_text() == "按计划推进"

    plan = Plan.objects.get()
    page.goto(f"/plans/{plan.pk}/summary/")
    page.fill("#start-form input[name=checked_on]", "2026-11-30")
    page.click("#start-form button[type=submit]")
    summary = Entry.objects.get(review__kind="summary")
    card = f"#entry-{summary.pk}"
    assert meeting.title in page.locator(f"{card} .evidence").inner_text()  # carried from mid-year
    page.click(f"label[for='e{summary.pk}-done']")
    page.fill(f"textarea[name='e{summary.pk}-comment']", "全年召开专题会议一次，完成。")
    page.click(f"{card} .entry-form button[type=submit]")
    assert page.locator(f"{card} [data-status]").inner_text() == "已完成"

    row = queries.plan_summary(union=cast.union, year=2026)[0]
    assert row["status"] == "done" and row["value"] == 1 and row["records"][0]["label"].endswith(meeting.title)
    assert page.foreign == []

"""送温暖 on a phone (390 px): the committee member sent to a household records the visit from 我的送温暖走访."""
import pytest
from django.utils import timezone

from unionhome.care.services import warmth as svc
from unionhome.care.tests.factories import consents, open_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_committee_member_records_the_visit_they_made(cast, login_as):
    needy = cast.workers["group1_worker"]
    consents(cast, needy)
    open_file(cast, needy, health_detail="尿毒症透析")
    campaign = svc.warmth_campaign_create(actor=None, union=cast.union, name="春节送温暖", festival="spring_festival",
                                          year=timezone.localdate().year, default_amount="500")
    svc.warmth_campaign_select(actor=None, campaign=campaign)
    visit = campaign.visits.get(worker=needy)
    svc.warmth_visit_assign(actor=None, visit=visit, officer=cast.workers["committee"])
    page = login_as("t_committee")
    page.goto("/care/")
    page.click("text=我的送温暖走访")
    row = page.locator(f"#r{visit.pk}")
    assert needy.name in row.inner_text()
    assert "尿毒症透析" not in page.content()
    row.locator("input[name=gift]").fill("米、油")
    row.locator("input[name=note]").fill("与小组长同去")
    row.locator("button.mark-visited").click()
    assert "已登记走访" in page.content()
    assert "已走访" in page.locator(f"#r{visit.pk}").inner_text()
    page.wait_for_load_state("networkidle")
    visit.refresh_from_db()
    assert visit.done_on == timezone.localdate() and visit.gift == "米、油"
    assert page.foreign == []

"""送温暖 visits recorded by the committee members who went (care.manage), without the hardship files.

Decided: the hardship officer (care.hardship) keeps the files, the list and the amounts; a committee member records
the visit they made — on a household the hardship officer sent them to, or a retiree nobody was sent to yet — with
the date, the gift and a note, booked at the household's standard amount. They see the name and the group only."""
import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from unionhome.care.models import WarmthVisit
from unionhome.care.services import warmth as svc
from unionhome.care.tests.factories import consents, open_file
from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.funds.models import LedgerEntry
from unionhome.members.services import membership_retire

pytestmark = pytest.mark.django_db
JAN = dt.date(2027, 1, 25)
AFTER_JAN = time_machine.travel(dt.datetime(2027, 1, 26, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)


def _campaign(cast):
    officer = cast.users["hardship_officer"]
    needy = cast.workers["group1_worker"]
    consents(cast, needy)
    open_file(cast, needy, income="8123", health_detail="尿毒症透析")
    membership_retire(actor=None, worker=cast.workers["finance"], on=dt.date(2026, 1, 1))
    campaign = svc.warmth_campaign_create(actor=officer, union=cast.union, name="2027年春节送温暖",
                                          festival="spring_festival", year=2027, default_amount="500")
    svc.warmth_campaign_select(actor=officer, campaign=campaign)
    needy_visit = campaign.visits.get(target="needy")
    return campaign, needy_visit, campaign.visits.get(target="retiree")


@AFTER_JAN
def test_the_committee_member_sent_records_the_visit_at_the_standard_amount(cast):
    _campaign_, needy, _retiree = _campaign(cast)
    svc.warmth_visit_assign(actor=cast.users["hardship_officer"], visit=needy, officer=cast.workers["committee"])
    visit = svc.warmth_visit_report(actor=cast.users["committee"], visit=needy, visitor=cast.workers["committee"],
                                    on=JAN, gift="米、油", note="与小组长同去")
    assert (visit.done_on, visit.amount, visit.gift, visit.officer_id) == (
        JAN, Decimal("500"), "米、油", cast.workers["committee"].pk)
    assert LedgerEntry.objects.get(on=JAN).subcategory == "warmth"
    assert AuditEntry.objects.filter(action="care.warmth.visited", actor=cast.users["committee"]).exists()


@AFTER_JAN
def test_a_household_not_sent_to_the_visitor_is_refused_and_a_free_retiree_is_taken(cast):
    _campaign_, needy, retiree = _campaign(cast)
    visitor = cast.workers["women_committee"]
    # a needy household nobody was sent to: the hardship officer decides who goes
    with pytest.raises(RuleViolation) as exc:
        svc.warmth_visit_report(actor=cast.users["women_committee"], visit=needy, visitor=visitor, on=JAN)
    assert exc.value.code == "warmth_not_your_visit"
    # … and one sent to someone else
    svc.warmth_visit_assign(actor=None, visit=needy, officer=cast.workers["committee"])
    with pytest.raises(RuleViolation):
        svc.warmth_visit_report(actor=cast.users["women_committee"], visit=needy, visitor=visitor, on=JAN)
    needy.refresh_from_db()
    assert needy.done_on is None and not LedgerEntry.objects.filter(on=JAN).exists()
    # a retiree nobody was sent to: the visitor takes the visit
    done = svc.warmth_visit_report(actor=cast.users["women_committee"], visit=retiree, visitor=visitor, on=JAN,
                                   gift="年货")
    assert done.done_on == JAN and done.officer_id == visitor.pk
    with pytest.raises(RuleViolation):  # an account with no member behind it cannot say who went
        svc.warmth_visit_report(actor=None, visit=needy, visitor=None, on=JAN)


@AFTER_JAN
def test_the_visitor_sees_name_and_group_never_the_hardship_file(cast, client_for):
    _campaign_, needy, retiree = _campaign(cast)
    worker = cast.workers["group1_worker"]
    client = client_for(cast.users["committee"])
    page = client.get(reverse("care:warmth_rounds")).content.decode()
    assert worker.name not in page  # not sent there yet: not on their list
    assert cast.workers["finance"].name in page  # the free retiree is
    svc.warmth_visit_assign(actor=None, visit=needy, officer=cast.workers["committee"])
    page = client.get(reverse("care:warmth_rounds")).content.decode()
    api = client.get("/api/v1/care/warmth-rounds").json()
    assert worker.name in page and (worker.group.name if worker.group else "未分小组") in page
    row = next(r for r in api if r["id"] == needy.pk)
    assert set(row) == {"id", "campaign_id", "campaign", "name", "group", "target", "target_label", "visitor",
                        "done_on", "gift"}
    for secret in ("尿毒症透析", "8123", "8,123", worker.id_number, "身份证", "收入"):
        assert secret not in page and secret not in str(api)
    # the files stay with the hardship officer and the chair
    file_pk = needy.file_id
    assert client.get(reverse("care:hardship_detail", args=[file_pk])).status_code == 403
    assert client.get(reverse("care:warmth_detail", args=[needy.campaign_id])).status_code == 403
    assert client.get(f"/api/v1/care/warmth/{needy.campaign_id}").status_code == 403
    # and the visit recorded through the API, at the standard amount
    done = client.post(f"/api/v1/care/warmth-rounds/{needy.pk}/visited", {"on": "2027-01-25", "gift": "米、油"},
                       content_type="application/json")
    assert done.status_code == 200, done.content
    assert done.json()["done_on"] == "2027-01-25"
    assert WarmthVisit.objects.get(pk=needy.pk).amount == Decimal("500")


@AFTER_JAN
def test_the_visitor_records_the_visit_from_the_page(cast, client_for):
    _campaign_, needy, _retiree = _campaign(cast)
    svc.warmth_visit_assign(actor=None, visit=needy, officer=cast.workers["committee"])
    client = client_for(cast.users["committee"])
    response = client.post(reverse("care:warmth_visited", args=[needy.pk]), {"on": "2027-01-25", "gift": "米、油"},
                           follow=True)
    assert "已登记走访" in response.content.decode()
    assert WarmthVisit.objects.get(pk=needy.pk).done_on == JAN
    other = client_for(cast.users["women_committee"])
    refused = other.post(reverse("care:warmth_visited", args=[needy.pk]), {"on": "2027-01-25"}, follow=True)
    assert "已走访完成" in refused.content.decode()
    member = client_for(cast.users["member"])
    assert member.get(reverse("care:warmth_rounds")).status_code == 403

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from unionhome.care.models import Assistance
from unionhome.care.queries import care_calendar, warmth_totals
from unionhome.care.services import warmth as svc
from unionhome.care.services.hardship import assistance_record, hardship_file_close
from unionhome.care.tests.factories import consents, open_file
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.funds.models import LedgerEntry
from unionhome.funds.queries import entries_for
from unionhome.members.services import membership_retire

pytestmark = pytest.mark.django_db
JAN = dt.date(2027, 1, 25)
# The campaign's visits are recorded after they happened: the clock stands on the day after.
AFTER_JAN = time_machine.travel(dt.datetime(2027, 1, 26, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)


def test_assistance_is_booked_under_rights_hardship_aid_and_needs_an_open_file(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker)
    aid = assistance_record(actor=cast.users["hardship_officer"], file=file, kind="medical", amount="3000",
                            given_on=dt.date(2026, 3, 5), description="透析费用")
    (entry,) = entries_for(aid)
    assert (entry.category, entry.subcategory, entry.amount) == ("rights", "hardship_aid", Decimal("3000"))
    hardship_file_close(actor=cast.users["chair"], file=file, reason="recovery", on=dt.date(2026, 4, 1))
    with pytest.raises(RuleViolation) as exc:
        assistance_record(actor=cast.users["hardship_officer"], file=file, kind="living", amount="100",
                          given_on=dt.date(2026, 4, 2))
    assert exc.value.code == "hardship_not_open"


@AFTER_JAN
def test_a_warmth_campaign_runs_to_the_end_with_totals(cast):
    officer = cast.users["hardship_officer"]
    needy = cast.workers["group1_worker"]
    consents(cast, needy)
    open_file(cast, needy)
    membership_retire(actor=None, worker=cast.workers["finance"], on=dt.date(2026, 1, 1))
    campaign = svc.warmth_campaign_create(actor=officer, union=cast.union, name="2027年春节送温暖",
                                          festival="spring_festival", year=2027, default_amount="500")
    assert svc.warmth_campaign_select(actor=officer, campaign=campaign) == 2
    assert svc.warmth_campaign_select(actor=officer, campaign=campaign) == 0
    for visit in campaign.visits.all():
        svc.warmth_visit_assign(actor=officer, visit=visit, officer=cast.workers["hardship_officer"])
    with pytest.raises(Conflict):
        svc.warmth_campaign_close(actor=officer, campaign=campaign)
    needy_visit = campaign.visits.get(target="needy")
    retiree_visit = campaign.visits.get(target="retiree")
    svc.warmth_visit_done(actor=officer, visit=needy_visit, on=JAN, gift="米、油")
    svc.warmth_visit_done(actor=officer, visit=retiree_visit, on=JAN, amount="300", gift="年货")
    totals = warmth_totals(campaign)
    assert (totals["count"], totals["done"], totals["left"], totals["amount"]) == (2, 2, 0, Decimal("800"))
    entries = {e.subcategory: e.amount for e in LedgerEntry.objects.filter(on=JAN)}
    assert entries == {"warmth": Decimal("500.00"), "welfare": Decimal("300.00")}
    assert Assistance.objects.get().kind == "warmth"
    svc.warmth_campaign_close(actor=officer, campaign=campaign)
    with pytest.raises(Conflict):
        svc.warmth_campaign_select(actor=officer, campaign=campaign)
    gaps = {g.festival: g for g in care_calendar(cast.union, today=dt.date(2027, 1, 20)).gaps}
    assert gaps["spring_festival"].retirees == [] and gaps["spring_festival"].needy == []


@pytest.mark.parametrize("amount,message", [("五百", "金额格式不正确"), ("-1", "金额不能为负数"), ("NaN", "金额格式不正确")])
def test_a_campaign_refuses_a_standard_amount_that_is_not_a_sum_of_money(cast, amount, message):
    with pytest.raises(RuleViolation) as exc:
        svc.warmth_campaign_create(actor=cast.users["hardship_officer"], union=cast.union, name="春节送温暖",
                                   festival="spring_festival", year=2027, default_amount=amount)
    assert (exc.value.code, exc.value.message, exc.value.field) == ("amount_invalid", message, "default_amount")


def test_a_warmth_visit_cannot_be_marked_done_on_a_day_still_to_come(cast):
    officer = cast.users["hardship_officer"]
    membership_retire(actor=None, worker=cast.workers["finance"], on=dt.date(2026, 1, 1))
    campaign = svc.warmth_campaign_create(actor=officer, union=cast.union, name="春节送温暖",
                                          festival="spring_festival", year=dt.date.today().year + 1,
                                          default_amount="300")
    svc.warmth_campaign_select(actor=officer, campaign=campaign)
    visit = campaign.visits.get()
    with pytest.raises(RuleViolation) as exc:
        svc.warmth_visit_done(actor=officer, visit=visit, on=dt.date.today() + dt.timedelta(days=1), gift="年货")
    assert exc.value.code == "date_in_future" and exc.value.field == "on"
    visit.refresh_from_db()
    assert not visit.done and LedgerEntry.objects.count() == 0

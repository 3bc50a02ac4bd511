"""Items 17 and 22: every ledger entry and reversal takes its real date inside an open period (not after today,
not before the opening of the books, not in a signed-off month); the books open with a non-negative carried
balance; the ledger's header covers exactly what its list shows; a month not yet ended cannot be signed off."""
import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.funds import queries
from unionhome.funds.services import entry_reverse, ledger_open, period_signoff
from unionhome.funds.tests.factories import income, post

pytestmark = pytest.mark.django_db


def test_an_entry_dated_after_today_is_refused(cast):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(RuleViolation) as err:
        post(cast, on=tomorrow)
    assert err.value.code == "date_in_future"
    assert post(cast, on=timezone.localdate()).number == 1


def test_a_late_entry_dated_years_back_cannot_change_this_years_opening_balance(cast):
    income(cast, "5000.00", on=dt.date(2026, 1, 5))
    opening = queries.year_totals(cast.union, 2026)["opening"]
    with pytest.raises(RuleViolation) as err:
        post(cast, on=dt.date(2020, 6, 1), amount="777.00")
    assert err.value.code == "before_books_opened"
    assert queries.year_totals(cast.union, 2026)["opening"] == opening == Decimal("0.00")


def test_a_reversal_takes_a_real_date_in_an_open_period(cast):
    entry = post(cast, on=dt.date(2026, 3, 10))
    for on, code in ((dt.date(2099, 1, 1), "date_in_future"), (dt.date(2026, 3, 9), "reversal_before_entry")):
        with pytest.raises(RuleViolation) as err:
            entry_reverse(actor=cast.users["finance"], entry=entry, reason="错", on=on)
        assert err.value.code == code
    assert entry_reverse(actor=cast.users["finance"], entry=entry, reason="错", on=dt.date(2026, 3, 12)).on.day == 12


def test_the_api_refuses_a_reversal_dated_2099(cast, client_for):
    entry = post(cast, on=dt.date(2026, 3, 10))
    response = client_for(cast.users["finance"]).post(f"/api/v1/funds/entries/{entry.pk}/reverse",
                                                      {"reason": "错", "on": "2099-01-01"},
                                                      content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "date_in_future"


def test_the_books_open_with_a_carried_balance_and_nothing_is_posted_before(cast):
    ledger_open(actor=cast.users["finance"], union=cast.union, on=dt.date(2025, 12, 1), balance="86000")
    income(cast, "1000.00", on=dt.date(2025, 12, 5))
    assert queries.year_totals(cast.union, 2026)["opening"] == Decimal("87000.00")
    assert queries.year_totals(cast.union, 2025)["opening"] == Decimal("86000.00")
    with pytest.raises(RuleViolation):
        post(cast, on=dt.date(2025, 11, 30))
    with pytest.raises(RuleViolation) as err:  # the opening cannot move after an entry in the books
        ledger_open(actor=cast.users["finance"], union=cast.union, on=dt.date(2026, 1, 1), balance="86000")
    assert err.value.code == "entries_before_opening"
    with pytest.raises(RuleViolation) as err:
        ledger_open(actor=cast.users["finance"], union=cast.union, on=dt.date(2025, 12, 1), balance="-5")
    assert err.value.code == "opening_negative"
    period_signoff(actor=cast.users["auditor"], union=cast.union, year=2025, month=12)
    with pytest.raises(Conflict):
        ledger_open(actor=cast.users["finance"], union=cast.union, on=dt.date(2025, 1, 1), balance="1")


def test_the_accountant_opens_the_books_on_the_periods_page(cast, client_for):
    client = client_for(cast.users["finance"])
    response = client.post(reverse("funds:books_open"), {"on": "2025-01-01", "balance": "1234.50"})
    assert response.status_code == 302
    page = client.get(reverse("funds:periods")).content.decode()
    assert "2025-01-01" in page and "1234.50" in page
    assert queries.opening_of(cast.union).balance == Decimal("1234.50")


def test_a_month_not_yet_ended_cannot_be_signed_off_even_with_a_later_today(cast, client_for):
    now = timezone.localdate()
    with pytest.raises(RuleViolation) as err:
        period_signoff(actor=cast.users["auditor"], union=cast.union, year=now.year, month=now.month,
                       today=dt.date(now.year + 1, 1, 1))
    assert err.value.code == "period_not_ended"
    page = client_for(cast.users["auditor"]).get(reverse("funds:periods"), {"year": now.year}).content.decode()
    buttons = len(re.findall(r'name="month" value="\d+"', page))
    assert buttons == now.month - 1  # only months that ended are offered for sign-off
    assert "本月尚未结束" in page


def _figure(page: str, name: str) -> str:
    return re.search(rf'id="fig-{name}">([^<]+)<', page).group(1)


def test_the_ledger_header_covers_exactly_what_the_list_shows(cast, client_for):
    now = timezone.localdate()
    ledger_open(actor=cast.users["finance"], union=cast.union, on=dt.date(now.year - 1, 1, 1), balance="10000")
    post(cast, amount="5400.00", on=dt.date(now.year - 1, 12, 20))  # last year: must not enter this year's list
    income(cast, "60000.00", on=dt.date(now.year, 1, 5))
    post(cast, amount="630.00", on=dt.date(now.year, 1, 10))
    client = client_for(cast.users["auditor"])
    page = client.get(reverse("funds:ledger")).content.decode()
    line = re.search(r'id="list-totals">([^<]+)<', page).group(1)
    assert _figure(page, "expense") == "630.00" and "支出 630.00" in line
    assert _figure(page, "opening") == "4600.00" and _figure(page, "balance") == "63970.00"
    month = client.get(reverse("funds:ledger"), {"year": now.year - 1, "month": 12}).content.decode()
    assert _figure(month, "opening") == "10000.00" and _figure(month, "expense") == "5400.00"
    everything = client.get(reverse("funds:ledger"), {"year": ""}).content.decode()
    assert _figure(everything, "expense") == "6030.00" and "支出 6030.00" in everything

"""Item 30: a ledger balance below zero is flagged to the accountant and the chair, on the dashboard, the ledger
page and right after the posting that caused it."""
import datetime as dt

import pytest
from django.urls import reverse

from unionhome.funds.tests.factories import income, post

pytestmark = pytest.mark.django_db


def _overdrawn(cast):
    income(cast, "100.00", on=dt.date(2026, 1, 5))
    post(cast, amount="350.00", on=dt.date(2026, 2, 1))


@pytest.mark.parametrize("role,warned", [("finance", True), ("chair", True), ("member", False)])
def test_the_dashboard_warns_the_accountant_and_the_chair_of_a_negative_balance(cast, client_for, role, warned):
    _overdrawn(cast)
    page = client_for(cast.users[role]).get(reverse("dashboard:home")).content.decode()
    assert ('data-code="balance_negative"' in page) is warned
    if warned:
        assert "-250.00" in page


def test_no_warning_while_the_balance_is_not_negative(cast, client_for):
    income(cast, "100.00", on=dt.date(2026, 1, 5))
    post(cast, amount="100.00", on=dt.date(2026, 2, 1))
    page = client_for(cast.users["chair"]).get(reverse("dashboard:home")).content.decode()
    assert "balance_negative" not in page
    assert 'id="balance-negative"' not in client_for(cast.users["chair"]).get(reverse("funds:ledger")).content.decode()


def test_the_posting_that_overdraws_the_books_says_so(cast, client_for):
    income(cast, "100.00", on=dt.date(2026, 1, 5))
    client = client_for(cast.users["finance"])
    response = client.post(reverse("funds:entry_new"), {"on": "2026-02-01", "account": "expense:activity:culture_sports",
                                                        "amount": "150.00"}, follow=True)
    body = response.content.decode()
    assert "经费结余已为负数（-50.00元）" in body
    assert 'id="balance-negative"' in client.get(reverse("funds:ledger")).content.decode()

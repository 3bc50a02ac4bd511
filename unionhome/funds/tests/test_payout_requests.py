"""Item 37: a payout blocked by a cap tells the next step and sends the request to the chair, who sees it on the
dashboard and the payout page and approves it; the form never offers the forbidden kinds (cash, cards)."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from unionhome.core.errors import Forbidden, RuleViolation
from unionhome.funds.models import PayoutRequest, WelfarePayout
from unionhome.funds.services import payout_request_decide, payout_request_submit, welfare_payout
from unionhome.funds.tests.factories import income

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 1, 20)


def _form(cast, **extra):
    return {"worker": cast.workers["member"].pk, "benefit": "festival", "amount": "1400", "form": "goods",
            "on": ON.isoformat(), "festival": "spring_festival", **extra}


def test_the_form_offers_only_the_kinds_the_province_allows(cast, client_for):
    page = client_for(cast.users["finance"]).get(reverse("funds:payout_new")).content.decode()
    assert 'value="goods"' in page and 'value="voucher"' in page
    assert 'value="cash"' not in page and 'value="shopping_card"' not in page


def test_a_blocked_payout_tells_the_accountant_the_next_step(cast, client_for):
    income(cast, "50000.00", on=dt.date(2026, 1, 5))
    response = client_for(cast.users["finance"]).post(reverse("funds:payout_new"), _form(cast))
    body = response.content.decode()
    assert response.status_code == 422 and "规则16" in body and "送工会主席审批" in body
    assert not WelfarePayout.objects.exists() and not PayoutRequest.objects.exists()


def test_the_request_reaches_the_chair_who_approves_it(cast, client_for):
    income(cast, "50000.00", on=dt.date(2026, 1, 5))
    finance = client_for(cast.users["finance"])
    response = finance.post(reverse("funds:payout_new"), _form(cast, override_reason="家中遭灾，委员会建议加发"))
    assert response.status_code == 302
    request = PayoutRequest.objects.get()
    assert request.status == "pending" and not WelfarePayout.objects.exists()

    chair = client_for(cast.users["chair"])
    dashboard = chair.get(reverse("dashboard:home")).content.decode()
    assert 'data-code="payout_requests_pending"' in dashboard and "1项超限额慰问申请待您审批" in dashboard
    assert f'data-request="{request.pk}"' in chair.get(reverse("funds:payout_new")).content.decode()
    finance = client_for(cast.users["finance"])  # one test client: logging in switches the user
    assert "payout_requests_pending" not in finance.get(reverse("dashboard:home")).content.decode()

    chair = client_for(cast.users["chair"])
    response = chair.post(reverse("funds:payout_request_decide", args=[request.pk]),
                          {"decision": "approve", "note": "同意"})
    assert response.status_code == 302
    request.refresh_from_db()
    payout = request.payout
    assert request.status == "approved" and payout.amount == Decimal("1400.00") and payout.is_override
    assert payout.overridden_by == cast.users["chair"] and "家中遭灾" in payout.override_reason
    assert "payout_requests_pending" not in chair.get(reverse("dashboard:home")).content.decode()


def test_only_a_cap_breach_can_be_requested_and_only_the_chair_decides(cast):
    income(cast, "50000.00", on=dt.date(2026, 1, 5))
    fields = dict(union=cast.union, worker=cast.workers["member"], benefit="festival", form="goods", on=ON,
                  festival="spring_festival", reason="理由")
    with pytest.raises(RuleViolation) as err:
        payout_request_submit(actor=cast.users["finance"], amount="500", **fields)
    assert err.value.code == "within_cap"
    with pytest.raises(RuleViolation) as err:  # a forbidden kind is never approvable
        payout_request_submit(actor=cast.users["finance"], amount="1400", **{**fields, "form": "cash"})
    assert err.value.code == "form_refused"
    request = payout_request_submit(actor=cast.users["finance"], amount="1400", **fields)
    with pytest.raises(Forbidden):
        payout_request_decide(actor=cast.users["finance"], request=request, approve=True)
    declined = payout_request_decide(actor=cast.users["chair"], request=request, approve=False, note="超标准")
    assert declined.status == "declined" and declined.payout is None


def test_the_api_names_the_next_step(cast, client_for):
    income(cast, "50000.00", on=dt.date(2026, 1, 5))
    welfare_payout(actor=cast.users["finance"], union=cast.union, worker=cast.workers["member"], benefit="festival",
                   amount=Decimal("1300"), form="goods", on=ON, festival="spring_festival")
    response = client_for(cast.users["finance"]).post("/api/v1/funds/welfare-payouts", {
        "worker_id": cast.workers["member"].pk, "benefit": "festival", "amount": "100", "form": "goods",
        "on": "2026-01-25", "festival": "national_day"}, content_type="application/json")
    body = response.json()
    assert response.status_code == 422 and body["code"] == "cap_exceeded"
    assert "工会主席审批" in body["message"]


def test_the_chair_is_told_in_the_inbox_without_the_members_name(cast):
    from unionhome.notifications.models import Notification

    income(cast, "50000.00", on=dt.date(2026, 1, 5))
    payout_request_submit(actor=cast.users["finance"], amount="1400", union=cast.union, worker=cast.workers["member"],
                          benefit="festival", form="goods", on=ON, festival="spring_festival", reason="家中遭灾")
    [message] = Notification.objects.filter(event="funds.payout_awaiting_approval")
    assert message.recipient == cast.users["chair"] and message.link == reverse("dashboard:home")
    assert cast.workers["member"].name not in message.title + message.body and "遭灾" not in message.body

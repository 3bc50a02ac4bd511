import pytest

pytestmark = pytest.mark.django_db


def payout(cast, **extra):
    return {"worker_id": cast.workers["member"].pk, "benefit": "birthday", "amount": "1000", "form": "goods",
            "on": "2025-03-10", **extra}


def test_api_payout_over_the_cap_is_refused_with_the_rule_and_the_chair_may_override(cast, client_for):
    response = client_for(cast.users["finance"]).post("/api/v1/funds/welfare-payouts", payout(cast),
                                                       content_type="application/json")
    assert response.status_code == 422
    assert "规则" in response.json()["message"]
    response = client_for(cast.users["chair"]).post(
        "/api/v1/funds/welfare-payouts", payout(cast, override_reason="委员会研究同意"), content_type="application/json")
    assert response.status_code == 201
    assert response.json()["override_reason"] == "委员会研究同意"


def test_api_refuses_cash_and_members_of_another_union(cast, client_for):
    client = client_for(cast.users["finance"])
    assert client.post("/api/v1/funds/welfare-payouts", payout(cast, amount="100", form="cash"),
                       content_type="application/json").status_code == 422
    other = payout(cast, amount="100", worker_id=cast.workers["other_worker"].pk)
    assert client.post("/api/v1/funds/welfare-payouts", other, content_type="application/json").status_code == 404


def test_api_records_a_dues_payment_once_per_month(cast, client_for):
    client = client_for(cast.users["finance"])
    body = {"worker_id": cast.workers["member"].pk, "month": "2025-03-15", "amount": "20"}
    first = client.post("/api/v1/funds/dues/payments", body, content_type="application/json")
    assert first.status_code == 201 and first.json()["month"] == "2025-03-01"
    assert client.post("/api/v1/funds/dues/payments", body, content_type="application/json").status_code == 422

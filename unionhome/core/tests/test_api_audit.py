"""The audit trail through the API: the page's filters and permission, paged, masked like the page."""
import datetime as dt
from decimal import Decimal

import pytest

from unionhome.funds.services import budget_set

pytestmark = pytest.mark.django_db


def test_the_trail_is_filtered_and_paged_like_the_page(cast, client_for):
    for amount in ("100", "200", "300"):
        budget_set(actor=cast.users["chair"], union=cast.union, year=2025, kind="expense", category="activity",
                   amount=Decimal(amount))
    auditor = client_for(cast.users["auditor"])
    page = auditor.get("/api/v1/audit/", {"action": "funds.budget.set", "limit": 2})
    assert page.status_code == 200
    body = page.json()
    assert body["count"] == 3 and len(body["results"]) == 2
    newest = body["results"][0]
    assert newest["actor"] == cast.users["chair"].username and newest["action_label"]
    assert any(c["changed"] and c["after"] for c in newest["changes"])
    rest = auditor.get("/api/v1/audit/", {"action": "funds.", "actor": cast.users["chair"].username, "offset": 2,
                                          "limit": 2}).json()
    assert rest["count"] == 3 and len(rest["results"]) == 1
    assert auditor.get("/api/v1/audit/", {"start": dt.date.today() + dt.timedelta(days=1)}).json()["count"] == 0


def test_only_the_trails_readers_see_it_and_only_their_unions(cast, client_for):
    budget_set(actor=None, union=cast.union, year=2025, kind="expense", category="activity", amount=Decimal("1"))
    assert client_for(cast.users["finance"]).get("/api/v1/audit/").status_code == 403
    other = client_for(cast.users["outsider"]).get("/api/v1/audit/", {"action": "funds.budget.set"}).json()
    assert other["count"] == 0
    assert client_for(cast.users["chair"]).get("/api/v1/audit/", {"limit": 1000}).status_code == 422

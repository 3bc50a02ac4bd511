"""The women's health check through the API: the invites (their ids) are listed, so attendance and results can be
recorded without the page."""
import pytest

pytestmark = pytest.mark.django_db


def test_invites_are_listed_with_their_ids_for_attendance(cast, client_for):
    client = client_for(cast.users["women_committee"])
    campaign = client.post("/api/v1/care/health", {"name": "妇检", "clinic": "县妇幼保健站"},
                           content_type="application/json").json()
    invited = client.post(f"/api/v1/care/health/{campaign['id']}/invite").json()["count"]
    rows = client.get(f"/api/v1/care/health/{campaign['id']}/invites").json()
    assert invited > 0 and len(rows) == invited
    women = {w.pk: w.name for w in cast.workers.values() if w.gender == "F" and w.union_id == cast.union.pk}
    assert {r["worker_id"]: r["worker_name"] for r in rows}.items() <= women.items()
    assert all(r["status"] == "invited" for r in rows)
    assert client_for(cast.users["member"]).get(f"/api/v1/care/health/{campaign['id']}/invites").status_code == 403
    assert client_for(cast.users["outsider"]).get(f"/api/v1/care/health/{campaign['id']}/invites").status_code == 404

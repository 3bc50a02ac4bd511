"""The officers' competition pages through the API (issue 13): the same services, permissions and error codes."""
import pytest

from unionhome.competitions import services
from unionhome.competitions.models import Competition, Entry, Match
from unionhome.competitions.tests.factories import competition, start

pytestmark = pytest.mark.django_db
JSON = "application/json"


def code(response):
    return response.status_code, response.json().get("code")


def test_a_competition_is_created_entered_and_started_through_the_api(cast, client_for):
    chair = client_for(cast.users["chair"])
    body = {"title": "象棋赛", "sport": "chess", "format": "round_robin", "held_on": "2026-05-01"}
    assert code(chair.post("/api/v1/competitions/", {**body, "format": "nope"}, content_type=JSON)) == (
        422, "format_invalid")
    made = chair.post("/api/v1/competitions/", body, content_type=JSON)
    assert made.status_code == 201 and made.json()["status"] == "draft"
    base = f"/api/v1/competitions/{made.json()['id']}"
    for role in ("member", "committee", "chair"):
        assert chair.post(f"{base}/entries", {"worker_id": cast.workers[role].pk}, content_type=JSON).status_code == 201
    assert code(chair.post(f"{base}/entries", {"worker_id": cast.workers["member"].pk}, content_type=JSON)) == (
        409, "already_entered")
    assert code(chair.post(f"{base}/entries", {}, content_type=JSON)) == (422, "worker_required")
    entry = Entry.objects.get(competition_id=made.json()["id"], worker=cast.workers["chair"])
    assert chair.post(f"{base}/entries/{entry.pk}/remove").status_code == 200
    assert code(chair.post(f"{base}/steps/entries-import")) == (422, "no_activity")
    started = chair.post(f"{base}/steps/start")
    assert started.status_code == 200 and started.json()["status"] == "running" and started.json()["matches"]
    assert code(chair.post(f"{base}/steps/start"))[0] == 409
    assert chair.post(f"{base}/steps/nope").status_code == 404
    assert client_for(cast.users["member"]).post(f"{base}/steps/finish").status_code == 403


def test_results_then_finish_lots_and_prizes_like_on_the_page(cast, client_for):
    c = start(cast, competition(cast, entrants=3))
    chair = client_for(cast.users["chair"])
    base = f"/api/v1/competitions/{c.pk}"
    prizes = {"tiers": [{"title": "冠军", "count": 1, "amount": "100"}], "awarded_on": "2026-05-01"}
    assert code(chair.post(f"{base}/prizes", prizes, content_type=JSON)) == (409, "not_finished")
    for match in Match.objects.filter(competition=c).exclude(b=None):
        services.result_record(actor=None, match=match, result="½-½")  # a three-way tie
    chair.post(f"{base}/steps/finish")
    assert Competition.objects.get(pk=c.pk).status == Competition.Status.FINISHED
    tie = chair.post(f"{base}/prizes", prizes, content_type=JSON)
    assert tie.status_code == 422  # one prize would cross the tie: lots first
    drawn = chair.post(f"{base}/steps/lots")
    assert drawn.status_code == 200
    awarded = chair.post(f"{base}/prizes", prizes, content_type=JSON)
    assert awarded.status_code == 201 and awarded.json()[0]["rank"] == 1 and awarded.json()[0]["ledger_entry_id"]
    assert code(chair.post(f"{base}/prizes", prizes, content_type=JSON)) == (409, "prizes_exist")
    assert client_for(cast.users["outsider"]).post(f"{base}/prizes", prizes, content_type=JSON).status_code == 404

"""The care pages' writes through the API (issue 13): the same services, permissions and error codes."""
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from unionhome.care.models import CareVisit, HardshipFile, HealthCheckInvite
from unionhome.care.services import health
from unionhome.care.services.visits import visit_record
from unionhome.care.tests.factories import consents, open_file

pytestmark = pytest.mark.django_db
JSON = "application/json"


def post(client, url, body=None):
    return client.post(url, body or {}, content_type=JSON)


def refused(response, status, code):
    return response.status_code == status and response.json()["code"] == code


def test_a_hospital_visits_discharge_is_recorded_once_and_not_before_the_visit(cast, client_for):
    visit = visit_record(actor=None, union=cast.union, worker=cast.workers["member"], kind="hospital",
                         visited_on=dt.date(2026, 4, 10), amount=Decimal("300"))
    url = f"/api/v1/care/visits/{visit.pk}/discharge"
    committee = client_for(cast.users["committee"])
    assert refused(post(committee, url, {"on": "2026-04-01"}), 422, "discharge_before_visit")
    done = post(committee, url, {"on": "2026-04-15"})
    assert done.status_code == 200 and done.json()["discharged_on"] == "2026-04-15"
    assert refused(post(committee, url, {"on": "2026-04-16"}), 409, "already_discharged")
    assert post(client_for(cast.users["member"]), url, {"on": "2026-04-15"}).status_code == 403
    assert CareVisit.objects.get(pk=visit.pk).discharged_on == dt.date(2026, 4, 15)


def test_consents_are_recorded_listed_and_withdrawn_once(cast, client_for):
    officer = client_for(cast.users["hardship_officer"])
    worker = cast.workers["group1_worker"]
    body = {"worker_id": worker.pk, "kind": "general", "given_on": "2026-04-10", "signed_by": worker.name}
    assert refused(post(officer, "/api/v1/care/consents", {**body, "kind": "nope"}), 422, "consent_kind_invalid")
    made = post(officer, "/api/v1/care/consents", body)
    assert made.status_code == 201
    listed = officer.get("/api/v1/care/consents", {"worker_id": worker.pk}).json()
    assert [c["kind"] for c in listed] == ["general"]
    url = f"/api/v1/care/consents/{made.json()['id']}/withdraw"
    assert post(officer, url).json()["withdrawn_on"] == timezone.localdate().isoformat()
    assert refused(post(officer, url), 409, "consent_withdrawn")
    assert post(client_for(cast.users["committee"]), "/api/v1/care/consents", body).status_code == 403


FILE = {"opened_on": "2026-03-02", "own_income": "12000", "identity": "employed", "health_status": "serious",
        "health_detail": "尿毒症透析", "cause": "illness",
        "household": [{"name": "家属1", "relation": "配偶", "birth_date": "1960-03-01"},
                      {"name": "家属2", "relation": "父母", "birth_date": "1961-03-01"}]}


def test_a_file_is_opened_only_with_consent_and_without_exclusions(cast, client_for):
    officer = client_for(cast.users["hardship_officer"])
    worker = cast.workers["group2_worker"]
    body = {**FILE, "worker_id": worker.pk}
    assert refused(post(officer, "/api/v1/care/hardship", body), 422, "consent_general_missing")
    consents(cast, worker)
    assert refused(post(officer, "/api/v1/care/hardship", {**body, "exclusions": ["two_homes"]}), 422,
                   "hardship_excluded")
    opened = post(officer, "/api/v1/care/hardship", body)
    assert opened.status_code == 201 and opened.json()["category"] == HardshipFile.objects.get().category
    assert refused(post(officer, "/api/v1/care/hardship", body), 409, "hardship_file_exists")
    assert post(client_for(cast.users["committee"]), "/api/v1/care/hardship", body).status_code == 403


def test_a_file_is_reviewed_published_and_closed_like_on_its_page(cast, client_for):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker)
    officer = client_for(cast.users["hardship_officer"])
    base = f"/api/v1/care/hardship/{file.pk}"
    rich = {"on": "2027-03-01", "own_income": "900000", "household": FILE["household"]}
    assert refused(post(officer, f"{base}/review", rich), 422, "not_needy")
    assert post(officer, f"{base}/review", {**rich, "own_income": "12000"}).json()["reviewed_on"] == "2027-03-01"
    notice = post(officer, f"{base}/publication", {"starts_on": "2026-04-10"})
    assert notice.status_code == 201 and notice.json()["ends_on"] > "2026-04-10"
    assert refused(post(officer, f"{base}/close", {"reason": "", "on": "2026-04-10"}), 422, "close_reason_required")
    assert post(officer, f"{base}/close", {"reason": "recovery", "on": "2026-04-10"}).json()["status"] == "closed"
    assert refused(post(officer, f"{base}/publication", {"starts_on": "2026-04-11"}), 409, "hardship_closed")
    assert post(client_for(cast.users["chair"]), f"{base}/close", {"reason": "recovery", "on": "2026-04-10"}
                ).status_code == 409
    assert post(client_for(cast.users["finance"]), f"{base}/review", rich).status_code == 403


def test_a_warmth_campaign_is_created_filled_assigned_and_closed_when_every_visit_is_done(cast, client_for):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    open_file(cast, worker)
    officer = client_for(cast.users["hardship_officer"])
    body = {"name": "春节送温暖", "festival": "spring_festival", "year": 2026, "default_amount": "300"}
    assert refused(post(officer, "/api/v1/care/warmth", {**body, "name": " "}), 422, "name_required")
    campaign = post(officer, "/api/v1/care/warmth", body).json()["id"]
    added = post(officer, f"/api/v1/care/warmth/{campaign}/select", {"needy": True, "retirees": False})
    assert added.json() == {"count": 1}
    visit = officer.get(f"/api/v1/care/warmth/{campaign}").json()["visits"][0]["id"]
    assigned = post(officer, f"/api/v1/care/warmth/visits/{visit}/assign", {"officer_id": cast.workers["committee"].pk})
    assert assigned.json()["officer_id"] == cast.workers["committee"].pk
    assert refused(post(officer, f"/api/v1/care/warmth/{campaign}/close"), 409, "warmth_not_finished")
    assert post(officer, f"/api/v1/care/warmth/visits/{visit}/done", {"on": "2026-03-05"}).status_code == 200
    assert post(officer, f"/api/v1/care/warmth/{campaign}/close").json()["closed"] is True
    assert refused(post(officer, f"/api/v1/care/warmth/{campaign}/select", {}), 409, "warmth_closed")
    assert post(client_for(cast.users["committee"]), "/api/v1/care/warmth", body).status_code == 403


def test_a_health_check_runs_from_slots_to_a_result_through_the_api(cast, client_for):
    women = client_for(cast.users["women_committee"])
    assert refused(post(women, "/api/v1/care/health", {"name": "妇检", "clinic": " "}), 422, "name_required")
    campaign = post(women, "/api/v1/care/health", {"name": "妇检", "clinic": "县妇幼保健站"}).json()["id"]
    day = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    bad = post(women, f"/api/v1/care/health/{campaign}/slots",
               {"day": day, "times": [{"starts_at": "10:00", "ends_at": "08:00"}], "capacity": 5})
    assert refused(bad, 422, "slot_invalid")
    slots = post(women, f"/api/v1/care/health/{campaign}/slots",
                 {"day": day, "times": [{"starts_at": "08:00", "ends_at": "10:00"}], "capacity": 5})
    assert slots.status_code == 201 and len(slots.json()) == 1
    invited = post(women, f"/api/v1/care/health/{campaign}/invite").json()["count"]
    assert invited == HealthCheckInvite.objects.filter(campaign_id=campaign).count() > 0
    invite = HealthCheckInvite.objects.filter(campaign_id=campaign).first()
    assert refused(women.put(f"/api/v1/care/health/invites/{invite.pk}/result", {"result": "正常"},
                             content_type=JSON), 422, "not_attended")
    booked = post(women, f"/api/v1/care/health/invites/{invite.pk}/schedule", {"slot_id": slots.json()[0]["id"]})
    assert booked.json()["status"] == "scheduled"
    assert refused(post(women, f"/api/v1/care/health/invites/{invite.pk}/attendance", {"on": day}), 422,
                   "date_in_future")
    assert post(client_for(cast.users["member"]), f"/api/v1/care/health/{campaign}/invite").status_code == 403


def test_attendance_and_the_encrypted_result_of_a_past_check(cast, client_for):
    campaign = health.health_campaign_create(actor=None, union=cast.union, name="妇检", clinic="县妇幼保健站")
    slot = health.health_slots_add(actor=None, campaign=campaign, day=dt.date(2026, 6, 8),
                                   times=[(dt.time(8), dt.time(10))], capacity=50)[0]
    health.health_invite_eligible(actor=None, campaign=campaign, on=dt.date(2026, 6, 1))
    invite = campaign.invites.first()
    health.health_invite_schedule(actor=None, invite=invite, slot=slot, today=dt.date(2026, 6, 1))
    women = client_for(cast.users["women_committee"])
    attended = post(women, f"/api/v1/care/health/invites/{invite.pk}/attendance", {"on": "2026-06-08"})
    assert attended.json()["status"] == "attended"
    result = women.put(f"/api/v1/care/health/invites/{invite.pk}/result", {"result": "未见异常"}, content_type=JSON)
    assert result.status_code == 200 and "result" not in result.json()
    invite.refresh_from_db()
    assert invite.result == "未见异常"


def test_a_donation_drive_records_receives_and_hands_over(cast, client_for):
    committee = client_for(cast.users["committee"])
    body = {"name": "金秋助学", "cause": "贫困学生", "recipient": "县教育基金会", "opened_on": "2026-04-10"}
    assert refused(post(committee, "/api/v1/care/donations", {**body, "recipient": ""}), 422, "name_required")
    drive = post(committee, "/api/v1/care/donations", body).json()["id"]
    assert refused(post(committee, f"/api/v1/care/donations/{drive}/handover", {"on": "2026-04-20"}), 422,
                   "drive_empty")
    gift = {"worker_id": cast.workers["member"].pk, "kind": "goods", "pledged": "80"}
    assert refused(post(committee, f"/api/v1/care/donations/{drive}/donations", gift), 422, "goods_required")
    item = post(committee, f"/api/v1/care/donations/{drive}/donations", {**gift, "kind": "money"}).json()["id"]
    received = post(committee, f"/api/v1/care/donations/items/{item}/receive", {"received": "80", "on": "2026-04-11"})
    assert received.json()["received"] == "80.00"
    assert post(committee, f"/api/v1/care/donations/{drive}/handover", {"on": "2026-04-20"}).json()["handed_over_on"]
    assert refused(post(committee, f"/api/v1/care/donations/{drive}/donations", {**gift, "kind": "money"}), 409,
                   "drive_handed_over")
    assert post(client_for(cast.users["member"]), "/api/v1/care/donations", body).status_code == 403


def test_a_blood_drive_takes_volunteers_and_their_outcome(cast, client_for):
    committee = client_for(cast.users["committee"])
    assert refused(post(committee, "/api/v1/care/blood", {"name": "", "held_on": "2026-04-10"}), 422, "name_required")
    drive = post(committee, "/api/v1/care/blood", {"name": "无偿献血", "held_on": "2026-04-10"}).json()["id"]
    volunteer = post(committee, f"/api/v1/care/blood/{drive}/volunteers", {"worker_id": cast.workers["member"].pk})
    assert volunteer.status_code == 201
    url = f"/api/v1/care/blood/volunteers/{volunteer.json()['id']}/outcome"
    assert refused(post(committee, url, {"outcome": "donated"}), 422, "volume_required")
    assert post(committee, url, {"outcome": "donated", "volume_ml": 300}).json()["volume_ml"] == 300
    assert post(client_for(cast.users["member"]), f"/api/v1/care/blood/{drive}/volunteers",
                {"worker_id": cast.workers["member"].pk}).status_code == 403

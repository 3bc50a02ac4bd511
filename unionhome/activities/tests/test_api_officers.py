"""The officers' activity pages through the API (issue 13): the same services, permissions and error codes."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from unionhome.activities.models import Activity, ActivityCost, Invitation, Signup
from unionhome.activities.services_room import booking_create, room_create
from unionhome.activities.tests.helpers import make_activity
from unionhome.core.testing import images

pytestmark = pytest.mark.django_db
JSON = "application/json"


def body(**extra):
    start = timezone.now() + dt.timedelta(days=10)
    return {"kind": "sport", "title": "羽毛球赛", "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=2)).isoformat(), **extra}


def code(response):
    return response.status_code, response.json().get("code")


def test_an_activity_and_a_series_are_published_and_the_pages_rules_apply(cast, client_for):
    chair = client_for(cast.users["chair"])
    one = chair.post("/api/v1/activities", body(organiser_ids=[cast.workers["committee"].pk]), content_type=JSON)
    assert one.status_code == 201 and len(one.json()) == 1
    assert list(Activity.objects.get(pk=one.json()[0]["id"]).organisers.all()) == [cast.workers["committee"]]
    series = chair.post("/api/v1/activities", body(repeat="weekly", occurrences=3), content_type=JSON)
    assert series.status_code == 201 and len({a["series_id"] for a in series.json()}) == 1
    assert [a["occurrence"] for a in series.json()] == [1, 2, 3]
    backwards = body()
    backwards["ends_at"], backwards["starts_at"] = backwards["starts_at"], backwards["ends_at"]
    assert code(chair.post("/api/v1/activities", backwards, content_type=JSON)) == (422, "dates_invalid")
    assert code(chair.post("/api/v1/activities", body(eligibility="group_quota"), content_type=JSON)) == (
        422, "quota_required")
    quota = chair.post("/api/v1/activities", body(eligibility="group_quota", quotas={cast.groups[0].pk: 5}),
                       content_type=JSON)
    assert quota.status_code == 201
    assert client_for(cast.users["member"]).post("/api/v1/activities", body(), content_type=JSON).status_code == 403


def test_an_activity_is_edited_and_cancelled_once(cast, client_for):
    activity = make_activity(cast)
    chair = client_for(cast.users["chair"])
    url = f"/api/v1/activities/{activity.pk}"
    assert chair.patch(url, {"place": "体育馆"}, content_type=JSON).json()["place"] == "体育馆"
    assert code(chair.patch(url, {"title": " "}, content_type=JSON)) == (422, "title_required")
    assert chair.post(f"{url}/cancel", {"reason": "下雨"}, content_type=JSON).json()["status"] == "cancelled"
    assert code(chair.post(f"{url}/cancel", {}, content_type=JSON)) == (409, "activity_cancelled")
    assert client_for(cast.users["member"]).patch(url, {"place": "x"}, content_type=JSON).status_code == 403
    assert client_for(cast.users["outsider"]).patch(url, {"place": "x"}, content_type=JSON).status_code == 404


def test_an_officer_adds_and_invites_and_the_invited_member_answers(cast, client_for):
    activity = make_activity(cast)
    chair = client_for(cast.users["chair"])
    worker = cast.workers["member"]
    added = chair.post(f"/api/v1/activities/{activity.pk}/signups", {"worker_id": worker.pk}, content_type=JSON)
    assert added.status_code == 201 and added.json()["source"] == Signup.Source.OFFICER
    assert chair.post(f"/api/v1/activities/{activity.pk}/signups", {"worker_id": worker.pk},
                      content_type=JSON).status_code == 409
    other = make_activity(cast, title="座谈会")
    invited = chair.post(f"/api/v1/activities/{other.pk}/invitations", {"worker_id": worker.pk}, content_type=JSON)
    assert invited.status_code == 201
    assert code(chair.post(f"/api/v1/activities/{other.pk}/invitations", {"worker_id": worker.pk},
                           content_type=JSON)) == (409, "already_invited")
    answer = f"/api/v1/activities/invitations/{invited.json()['id']}/answer"
    assert client_for(cast.users["chair"]).post(answer, {"accept": True}, content_type=JSON).status_code == 404
    member = client_for(cast.users["member"])
    assert member.post(answer, {"accept": True}, content_type=JSON).json()["status"] == "accepted"
    assert code(member.post(answer, {"accept": False}, content_type=JSON)) == (409, "already_answered")
    assert Invitation.objects.get().status == "accepted"
    assert member.post(f"/api/v1/activities/{other.pk}/signups", {"worker_id": worker.pk},
                       content_type=JSON).status_code == 403


def test_costs_are_booked_and_photos_checked_like_on_the_roster_page(cast, client_for):
    activity = make_activity(cast)
    chair = client_for(cast.users["chair"])
    today = timezone.localdate().isoformat()
    cost = chair.post(f"/api/v1/activities/{activity.pk}/costs", {"on": today, "amount": "120"}, content_type=JSON)
    assert cost.status_code == 201 and cost.json()["ledger_entry_id"]
    assert code(chair.post(f"/api/v1/activities/{activity.pk}/costs", {"on": today, "amount": "0"},
                           content_type=JSON)) == (422, "amount_not_positive")
    assert ActivityCost.objects.count() == 1
    photo = chair.post(f"/api/v1/activities/{activity.pk}/photos",
                       {"file": SimpleUploadedFile("a.png", images.PNG), "caption": "合影"})
    assert photo.status_code == 201 and photo.json()["caption"] == "合影"
    bad = chair.post(f"/api/v1/activities/{activity.pk}/photos", {"file": SimpleUploadedFile("a.png", b"not")})
    assert bad.status_code == 422
    assert client_for(cast.users["member"]).post(f"/api/v1/activities/{activity.pk}/costs",
                                                 {"on": today, "amount": "1"}, content_type=JSON).status_code == 403


def test_the_room_registers_assets_and_cancels_bookings(cast, client_for):
    chair = client_for(cast.users["chair"])
    asset = {"name": "乒乓球拍", "code": "P-1", "category": "sport"}
    assert chair.post("/api/v1/activities/room/assets", asset, content_type=JSON).status_code == 201
    assert code(chair.post("/api/v1/activities/room/assets", asset, content_type=JSON)) == (409, "code_duplicate")
    assert code(chair.post("/api/v1/activities/room/assets", {**asset, "code": "P-2", "price": "300"},
                           content_type=JSON)) == (422, "purchase_date_required")
    start = timezone.now() + dt.timedelta(days=3)
    booking = booking_create(actor=None, room=room_create(actor=None, union=cast.union, name="活动室"),
                             starts_at=start, ends_at=start + dt.timedelta(hours=1), purpose="读书会")
    url = f"/api/v1/activities/room/bookings/{booking.pk}/cancel"
    assert chair.post(url).json()["status"] == "cancelled"
    assert code(chair.post(url)) == (409, "already_cancelled")
    assert client_for(cast.users["member"]).post(url).status_code == 403

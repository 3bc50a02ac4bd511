"""A union sets up its rooms through the API, then books them: before, only the demo could make a room."""
import datetime as dt

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_room_is_created_listed_and_booked(cast, client_for):
    client = client_for(cast.users["chair"])
    r = client.post("/api/v1/activities/room/rooms", {"name": "职工活动室", "location": "三楼"},
                    content_type="application/json")
    assert r.status_code == 201, r.content
    room = r.json()
    assert client.get("/api/v1/activities/room/rooms").json() == [room]
    again = client.post("/api/v1/activities/room/rooms", {"name": "职工活动室"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "room_duplicate"
    start = timezone.localtime().replace(hour=15, minute=0, second=0, microsecond=0) + dt.timedelta(days=3)
    booked = client.post("/api/v1/activities/room/bookings", {
        "room_id": room["id"], "starts_at": start.isoformat(), "ends_at": (start + dt.timedelta(hours=2)).isoformat(),
        "purpose": "周五学习"}, content_type="application/json")
    assert booked.status_code == 201, booked.content
    member = client_for(cast.users["member"])
    refused = member.post("/api/v1/activities/room/rooms", {"name": "会议室"}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["message"]
    assert client_for(cast.users["outsider"]).get("/api/v1/activities/room/rooms").json() == []

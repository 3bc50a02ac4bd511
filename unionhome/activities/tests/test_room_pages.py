"""Rooms created and kept from the room page: a new union's chair adds the activity room before anyone books."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhome.activities.models import Room
from unionhome.activities.services_room import booking_create, room_create, room_set_closed, room_update
from unionhome.core.errors import Conflict, RuleViolation

pytestmark = pytest.mark.django_db


def _slot(days, hour):
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_a_room_needs_a_name_unique_in_the_union_and_a_capacity_of_at_least_one(cast):
    chair = cast.users["chair"]
    room = room_create(actor=chair, union=cast.union, name=" 职工活动室 ", location="三楼", capacity=30,
                       hours="周五下午")
    assert (room.name, room.capacity, room.hours, room.closed) == ("职工活动室", 30, "周五下午", False)
    with pytest.raises(Conflict, match="同名场地已存在"):
        room_create(actor=chair, union=cast.union, name="职工活动室")
    with pytest.raises(RuleViolation, match="容纳人数"):
        room_create(actor=chair, union=cast.union, name="会议室", capacity=0)
    with pytest.raises(RuleViolation, match="请填写名称"):
        room_create(actor=chair, union=cast.union, name="  ")
    # the same name in another union is that union's business
    assert room_create(actor=None, union=cast.other_union, name="职工活动室").pk


def test_a_room_is_renamed_but_not_onto_another_rooms_name(cast):
    chair = cast.users["chair"]
    room = room_create(actor=chair, union=cast.union, name="职工活动室")
    room_create(actor=chair, union=cast.union, name="会议室")
    with pytest.raises(Conflict, match="同名场地已存在"):
        room_update(actor=chair, room=room, name="会议室")
    with pytest.raises(RuleViolation, match="容纳人数"):
        room_update(actor=chair, room=room, name="职工活动室", capacity=-1)
    room = room_update(actor=chair, room=room, name="职工之家活动室", location="二楼", capacity=40, hours="全天")
    room.refresh_from_db()
    assert (room.name, room.location, room.capacity, room.hours) == ("职工之家活动室", "二楼", 40, "全天")
    # saving it unchanged is not a clash with itself
    assert room_update(actor=chair, room=room, name="职工之家活动室").name == "职工之家活动室"


def test_a_closed_room_takes_no_new_booking_and_keeps_its_old_ones(cast):
    chair = cast.users["chair"]
    room = room_create(actor=chair, union=cast.union, name="职工活动室")
    kept = booking_create(actor=chair, room=room, starts_at=_slot(3, 14), ends_at=_slot(3, 16), purpose="乒乓球")
    room_set_closed(actor=chair, room=room, closed=True)
    with pytest.raises(Conflict, match="已停用"):
        booking_create(actor=chair, room=room, starts_at=_slot(4, 14), ends_at=_slot(4, 16), purpose="象棋")
    with pytest.raises(Conflict):
        room_set_closed(actor=chair, room=room, closed=True)
    kept.refresh_from_db()
    assert kept.status == "booked"
    room_set_closed(actor=chair, room=room, closed=False)
    assert booking_create(actor=chair, room=room, starts_at=_slot(4, 14), ends_at=_slot(4, 16), purpose="象棋").pk


def test_the_room_page_says_when_there_is_no_room_and_shows_the_chair_the_form(cast, client_for):
    chair = client_for(cast.users["chair"]).get(reverse("activities:room")).content.decode()
    assert 'id="rooms-empty"' in chair and 'id="room-new"' in chair and "新增活动室" in chair
    member = client_for(cast.users["member"]).get(reverse("activities:room")).content.decode()
    assert 'id="rooms-empty"' in member and "新增活动室" not in member and 'id="room-new"' not in member


def test_the_chair_adds_edits_and_closes_a_room_from_the_page(cast, client_for):
    chair = client_for(cast.users["chair"])
    response = chair.post(reverse("activities:room_new"), {"name": "职工活动室", "location": "三楼", "capacity": "30",
                                                           "hours": "周五下午"}, follow=True)
    assert "已新增 职工活动室" in response.content.decode()
    room = Room.objects.get(union=cast.union, name="职工活动室")
    response = chair.post(reverse("activities:room_new"), {"name": "职工活动室"}, follow=True)
    assert "同名场地已存在" in response.content.decode()
    response = chair.post(reverse("activities:room_edit", args=[room.pk]), {"name": "职工活动室", "capacity": "0"})
    assert response.status_code == 200 and Room.objects.get(pk=room.pk).capacity == 30  # the form comes back
    chair.post(reverse("activities:room_edit", args=[room.pk]), {"name": "职工之家", "capacity": "25"})
    assert Room.objects.get(pk=room.pk).name == "职工之家"
    chair.post(reverse("activities:room_close", args=[room.pk]))
    assert Room.objects.get(pk=room.pk).closed
    page = chair.get(reverse("activities:calendar")).content.decode()
    assert f'<option value="{room.pk}"' not in page  # a closed room is not offered for booking
    member = client_for(cast.users["member"]).get(reverse("activities:room")).content.decode()
    assert "职工之家" in member and "已停用" in member and "room-edit" not in member


def test_the_api_edits_and_closes_a_room(cast, client_for):
    api = client_for(cast.users["committee"])
    created = api.post("/api/v1/activities/room/rooms", {"name": "会议室", "capacity": 12},
                       content_type="application/json")
    assert created.status_code == 201, created.content
    room_id = created.json()["id"]
    edited = api.put(f"/api/v1/activities/room/rooms/{room_id}", {"name": "大会议室", "capacity": 0},
                     content_type="application/json")
    assert edited.status_code == 422
    edited = api.put(f"/api/v1/activities/room/rooms/{room_id}", {"name": "大会议室", "hours": "工作日"},
                     content_type="application/json")
    assert edited.json()["name"] == "大会议室" and edited.json()["hours"] == "工作日"
    assert api.post(f"/api/v1/activities/room/rooms/{room_id}/close").json()["closed"] is True
    again = api.post(f"/api/v1/activities/room/rooms/{room_id}/close")
    assert again.status_code == 409 and again.json()["code"] == "room_already_closed"

"""The activity room under a burst (PostgreSQL, ``core.testing.race``): one booking of a slot, one open loan of
an item. The controls take the row lock away (a plain read, every caller held after it until all have read:
``met``) and drop the database rule behind it (the exclusion constraint on bookings, the unique open loan): the slot is then booked twice, the item
lent twice."""
import datetime as dt
import importlib
import itertools
from types import SimpleNamespace
from unittest import mock

import pytest
from django.utils import timezone

from unionhome.activities import services_room
from unionhome.activities.models import Asset, Booking, Loan, Room
from unionhome.activities.services_room import asset_create, booking_create, loan_create, room_create
from unionhome.core.testing.race import all_of, constraint_dropped, met, race, sql_constraint_dropped

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
_numbers = itertools.count(1)
NO_OVERLAP = importlib.import_module("unionhome.activities.migrations.0002_booking_no_overlap_on_postgresql")
PEOPLE = ["member", "group_leader", "committee", "women_committee", "finance", "chair"]


def _at(hour):
    day = timezone.localdate() + dt.timedelta(days=3)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def _room_unlocked(room):
    return Room.objects.get(pk=room.pk)


def _asset_unlocked(asset):
    return Asset.objects.get(pk=asset.pk)


def test_six_people_booking_one_evening_at_once_get_one_booking(cast):
    def prepare():
        return room_create(actor=None, union=cast.union, name=f"职工活动室{next(_numbers)}")

    def book(room, i):  # overlapping evenings: 18–20, 19–21, …
        return booking_create(actor=cast.users[PEOPLE[i]], room=room, starts_at=_at(18 + i % 2),
                              ends_at=_at(20 + i % 2), purpose=f"活动{i}")

    def booked_once(burst):
        assert Booking.objects.filter(room=burst.state, status="booked").count() == 1, burst.summary()
        assert len(burst.succeeded) == 1 and set(burst.codes) == {"booking_overlap"}, burst.summary()

    def unprotected():
        return all_of(mock.patch.object(services_room, "_locked_room", _room_unlocked),
                      met(services_room, "_locked_room", len(PEOPLE)),
                      sql_constraint_dropped(drop=NO_OVERLAP.DROP, add=NO_OVERLAP.ADD,
                                             cleanup=lambda: Booking.objects.all().delete()))

    race(prepare=prepare, call=book, n=len(PEOPLE), check=booked_once, control=unprotected)


def test_six_people_borrowing_one_item_at_once_get_one_loan(cast):
    def prepare():
        n = next(_numbers)
        asset = asset_create(actor=None, union=cast.union, name="羽毛球拍", code=f"R-{n}", category="sport")
        return SimpleNamespace(asset=asset, workers=[cast.workers[p] for p in PEOPLE])

    def lent_once(burst):
        assert Loan.objects.filter(asset=burst.state.asset, returned_on__isnull=True).count() == 1, burst.summary()
        assert len(burst.succeeded) == 1 and set(burst.codes) == {"already_lent"}, burst.summary()

    def unprotected():
        return all_of(mock.patch.object(services_room, "_locked_asset", _asset_unlocked),
                      met(services_room, "_locked_asset", len(PEOPLE)),
                      constraint_dropped(Loan, "loan_one_open_per_asset", cleanup=lambda: Loan.objects.all().delete()))

    race(prepare=prepare, n=len(PEOPLE), check=lent_once, control=unprotected,
         call=lambda st, i: loan_create(actor=None, asset=st.asset, worker=st.workers[i]))

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from unionhome.activities.models import Booking, Loan
from unionhome.activities.queries_room import loan_overdue
from unionhome.activities.services_room import (
    asset_create,
    booking_cancel,
    booking_create,
    loan_create,
    loan_return,
    room_create,
)
from unionhome.core.errors import Conflict, RuleViolation

pytestmark = pytest.mark.django_db


def _book(cast, code="B-001", **kw):
    return asset_create(actor=cast.users["chair"], union=cast.union, name="《平凡的世界》", code=code, category="book",
                        **kw)


def test_a_book_is_lent_and_returned(cast):
    book = _book(cast)
    loan = loan_create(actor=cast.users["committee"], asset=book, worker=cast.workers["member"])
    assert loan.due_on == loan.lent_on + dt.timedelta(days=30)
    with pytest.raises(Conflict, match="已借出"):
        loan_create(actor=cast.users["committee"], asset=book, worker=cast.workers["finance"])
    loan_return(actor=cast.users["committee"], loan=loan, condition="worn")
    book.refresh_from_db()
    assert book.condition == "worn"
    assert loan_create(actor=cast.users["committee"], asset=book, worker=cast.workers["finance"]).pk


def test_the_database_refuses_two_open_loans_of_one_item(cast):
    book = _book(cast)
    loan_create(actor=None, asset=book, worker=cast.workers["member"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.create(union=cast.union, asset=book, worker=cast.workers["finance"], lent_on=timezone.localdate(),
                            due_on=timezone.localdate())


def test_it_lists_overdue_loans(cast):
    book = _book(cast)
    today = timezone.localdate()
    loan_create(actor=None, asset=book, worker=cast.workers["member"], lent_on=today - dt.timedelta(days=40))
    assert [l.asset for l in loan_overdue(cast.union)] == [book]


def test_it_rejects_more_open_loans_than_the_house_rule(cast):
    for i in range(3):
        loan_create(actor=None, asset=_book(cast, code=f"B-{i}"), worker=cast.workers["member"])
    with pytest.raises(RuleViolation, match="已借 3 件"):
        loan_create(actor=None, asset=_book(cast, code="B-9"), worker=cast.workers["member"])


def test_it_rejects_lending_broken_or_room_only_items(cast):
    tv = asset_create(actor=None, union=cast.union, name="电视机", code="TV-1", category="tv", lendable=False)
    with pytest.raises(RuleViolation, match="不外借"):
        loan_create(actor=None, asset=tv, worker=cast.workers["member"])
    chess = asset_create(actor=None, union=cast.union, name="象棋", code="C-1", category="chess", condition="broken")
    with pytest.raises(RuleViolation, match="不能借出"):
        loan_create(actor=None, asset=chess, worker=cast.workers["member"])


def test_it_rejects_duplicate_asset_codes_and_a_purchase_without_date(cast):
    _book(cast)
    with pytest.raises(Conflict):
        _book(cast)
    with pytest.raises(RuleViolation, match="购置日期"):
        _book(cast, code="B-2", price=Decimal("39.80"))


def _at(day_offset, hour):
    tz = timezone.get_current_timezone()
    day = timezone.localdate() + dt.timedelta(days=day_offset)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=tz)


def test_it_refuses_overlapping_bookings(cast):
    room = room_create(actor=None, union=cast.union, name="职工活动室")
    booking_create(actor=None, room=room, starts_at=_at(1, 14), ends_at=_at(1, 17), purpose="周五活动")
    with pytest.raises(Conflict, match="冲突"):
        booking_create(actor=None, room=room, starts_at=_at(1, 16), ends_at=_at(1, 18), purpose="象棋练习")
    # touching slots are fine
    booking_create(actor=None, room=room, starts_at=_at(1, 17), ends_at=_at(1, 18), purpose="象棋练习")


def test_a_cancelled_booking_frees_the_slot(cast):
    room = room_create(actor=None, union=cast.union, name="职工活动室")
    b = booking_create(actor=None, room=room, starts_at=_at(2, 9), ends_at=_at(2, 11), purpose="读书会")
    booking_cancel(actor=None, booking=b)
    assert booking_create(actor=None, room=room, starts_at=_at(2, 9), ends_at=_at(2, 11), purpose="乒乓球").pk


@pytest.mark.postgres
def test_postgresql_itself_refuses_overlapping_bookings(cast):
    room = room_create(actor=None, union=cast.union, name="职工活动室")
    booking_create(actor=None, room=room, starts_at=_at(1, 14), ends_at=_at(1, 17), purpose="周五活动")
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(union=cast.union, room=room, starts_at=_at(1, 15), ends_at=_at(1, 16), purpose="x")

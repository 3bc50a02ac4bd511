"""Reads of the activity room: equipment with its current loan, the overdue list, the calendar."""
from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from unionhome.activities.models import Asset, Booking, Loan, Room


def asset_list(union, *, category: str = "", q: str = "") -> QuerySet[Asset]:
    open_loan = Loan.objects.filter(asset=OuterRef("pk"), returned_on__isnull=True)
    qs = Asset.objects.filter(union=union).annotate(
        borrower=Subquery(open_loan.values("worker__name")[:1]), due_on=Subquery(open_loan.values("due_on")[:1]),
        open_loan_id=Subquery(open_loan.values("pk")[:1]))
    if category:
        qs = qs.filter(category=category)
    if q:
        qs = qs.filter(name__contains=q) | qs.filter(code__iexact=q)
    return qs


def loan_open(union) -> QuerySet[Loan]:
    return (Loan.objects.filter(union=union, returned_on__isnull=True).select_related("asset", "worker", "worker__group")
            .order_by("due_on", "id"))


def loan_overdue(union, *, today: dt.date | None = None) -> QuerySet[Loan]:
    today = today or timezone.localdate()
    return loan_open(union).filter(due_on__lt=today)


def loans_of(union, worker_id: int) -> QuerySet[Loan]:
    return Loan.objects.filter(union=union, worker_id=worker_id).select_related("asset")


def rooms(union) -> QuerySet[Room]:
    return Room.objects.filter(union=union)


def booking_week(union, start: dt.date) -> list[dict]:
    """Seven days from ``start``, each with its live bookings across the union's rooms."""
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    end = begin + dt.timedelta(days=7)
    bookings = list(Booking.objects.filter(union=union, status=Booking.Status.BOOKED, starts_at__lt=end,
                                           ends_at__gt=begin).select_related("room", "activity"))
    days = []
    for i in range(7):
        day = start + dt.timedelta(days=i)
        days.append({"day": day, "bookings": [b for b in bookings if timezone.localtime(b.starts_at).date() == day]})
    return days


def room_list(union):
    return Room.objects.filter(union=union).order_by("pk")

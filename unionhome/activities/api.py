"""JSON API of activities and the activity room. Domain errors → {"code","message"} with 409/422."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema

from unionhome.activities import queries, queries_room
from unionhome.activities.models import Activity, Asset, Booking, Loan, Room, Signup
from unionhome.activities.services import signup_cancel, signup_check_in, signup_create
from unionhome.activities.services_room import booking_create, loan_create, loan_return
from unionhome.core.errors import RuleViolation
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.members.models import Worker

router = Router(tags=[gettext_lazy("活动")])


class ActivityOut(Schema):
    id: int
    kind: str
    title: str
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    signup_opens_at: dt.datetime | None
    signup_closes_at: dt.datetime | None
    partner: str
    capacity: int | None
    accepted_count: int
    eligibility: str
    status: str
    series_id: int | None  # the series this session belongs to (weekly/monthly), if any
    occurrence: int | None


class SignupIn(CleanTextSchema):
    idempotency_key: str | None = None


class SignupOut(Schema):
    id: int
    activity_id: int
    worker_id: int
    group_id: int | None
    status: str
    source: str
    checked_in_at: dt.datetime | None
    created_at: dt.datetime


class CheckinIn(CleanTextSchema):
    code: str


class YearIn(CleanTextSchema):
    year: int | None = None


class StatsOut(Schema):
    year: dict
    by_activity: list[dict]
    by_group: list[dict]


def _me(ctx) -> Worker:
    if not ctx.worker_id:
        raise RuleViolation("no_worker", _("账号未关联职工，不能报名"))
    return get_in_union_or_404(Worker.objects.select_related("membership"), ctx.union, pk=ctx.worker_id)


@router.get("", response=list[ActivityOut], url_name="activities_list")
def activity_list(request, filters: Query[YearIn]):
    ctx = api_require(request, "activities.view")
    return list(queries.activity_list(ctx.union, year=filters.year)[:500])


@router.get("/{int:activity_id}", response=ActivityOut, url_name="activities_detail")
def activity_detail(request, activity_id: int):
    ctx = api_require(request, "activities.view")
    return get_in_union_or_404(Activity, ctx.union, pk=activity_id)


@router.post("/{int:activity_id}/signup", response={201: SignupOut}, url_name="activities_signup")
def signup(request, activity_id: int, body: SignupIn):
    """Sign the caller up. 409 名额已满 / 已报名; the same idempotency key (body or
    ``Idempotency-Key`` header) returns the first sign-up."""
    ctx = api_require(request, "activities.view")
    activity = get_in_union_or_404(Activity.objects.select_related("union"), ctx.union, pk=activity_id)
    key = body.idempotency_key or request.headers.get("Idempotency-Key")
    return 201, signup_create(actor=request.user, activity=activity, worker=_me(ctx), idempotency_key=key)


@router.post("/signups/{int:signup_id}/cancel", response=SignupOut, url_name="activities_signup_cancel")
def cancel(request, signup_id: int):
    ctx = api_require(request, "activities.view")
    qs = Signup.objects.all() if ctx.has("activities.manage") else Signup.objects.filter(worker_id=ctx.worker_id)
    return signup_cancel(actor=request.user, signup=get_in_union_or_404(qs, ctx.union, pk=signup_id))


@router.get("/{int:activity_id}/signups", response=list[SignupOut], url_name="activities_signups")
def signups(request, activity_id: int):
    """All sign-ups for officers; a group leader gets those of their own group's members."""
    ctx = api_require(request, "activities.manage", "activities.group_signups", any_of=True)
    activity = get_in_union_or_404(Activity, ctx.union, pk=activity_id)
    if ctx.has("activities.manage"):
        return list(Signup.objects.filter(activity=activity).order_by("created_at", "id"))
    return list(queries.signup_of_groups(activity, ctx.group_ids).order_by("created_at", "id"))


@router.post("/{int:activity_id}/checkin", response=SignupOut, url_name="activities_checkin")
def checkin(request, activity_id: int, body: CheckinIn):
    ctx = api_require(request, "activities.checkin")
    activity = get_in_union_or_404(Activity, ctx.union, pk=activity_id)
    return signup_check_in(actor=request.user, activity=activity, code=body.code)


@router.get("/me/signups", response=list[SignupOut], url_name="activities_my_signups")
def my_signups(request):
    ctx = api_require(request, "activities.view")
    return list(queries.member_history(ctx.union, ctx.worker_id or 0))


@router.get("/stats", response=StatsOut, url_name="activities_stats")
def stats(request, filters: Query[YearIn]):
    ctx = api_require(request, "activities.stats")
    year = filters.year or dt.date.today().year
    by_activity = [{"id": a["pk"], "title": a["title"], "series": a["series"], "sessions": a["sessions"],
                    "accepted": a["accepted"], "checked_in": a["checked_in"], "waitlisted": a["waitlisted"]}
                   for a in queries.stats_by_activity(ctx.union, year)]
    return {"year": queries.stats_year(ctx.union, year), "by_activity": by_activity,
            "by_group": queries.stats_by_group(ctx.union, year)}


# --- Activity room ----------------------------------------------------------------------------------

class AssetOut(Schema):
    id: int
    name: str
    code: str
    category: str
    condition: str
    location: str
    lendable: bool
    borrower: str | None = None
    due_on: dt.date | None = None


class LoanIn(CleanTextSchema):
    asset_id: int
    worker_id: int
    due_on: dt.date | None = None


class LoanOut(Schema):
    id: int
    asset_id: int
    worker_id: int
    lent_on: dt.date
    due_on: dt.date
    returned_on: dt.date | None


class ReturnIn(CleanTextSchema):
    condition: str = ""


class BookingIn(CleanTextSchema):
    room_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    purpose: str


class BookingOut(Schema):
    id: int
    room_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    purpose: str
    status: str


@router.get("/room/assets", response=list[AssetOut], url_name="room_assets")
def assets(request):
    ctx = api_require(request, "room.view")
    return list(queries_room.asset_list(ctx.union))


@router.get("/room/loans/overdue", response=list[LoanOut], url_name="room_overdue")
def overdue(request):
    ctx = api_require(request, "room.manage")
    return list(queries_room.loan_overdue(ctx.union))


@router.post("/room/loans", response={201: LoanOut}, url_name="room_loan_create")
def lend(request, body: LoanIn):
    ctx = api_require(request, "room.manage")
    asset = get_in_union_or_404(Asset, ctx.union, pk=body.asset_id)
    worker = get_in_union_or_404(Worker, ctx.union, pk=body.worker_id)
    return 201, loan_create(actor=request.user, asset=asset, worker=worker, due_on=body.due_on)


@router.post("/room/loans/{int:loan_id}/return", response=LoanOut, url_name="room_loan_return")
def give_back(request, loan_id: int, body: ReturnIn):
    ctx = api_require(request, "room.manage")
    return loan_return(actor=request.user, loan=get_in_union_or_404(Loan, ctx.union, pk=loan_id),
                       condition=body.condition)


@router.get("/room/bookings", response=list[BookingOut], url_name="room_bookings")
def bookings(request):
    ctx = api_require(request, "room.view")
    return list(Booking.objects.filter(union=ctx.union, status=Booking.Status.BOOKED,
                                       ends_at__gte=dt.datetime.now(dt.UTC)).order_by("starts_at")[:200])


@router.post("/room/bookings", response={201: BookingOut}, url_name="room_booking_create")
def book(request, body: BookingIn):
    ctx = api_require(request, "room.manage")
    room = get_in_union_or_404(Room, ctx.union, pk=body.room_id)
    return 201, booking_create(actor=request.user, room=room, starts_at=body.starts_at, ends_at=body.ends_at,
                               purpose=body.purpose)

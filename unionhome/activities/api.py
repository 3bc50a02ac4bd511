"""JSON API of activities and the activity room. Domain errors → {"code","message"} with 409/422."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from unionhome.activities import queries, queries_room
from unionhome.activities.models import Activity, Asset, Booking, Loan, Room, Signup
from unionhome.activities.services import signup_cancel, signup_check_in, signup_create
from unionhome.activities.services_room import booking_create, loan_create, loan_return
from unionhome.core.api_answers import json_answer
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


_SIGNUP_OUT = tuple(SignupOut.model_fields)


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
    if not ctx.worker_id:
        get_in_union_or_404(Activity, ctx.union, pk=activity_id)  # a missing activity answers 404 first
        _me(ctx)
    activity, worker = queries.signup_parties(ctx.union, activity_id, ctx.worker_id)  # one statement
    key = body.idempotency_key or request.headers.get("Idempotency-Key")
    row = signup_create(actor=request.user, activity=activity, worker=worker, idempotency_key=key)
    # The burst path: the body ``SignupOut`` gives, without validating the row just written against the schema
    # (``core.api_answers``; ``test_the_sign_up_answer_is_the_schemas_body`` compares the two).
    return json_answer(request, {n: getattr(row, n) for n in _SIGNUP_OUT}, status=201)


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


# --- Officers: the pages' writes (issue 13) --------------------------------------------------------

class ActivityIn(CleanTextSchema):
    """``repeat`` ("weekly"/"monthly") with ``occurrences`` creates a series; ``quotas`` maps group ids to
    places (eligibility "group_quota")."""
    kind: str
    title: str = Field(max_length=120)
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str = Field("", max_length=200)
    description: str = ""
    signup_opens_at: dt.datetime | None = None
    signup_closes_at: dt.datetime | None = None
    partner: str = Field("", max_length=120)
    recurrence: str = Field("", max_length=60)
    capacity: int | None = Field(None, ge=0)
    waitlist: bool = True
    eligibility: str = Activity.Eligibility.EVERYONE
    budget: Decimal = Field(Decimal("0"), ge=0)
    organiser_ids: list[int] = []
    quotas: dict[int, int] = {}
    repeat: str = ""
    occurrences: int | None = None


class ActivityPatch(CleanTextSchema):
    kind: str | None = None
    title: str | None = Field(None, max_length=120)
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    place: str | None = Field(None, max_length=200)
    description: str | None = None
    signup_opens_at: dt.datetime | None = None
    signup_closes_at: dt.datetime | None = None
    partner: str | None = Field(None, max_length=120)
    recurrence: str | None = Field(None, max_length=60)
    capacity: int | None = Field(None, ge=0)
    waitlist: bool | None = None
    eligibility: str | None = None
    budget: Decimal | None = Field(None, ge=0)
    organiser_ids: list[int] | None = None
    quotas: dict[int, int] | None = None


def _organisers(ctx, ids):
    return [get_in_union_or_404(Worker, ctx.union, pk=pk) for pk in ids]


def _quotas(ctx, quotas):
    from unionhome.org.models import UnionGroup

    return {get_in_union_or_404(UnionGroup, ctx.union, pk=pk): places for pk, places in quotas.items()}


@router.post("", response={201: list[ActivityOut]}, url_name="activities_create")
def activity_new(request, body: ActivityIn):
    """Publish an activity, or a weekly/monthly series of them (answers every occurrence created)."""
    from unionhome.activities.services import activity_create, series_create

    ctx = api_require(request, "activities.manage")
    data = body.dict()
    repeat, occurrences = data.pop("repeat"), data.pop("occurrences")
    data["organisers"] = _organisers(ctx, data.pop("organiser_ids"))
    data["quotas"] = _quotas(ctx, data.pop("quotas"))
    if repeat:
        series = series_create(actor=request.user, union=ctx.union, frequency=repeat, occurrences=occurrences,
                               **data)
        return Status(201, list(queries.series_occurrences_of(series)))
    return Status(201, [activity_create(actor=request.user, union=ctx.union, **data)])


@router.patch("/{int:activity_id}", response=ActivityOut, url_name="activities_detail")
def activity_edit(request, activity_id: int, body: ActivityPatch):
    """Change the fields sent (one occurrence of a series: the others stay as they are)."""
    from unionhome.activities.services import activity_update

    ctx = api_require(request, "activities.manage")
    activity = get_in_union_or_404(Activity, ctx.union, pk=activity_id)
    data = body.dict(exclude_unset=True)
    organiser_ids, quotas = data.pop("organiser_ids", None), data.pop("quotas", None)
    return activity_update(actor=request.user, activity=activity,
                           organisers=None if organiser_ids is None else _organisers(ctx, organiser_ids),
                           quotas=None if quotas is None else _quotas(ctx, quotas), **data)


class ReasonIn(CleanTextSchema):
    reason: str = Field("", max_length=200)


@router.post("/{int:activity_id}/cancel", response=ActivityOut, url_name="activities_cancel")
def activity_cancel(request, activity_id: int, body: ReasonIn):
    from unionhome.activities.services import activity_cancel as cancel_activity

    ctx = api_require(request, "activities.manage")
    activity = get_in_union_or_404(Activity, ctx.union, pk=activity_id)
    return cancel_activity(actor=request.user, activity=activity, reason=body.reason)


class PersonIn(CleanTextSchema):
    worker_id: int


@router.post("/{int:activity_id}/signups", response={201: SignupOut}, url_name="activities_signups")
def signup_add(request, activity_id: int, body: PersonIn):
    """An officer adds someone: the sign-up window does not apply, capacity and eligibility do."""
    from unionhome.activities.services import signup_add as add

    ctx = api_require(request, "activities.manage")
    activity = get_in_union_or_404(Activity, ctx.union, pk=activity_id)
    worker = get_in_union_or_404(Worker, ctx.union, pk=body.worker_id)
    return Status(201, add(actor=request.user, activity=activity, worker=worker))


class InvitationOut(Schema):
    id: int
    activity_id: int
    worker_id: int
    status: str
    responded_at: dt.datetime | None


@router.post("/{int:activity_id}/invitations", response={201: InvitationOut}, url_name="activities_invitations")
def invitation_create(request, activity_id: int, body: PersonIn):
    """Invite a representative (the roster page's 邀请); they answer themselves."""
    from unionhome.activities.services import invitation_create as invite

    ctx = api_require(request, "activities.manage")
    activity = get_in_union_or_404(Activity, ctx.union, pk=activity_id)
    worker = get_in_union_or_404(Worker, ctx.union, pk=body.worker_id)
    return Status(201, invite(actor=request.user, activity=activity, worker=worker))


class AnswerIn(CleanTextSchema):
    accept: bool


@router.post("/invitations/{int:invitation_id}/answer", response=InvitationOut, url_name="activities_invitation_answer")
def invitation_answer(request, invitation_id: int, body: AnswerIn):
    """The invited member answers their own invitation; accepting puts them on the list."""
    from unionhome.activities.models import Invitation
    from unionhome.activities.services import invitation_respond

    ctx = api_require(request, "activities.view")
    invitation = get_in_union_or_404(Invitation.objects.filter(worker_id=ctx.worker_id or 0), ctx.union,
                                     pk=invitation_id)
    return invitation_respond(actor=request.user, invitation=invitation, accept=body.accept)


class CostIn(CleanTextSchema):
    on: dt.date
    amount: Decimal
    subcategory: str = "culture_sports"
    counterparty: str = Field("", max_length=120)
    note: str = Field("", max_length=200)


class CostOut(Schema):
    id: int
    activity_id: int
    on: dt.date
    amount: Decimal
    subcategory: str
    ledger_entry_id: int | None = None  # the voucher it was booked as (funds.entries_for)

    @staticmethod
    def resolve_ledger_entry_id(obj) -> int | None:
        from unionhome.funds.queries import entries_for

        entry = entries_for(obj).filter(reverses__isnull=True).first()
        return entry.pk if entry else None


@router.post("/{int:activity_id}/costs", response={201: CostOut}, url_name="activities_costs")
def cost_add(request, activity_id: int, body: CostIn):
    """An actual cost, posted to the ledger under 职工活动支出."""
    from unionhome.activities.services import cost_record

    ctx = api_require(request, "activities.manage")
    activity = get_in_union_or_404(Activity, ctx.union, pk=activity_id)
    return Status(201, cost_record(actor=request.user, activity=activity, **body.dict()))


class PhotoIn(CleanTextSchema):
    caption: str = Field("", max_length=200)


class PhotoOut(Schema):
    id: int
    activity_id: int
    content_type: str
    size: int
    caption: str


@router.post("/{int:activity_id}/photos", response={201: PhotoOut}, url_name="activities_photos")
def photo_upload(request, activity_id: int, body: Form[PhotoIn], file: UploadedFile = File(None)):
    from unionhome.activities.services import photo_add

    ctx = api_require(request, "activities.manage")
    activity = get_in_union_or_404(Activity, ctx.union, pk=activity_id)
    if file is None:
        raise RuleViolation("file_required", _("请选择照片"), field="file")
    return Status(201, photo_add(actor=request.user, activity=activity, upload=file, caption=body.caption))


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


class AssetIn(CleanTextSchema):
    name: str = Field(max_length=120)
    code: str = Field(max_length=40)
    category: str
    price: Decimal = Field(Decimal("0"), ge=0)
    purchased_on: dt.date | None = None
    supplier: str = Field("", max_length=120)
    location: str = Field("", max_length=120)
    lendable: bool = True


@router.post("/room/assets", response={201: AssetOut}, url_name="room_assets")
def asset_new(request, body: AssetIn):
    """Register equipment; a purchase with a price is posted to the ledger (资本性支出)."""
    from unionhome.activities.services_room import asset_create

    ctx = api_require(request, "room.manage")
    return Status(201, asset_create(actor=request.user, union=ctx.union, **body.dict()))


class RoomIn(CleanTextSchema):
    name: str = Field(max_length=80)
    location: str = Field("", max_length=120)
    capacity: int | None = Field(None, ge=1, le=32767)
    hours: str = Field("", max_length=120)


class RoomOut(Schema):
    id: int
    name: str
    location: str
    capacity: int | None
    hours: str
    closed: bool


@router.get("/room/rooms", response=list[RoomOut], url_name="room_rooms")
def rooms(request):
    """The rooms that can be booked (their ids are what a booking names)."""
    ctx = api_require(request, "room.view")
    return list(queries_room.room_list(ctx.union))


@router.post("/room/rooms", response={201: RoomOut}, url_name="room_rooms")
def room_new(request, body: RoomIn):
    """A room of the union (the activity room, a meeting room) that bookings can name."""
    from unionhome.activities.services_room import room_create

    ctx = api_require(request, "room.manage")
    return Status(201, room_create(actor=request.user, union=ctx.union, **body.dict()))


@router.put("/room/rooms/{int:room_id}", response=RoomOut, url_name="room_room")
def room_edit(request, room_id: int, body: RoomIn):
    """Change a room's name, place, capacity or opening hours (the whole room is sent)."""
    from unionhome.activities.services_room import room_update

    ctx = api_require(request, "room.manage")
    room = get_in_union_or_404(Room, ctx.union, pk=room_id)
    return room_update(actor=request.user, room=room, **body.dict())


@router.post("/room/rooms/{int:room_id}/close", response=RoomOut, url_name="room_close")
def room_close(request, room_id: int):
    """No new bookings of a closed room; a room with bookings is never deleted."""
    from unionhome.activities.services_room import room_set_closed

    ctx = api_require(request, "room.manage")
    room = get_in_union_or_404(Room, ctx.union, pk=room_id)
    return room_set_closed(actor=request.user, room=room, closed=True)


@router.post("/room/rooms/{int:room_id}/reopen", response=RoomOut, url_name="room_reopen")
def room_reopen(request, room_id: int):
    from unionhome.activities.services_room import room_set_closed

    ctx = api_require(request, "room.manage")
    room = get_in_union_or_404(Room, ctx.union, pk=room_id)
    return room_set_closed(actor=request.user, room=room, closed=False)


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


@router.post("/room/bookings/{int:booking_id}/cancel", response=BookingOut, url_name="room_booking_cancel")
def booking_drop(request, booking_id: int):
    from unionhome.activities.services_room import booking_cancel

    ctx = api_require(request, "room.manage")
    return booking_cancel(actor=request.user, booking=get_in_union_or_404(Booking, ctx.union, pk=booking_id))

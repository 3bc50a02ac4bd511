"""The care pages' campaigns through the API (issue 13): 送温暖, women's health checks, donation and blood drives.
The same services, permissions and error codes as the pages."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status

from unionhome.care import queries
from unionhome.care.api import WarmthVisitOut
from unionhome.care.models import (
    BloodDrive,
    BloodVolunteer,
    Donation,
    DonationDrive,
    HealthCheckCampaign,
    HealthCheckInvite,
    HealthCheckSlot,
    WarmthCampaign,
    WarmthVisit,
)
from unionhome.care.services import drives as drive_svc
from unionhome.care.services import health as health_svc
from unionhome.care.services import warmth as warmth_svc
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.members.models import Worker

router = Router(tags=[gettext_lazy("关爱")])


class CountOut(Schema):
    count: int


# --- 送温暖 ----------------------------------------------------------------------------------------------------------

class WarmthIn(CleanTextSchema):
    name: str = Field(max_length=100)
    festival: str
    year: int = Field(ge=2000, le=2100)
    default_amount: Decimal


class WarmthCampaignOut(Schema):
    id: int
    name: str
    festival: str
    year: int
    default_amount: Decimal
    closed: bool


@router.post("/warmth", response={201: WarmthCampaignOut}, url_name="care_warmth_create")
def warmth_create(request, payload: WarmthIn):
    ctx = api_require(request, "care.hardship")
    return Status(201, warmth_svc.warmth_campaign_create(actor=request.user, union=ctx.union, **payload.dict()))


class SelectIn(CleanTextSchema):
    needy: bool = True
    retirees: bool = True


@router.post("/warmth/{campaign_id}/select", response=CountOut, url_name="care_warmth_select")
def warmth_select(request, campaign_id: int, payload: SelectIn):
    """Add every open hardship household and/or every retired member not yet on the list; answers how many."""
    ctx = api_require(request, "care.hardship")
    campaign = get_in_union_or_404(WarmthCampaign, ctx.union, pk=campaign_id)
    return {"count": warmth_svc.warmth_campaign_select(actor=request.user, campaign=campaign, **payload.dict())}


class AssignIn(CleanTextSchema):
    officer_id: int


@router.post("/warmth/visits/{visit_id}/assign", response=WarmthVisitOut, url_name="care_warmth_assign")
def warmth_assign(request, visit_id: int, payload: AssignIn):
    ctx = api_require(request, "care.hardship")
    visit = get_in_union_or_404(WarmthVisit, ctx.union, pk=visit_id)
    officer = get_in_union_or_404(Worker, ctx.union, pk=payload.officer_id)
    return warmth_svc.warmth_visit_assign(actor=request.user, visit=visit, officer=officer)


@router.post("/warmth/{campaign_id}/close", response=WarmthCampaignOut, url_name="care_warmth_close")
def warmth_close(request, campaign_id: int):
    """Only once every household on the list has been visited."""
    ctx = api_require(request, "care.hardship")
    campaign = get_in_union_or_404(WarmthCampaign, ctx.union, pk=campaign_id)
    return warmth_svc.warmth_campaign_close(actor=request.user, campaign=campaign)


class WarmthRoundOut(Schema):
    """A household as its visitor sees it: no hardship file field (reasons, income, ID) is part of it."""
    id: int
    campaign_id: int
    campaign: str
    name: str
    group: str
    target: str
    target_label: str
    visitor: str
    done_on: dt.date | None
    gift: str


@router.get("/warmth-rounds", response=list[WarmthRoundOut], url_name="care_warmth_rounds")
def warmth_rounds(request):
    """The households the caller visits in the open 送温暖 campaigns (care.manage)."""
    ctx = api_require(request, "care.manage")

    return queries.warmth_rounds(ctx.union, ctx.worker_id)


class VisitedIn(CleanTextSchema):
    on: dt.date
    gift: str = Field("", max_length=200)
    note: str = Field("", max_length=300)


@router.post("/warmth-rounds/{visit_id}/visited", response=WarmthRoundOut, url_name="care_warmth_visited")
def warmth_visited(request, visit_id: int, payload: VisitedIn):
    """The visitor records the visit made: booked at the household's standard amount."""
    ctx = api_require(request, "care.manage")

    visit = get_in_union_or_404(WarmthVisit, ctx.union, pk=visit_id)
    visitor = Worker.objects.filter(union=ctx.union, pk=ctx.worker_id).first()
    warmth_svc.warmth_visit_report(actor=request.user, visit=visit, visitor=visitor, **payload.dict())
    return next(r for r in queries.warmth_rounds(ctx.union, ctx.worker_id) if r["id"] == visit.pk)


# --- women's health checks ----------------------------------------------------------------------------------------

class HealthIn(CleanTextSchema):
    name: str = Field(max_length=100)
    clinic: str = Field(max_length=100)
    include_retirees: bool = False
    note: str = ""


class HealthCampaignOut(Schema):
    id: int
    name: str
    clinic: str
    include_retirees: bool
    note: str


@router.post("/health", response={201: HealthCampaignOut}, url_name="care_health_create")
def health_create(request, payload: HealthIn):
    ctx = api_require(request, "care.health")
    return Status(201, health_svc.health_campaign_create(actor=request.user, union=ctx.union, **payload.dict()))


class TimeRange(Schema):
    starts_at: dt.time
    ends_at: dt.time


class SlotsIn(CleanTextSchema):
    day: dt.date
    times: list[TimeRange] = Field(min_length=1)
    capacity: int = Field(ge=1, le=500)


class SlotOut(Schema):
    id: int
    day: dt.date
    starts_at: dt.time
    ends_at: dt.time
    capacity: int
    taken: int


@router.post("/health/{campaign_id}/slots", response={201: list[SlotOut]}, url_name="care_health_slots")
def health_slots(request, campaign_id: int, payload: SlotsIn):
    ctx = api_require(request, "care.health")
    campaign = get_in_union_or_404(HealthCheckCampaign, ctx.union, pk=campaign_id)
    times = [(t.starts_at, t.ends_at) for t in payload.times]
    return Status(201, health_svc.health_slots_add(actor=request.user, campaign=campaign, day=payload.day, times=times,
                                                   capacity=payload.capacity))


@router.post("/health/{campaign_id}/invite", response=CountOut, url_name="care_health_invite")
def health_invite(request, campaign_id: int):
    """Invite (and notify) every eligible woman not yet invited; answers how many."""
    ctx = api_require(request, "care.health")
    campaign = get_in_union_or_404(HealthCheckCampaign, ctx.union, pk=campaign_id)
    return {"count": health_svc.health_invite_eligible(actor=request.user, campaign=campaign, on=timezone.localdate())}


class InviteOut(Schema):
    id: int
    worker_id: int
    status: str
    slot_id: int | None
    screening: bool
    attended_on: dt.date | None


class InviteRowOut(InviteOut):
    worker_name: str

    @staticmethod
    def resolve_worker_name(obj):
        return obj.worker.name


@router.get("/health/{campaign_id}/invites", response=list[InviteRowOut], url_name="care_health_invites")
def health_invites(request, campaign_id: int):
    """The invited women with their slot and status, as the campaign's page lists them: the ids that scheduling,
    attendance and results take."""
    ctx = api_require(request, "care.health")
    campaign = get_in_union_or_404(HealthCheckCampaign, ctx.union, pk=campaign_id)
    return list(campaign.invites.select_related("worker").order_by("pk"))


class MoveIn(CleanTextSchema):
    slot_id: int


def _invite(ctx, invite_id):
    return get_in_union_or_404(HealthCheckInvite, ctx.union, pk=invite_id)


@router.post("/health/invites/{invite_id}/schedule", response=InviteOut, url_name="care_health_invite_schedule")
def health_move(request, invite_id: int, payload: MoveIn):
    """Book (or move) one invitee into a slot of the same campaign."""
    ctx = api_require(request, "care.health")
    invite = _invite(ctx, invite_id)
    slot = get_in_union_or_404(HealthCheckSlot, ctx.union, pk=payload.slot_id, campaign_id=invite.campaign_id)
    return health_svc.health_invite_schedule(actor=request.user, invite=invite, slot=slot)


class AttendIn(CleanTextSchema):
    on: dt.date
    attended: bool = True


@router.post("/health/invites/{invite_id}/attendance", response=InviteOut, url_name="care_health_attend")
def health_attend(request, invite_id: int, payload: AttendIn):
    ctx = api_require(request, "care.health")
    return health_svc.health_invite_attend(actor=request.user, invite=_invite(ctx, invite_id), **payload.dict())


class ResultIn(CleanTextSchema):
    result: str = Field(min_length=1, max_length=2000)


@router.put("/health/invites/{invite_id}/result", response=InviteOut, url_name="care_health_result")
def health_result(request, invite_id: int, payload: ResultIn):
    """The check's result, stored encrypted (sensitive health data); after the check only."""
    ctx = api_require(request, "care.health")
    return health_svc.health_result_record(actor=request.user, invite=_invite(ctx, invite_id), result=payload.result)


# --- donation and blood drives ------------------------------------------------------------------------------------

class DriveIn(CleanTextSchema):
    name: str = Field(max_length=100)
    cause: str = Field(max_length=200)
    recipient: str = Field(max_length=100)
    opened_on: dt.date


class DriveOut(Schema):
    id: int
    name: str
    cause: str
    recipient: str
    opened_on: dt.date
    handed_over_on: dt.date | None
    handover_note: str


@router.post("/donations", response={201: DriveOut}, url_name="care_donation_create")
def donation_create(request, payload: DriveIn):
    ctx = api_require(request, "care.manage")
    return Status(201, drive_svc.donation_drive_create(actor=request.user, union=ctx.union, **payload.dict()))


class DonationIn(CleanTextSchema):
    worker_id: int
    kind: str
    pledged: Decimal
    received: Decimal = Decimal(0)
    goods: str = Field("", max_length=200)
    received_on: dt.date | None = None


class DonationOut(Schema):
    id: int
    drive_id: int
    worker_id: int
    kind: str
    pledged: Decimal
    received: Decimal
    goods: str
    received_on: dt.date | None


@router.post("/donations/{drive_id}/donations", response={201: DonationOut}, url_name="care_donation_record")
def donation_record(request, drive_id: int, payload: DonationIn):
    ctx = api_require(request, "care.manage")
    drive = get_in_union_or_404(DonationDrive, ctx.union, pk=drive_id)
    data = payload.dict()
    worker = get_in_union_or_404(Worker, ctx.union, pk=data.pop("worker_id"))
    return Status(201, drive_svc.donation_record(actor=request.user, drive=drive, worker=worker, **data))


class ReceiveIn(CleanTextSchema):
    received: Decimal
    on: dt.date


@router.post("/donations/items/{donation_id}/receive", response=DonationOut, url_name="care_donation_receive")
def donation_receive(request, donation_id: int, payload: ReceiveIn):
    ctx = api_require(request, "care.manage")
    donation = get_in_union_or_404(Donation, ctx.union, pk=donation_id)
    return drive_svc.donation_receive(actor=request.user, donation=donation, **payload.dict())


class HandoverIn(CleanTextSchema):
    on: dt.date
    note: str = Field("", max_length=300)


@router.post("/donations/{drive_id}/handover", response=DriveOut, url_name="care_donation_handover")
def donation_handover(request, drive_id: int, payload: HandoverIn):
    """Hand the drive over to its recipient; nothing may be recorded after."""
    ctx = api_require(request, "care.manage")
    drive = get_in_union_or_404(DonationDrive, ctx.union, pk=drive_id)
    return drive_svc.donation_drive_hand_over(actor=request.user, drive=drive, **payload.dict())


class BloodIn(CleanTextSchema):
    name: str = Field(max_length=100)
    held_on: dt.date
    partner: str = Field("县红十字会", max_length=100)
    place: str = Field("", max_length=100)


class BloodOut(Schema):
    id: int
    name: str
    held_on: dt.date
    partner: str
    place: str


@router.post("/blood", response={201: BloodOut}, url_name="care_blood_create")
def blood_create(request, payload: BloodIn):
    ctx = api_require(request, "care.manage")
    return Status(201, drive_svc.blood_drive_create(actor=request.user, union=ctx.union, **payload.dict()))


class VolunteerIn(CleanTextSchema):
    worker_id: int


class VolunteerOut(Schema):
    id: int
    drive_id: int
    worker_id: int
    outcome: str
    volume_ml: int | None


@router.post("/blood/{drive_id}/volunteers", response={201: VolunteerOut}, url_name="care_blood_volunteer")
def blood_volunteer(request, drive_id: int, payload: VolunteerIn):
    """A volunteer within the configured donor ages, once per drive."""
    ctx = api_require(request, "care.manage")
    drive = get_in_union_or_404(BloodDrive, ctx.union, pk=drive_id)
    worker = get_in_union_or_404(Worker, ctx.union, pk=payload.worker_id)
    return Status(201, drive_svc.blood_volunteer_add(actor=request.user, drive=drive, worker=worker))


class OutcomeIn(CleanTextSchema):
    outcome: str
    volume_ml: int | None = Field(None, ge=50, le=600)


@router.post("/blood/volunteers/{volunteer_id}/outcome", response=VolunteerOut, url_name="care_blood_outcome")
def blood_outcome(request, volunteer_id: int, payload: OutcomeIn):
    ctx = api_require(request, "care.manage")
    volunteer = get_in_union_or_404(BloodVolunteer, ctx.union, pk=volunteer_id)
    return drive_svc.blood_outcome_record(actor=request.user, volunteer=volunteer, **payload.dict())

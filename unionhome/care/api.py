"""The care API: the same services and queries as the pages. Sensitive fields only where the permission allows."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status

from unionhome.care import queries
from unionhome.care.models import (
    BloodDrive,
    CareVisit,
    DonationDrive,
    HardshipFile,
    HealthCheckCampaign,
    WarmthCampaign,
    WarmthVisit,
)
from unionhome.care.services import hardship as hardship_svc
from unionhome.care.services import health as health_svc
from unionhome.care.services import warmth as warmth_svc
from unionhome.care.services.visits import visit_record
from unionhome.core.paging import Offset
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.funds.queries import vouchers_for
from unionhome.members.models import Worker

router = Router(tags=[gettext_lazy("关爱")])


class PersonOut(Schema):
    id: int
    name: str


class VisitOut(Schema):
    id: int
    worker: PersonOut
    kind: str
    visited_on: dt.date
    festival: str
    relation: str
    surgery: bool
    event_key: str
    gift_form: str
    gift: str
    amount: Decimal
    discharged_on: dt.date | None
    voucher: str | None
    override_reason: str

    @staticmethod
    def resolve_voucher(obj):
        return obj.payout.entry.voucher if obj.payout_id else None


class VisitIn(CleanTextSchema):
    worker_id: int
    kind: str
    visited_on: dt.date
    amount: Decimal
    gift_form: str = "goods"
    gift: str = ""
    festival: str = ""
    relation: str = ""
    surgery: bool = False
    event_key: str = ""
    officer_ids: list[int] = []
    note: str = ""
    override_reason: str = ""


class CalendarOut(Schema):
    birthdays: list[dict]
    in_hospital: list[dict]
    festivals: list[dict]


@router.get("/calendar", response=CalendarOut, url_name="care_calendar")
def calendar(request):
    ctx = api_require(request, "care.view")
    cal = queries.care_calendar(ctx.union, today=timezone.localdate())
    needy = ctx.has("care.hardship")
    return {
        "birthdays": [{"worker_id": w.pk, "name": w.name, "birth_day": w.birth_date.strftime("%m-%d"), "given": g}
                      for w, g in cal.birthdays],
        "in_hospital": [{"visit_id": v.pk, "worker_id": v.worker_id, "name": v.worker.name, "since": v.visited_on}
                        for v in cal.in_hospital],
        "festivals": [{"festival": g.festival, "year": g.year, "day": g.day,
                       "retirees_not_visited": [w.name for w in g.retirees],
                       **({"needy_not_visited": [w.name for w in g.needy]} if needy else {})} for g in cal.gaps],
    }


@router.get("/visits", response=list[VisitOut], url_name="care_visits")
def visits(request, kind: str = "", offset: Offset = 0, limit: int = 50):
    ctx = api_require(request, "care.view")
    qs = queries.visit_list(ctx.union, kind=kind).select_related("payout__entry")
    return list(qs[max(0, offset):max(0, offset) + min(max(1, limit), 200)])


@router.post("/visits", response={201: VisitOut}, url_name="care_visit_create")
def visit_create(request, payload: VisitIn):
    ctx = api_require(request, "care.manage")
    worker = get_in_union_or_404(Worker, ctx.union, pk=payload.worker_id)
    officers = list(Worker.objects.filter(union=ctx.union, pk__in=payload.officer_ids))
    data = payload.dict(exclude={"worker_id", "officer_ids"})
    visit = visit_record(actor=request.user, union=ctx.union, worker=worker, officers=officers, **data)
    return Status(201, visit)


@router.get("/visits/{visit_id}", response=VisitOut, url_name="care_visit")
def visit(request, visit_id: int):
    ctx = api_require(request, "care.view")
    return get_in_union_or_404(CareVisit.objects.select_related("worker", "payout__entry"), ctx.union, pk=visit_id)


class FileRowOut(Schema):
    id: int
    worker: PersonOut
    id_number_masked: str
    category: str
    status: str
    opened_on: dt.date
    reviewed_on: dt.date


class FileOut(FileRowOut):
    id_number: str
    identity: str
    health_status: str
    health_detail: str
    household_size: int
    annual_income: str
    rigid_spending: str
    dibao_monthly: Decimal
    place: str
    cause: str
    cause_detail: str


@router.get("/hardship", response=list[FileRowOut], url_name="care_hardship_files")
def hardship_files(request, status: str = "open"):
    ctx = api_require(request, "care.hardship")
    return list(queries.hardship_list(ctx.union, status=status if status in ("open", "closed", "") else "open"))


@router.get("/hardship/{file_id}", response=FileOut, url_name="care_hardship_file")
def hardship_file(request, file_id: int):
    ctx = api_require(request, "care.hardship")
    file = get_in_union_or_404(HardshipFile.objects.select_related("worker"), ctx.union, pk=file_id)
    return hardship_svc.hardship_file_view(actor=request.user, file=file)


class HouseholdIn(CleanTextSchema):
    name: str = Field(max_length=50)
    relation: str = Field("", max_length=20)
    id_number: str = Field("", max_length=18)
    birth_date: dt.date | None = None
    occupation: str = Field("", max_length=50)
    annual_income: Decimal = Decimal(0)
    health_status: str = ""


class FileIn(CleanTextSchema):
    worker_id: int
    opened_on: dt.date
    place: str = Field("*", max_length=40)
    household_head_id: str = Field("", max_length=18)
    own_income: Decimal = Decimal(0)
    rigid_spending: Decimal = Decimal(0)
    accident_costs: Decimal = Decimal(0)
    exclusions: list[str] = []
    household: list[HouseholdIn] = []
    identity: str
    health_status: str
    cause: str
    political_status: str = Field("", max_length=20)
    model_worker: str = Field("无", max_length=20)
    marital_status: str = ""
    hukou_type: str = ""
    housing_type: str = ""
    housing_area: str = ""
    health_detail: str = ""
    cause_detail: str = ""


@router.post("/hardship", response={201: FileRowOut}, url_name="care_hardship_open")
def hardship_open(request, payload: FileIn):
    """建档: consent first; the category is computed from the household, never typed; exclusions block it."""
    ctx = api_require(request, "care.hardship")
    data = payload.dict()
    worker = get_in_union_or_404(Worker, ctx.union, pk=data.pop("worker_id"))
    file = hardship_svc.hardship_file_open(actor=request.user, union=ctx.union, worker=worker, **data)
    return Status(201, HardshipFile.objects.select_related("worker").get(pk=file.pk))


class AssistanceIn(CleanTextSchema):
    kind: str
    amount: Decimal
    given_on: dt.date
    description: str = ""


class AssistanceOut(Schema):
    id: int
    kind: str
    amount: Decimal
    given_on: dt.date
    voucher: str | None

    @staticmethod
    def resolve_voucher(obj):
        return vouchers_for([obj]).get(obj.pk)


@router.post("/hardship/{file_id}/assistance", response={201: AssistanceOut}, url_name="care_assistance_create")
def assistance_create(request, file_id: int, payload: AssistanceIn):
    ctx = api_require(request, "care.hardship")
    file = get_in_union_or_404(HardshipFile, ctx.union, pk=file_id)
    return Status(201, hardship_svc.assistance_record(actor=request.user, file=file, **payload.dict()))


class NoticeOut(Schema):
    shown_name: str
    shown_unit: str
    shown_category: str
    starts_on: dt.date
    ends_on: dt.date


@router.get("/publicity", response=list[NoticeOut], url_name="care_publicity")
def publicity(request):
    ctx = api_require(request, "care.publicity")
    return list(queries.publications_current(ctx.union, today=timezone.localdate()))


class WarmthVisitOut(Schema):
    id: int
    worker: PersonOut
    target: str
    officer_id: int | None
    amount: Decimal
    done_on: dt.date | None


class WarmthOut(Schema):
    id: int
    name: str
    festival: str
    year: int
    closed: bool
    totals: dict
    visits: list[WarmthVisitOut]


@router.get("/warmth/{campaign_id}", response=WarmthOut, url_name="care_warmth")
def warmth(request, campaign_id: int):
    ctx = api_require(request, "care.hardship")
    c = get_in_union_or_404(WarmthCampaign, ctx.union, pk=campaign_id)
    totals = queries.warmth_totals(c)
    return {"id": c.pk, "name": c.name, "festival": c.festival, "year": c.year, "closed": c.closed,
            "totals": totals, "visits": list(c.visits.select_related("worker"))}


class DoneIn(CleanTextSchema):
    on: dt.date
    amount: Decimal | None = None
    gift: str = ""
    note: str = ""


@router.post("/warmth/visits/{visit_id}/done", response=WarmthVisitOut, url_name="care_warmth_done")
def warmth_done(request, visit_id: int, payload: DoneIn):
    ctx = api_require(request, "care.hardship")
    visit = get_in_union_or_404(WarmthVisit, ctx.union, pk=visit_id)
    return warmth_svc.warmth_visit_done(actor=request.user, visit=visit, **payload.dict())


class FiguresOut(Schema):
    invited: int
    scheduled: int
    attended: int
    screening: int
    by_day: list[dict]


def _figures(campaign) -> dict:
    f = queries.health_figures(campaign)
    return {**f, "by_day": [{"day": day, **row} for day, row in f["by_day"].items()]}


@router.get("/health/{campaign_id}", response=FiguresOut, url_name="care_health")
def health(request, campaign_id: int):
    ctx = api_require(request, "care.health")
    return _figures(get_in_union_or_404(HealthCheckCampaign, ctx.union, pk=campaign_id))


@router.post("/health/{campaign_id}/schedule", response=FiguresOut, url_name="care_health_schedule")
def health_schedule(request, campaign_id: int):
    ctx = api_require(request, "care.health")
    campaign = get_in_union_or_404(HealthCheckCampaign, ctx.union, pk=campaign_id)
    health_svc.health_schedule_all(actor=request.user, campaign=campaign)
    return _figures(campaign)


@router.get("/donations/{drive_id}", response=dict, url_name="care_donation")
def donation(request, drive_id: int):
    ctx = api_require(request, "care.view")
    drive = get_in_union_or_404(DonationDrive, ctx.union, pk=drive_id)
    return {"id": drive.pk, "name": drive.name, "recipient": drive.recipient,
            "handed_over_on": drive.handed_over_on, **queries.donation_totals(drive)}


@router.get("/blood/{drive_id}", response=dict, url_name="care_blood")
def blood(request, drive_id: int):
    ctx = api_require(request, "care.view")
    drive = get_in_union_or_404(BloodDrive, ctx.union, pk=drive_id)
    return {"id": drive.pk, "name": drive.name, "held_on": drive.held_on, "partner": drive.partner,
            **queries.blood_totals(drive)}

"""The care pages' file work through the API (issue 13): consents, needy members' files (建档, 复核, 销档, 公示)
and a hospital visit's discharge. The same services, permissions and error codes as the pages."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from unionhome.care.api import FileRowOut, HouseholdIn, NoticeOut, VisitOut
from unionhome.care.models import CareVisit, Consent, HardshipFile, VisitPhoto
from unionhome.care.services import hardship as svc
from unionhome.care.services.visits import visit_discharge, visit_photo_view, visit_photos_add
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.core.uploads import stored_file_response
from unionhome.members.models import Worker

router = Router(tags=[gettext_lazy("关爱")])


class PhotoOut(Schema):
    id: int
    content_type: str
    size: int


@router.post("/visits/{visit_id}/photos", response={201: list[PhotoOut]}, url_name="care_visit_photos_add")
def visit_photos(request, visit_id: int, photos: list[UploadedFile] = File(None)):
    """Evidence of a visit (multipart, one or more ``photos``: JPEG/PNG/GIF/WebP), as the page takes them with the
    record; every file is checked before any is kept."""
    ctx = api_require(request, "care.manage")
    visit = get_in_union_or_404(CareVisit, ctx.union, pk=visit_id)
    return Status(201, visit_photos_add(actor=request.user, visit=visit, photos=photos or []))


@router.get("/visits/{visit_id}/photos", response=list[PhotoOut], url_name="care_visit_photos")
def visit_photo_list(request, visit_id: int):
    ctx = api_require(request, "care.view")
    return list(get_in_union_or_404(CareVisit, ctx.union, pk=visit_id).photos.order_by("pk"))


@router.get("/visits/{visit_id}/photos/{photo_id}", url_name="care_visit_photo",
            openapi_extra={"responses": {200: {"description": "the photo (an image)", "content": {
                "image/*": {"schema": {"type": "string", "format": "binary"}}}}}})
def visit_photo(request, visit_id: int, photo_id: int):
    """One photo (each opening is audited, as on the page)."""
    ctx = api_require(request, "care.view")
    photo = get_in_union_or_404(VisitPhoto, ctx.union, pk=photo_id, visit_id=visit_id)
    visit_photo_view(actor=request.user, photo=photo)
    return stored_file_response(photo.image, content_type=photo.content_type)


class DischargeIn(CleanTextSchema):
    on: dt.date


@router.post("/visits/{visit_id}/discharge", response=VisitOut, url_name="care_visit_discharge")
def discharge(request, visit_id: int, payload: DischargeIn):
    """The real discharge day of a hospital visit: not before the visit, not after today."""
    ctx = api_require(request, "care.manage")
    visit = get_in_union_or_404(CareVisit, ctx.union, pk=visit_id)
    visit_discharge(actor=request.user, visit=visit, on=payload.on)
    return CareVisit.objects.select_related("worker", "payout__entry").get(pk=visit.pk)


# --- consent (rule 25, PIPL arts.14–15, 29, 31) -------------------------------------------------------------------

class ConsentIn(CleanTextSchema):
    worker_id: int
    kind: str
    given_on: dt.date
    signed_by: str = Field(max_length=50)
    subject_name: str = Field("", max_length=50)  # a child under 14: the guardian's consent names the child
    subject_birth_date: dt.date | None = None


class ConsentOut(Schema):
    id: int
    worker_id: int
    kind: str
    given_on: dt.date
    signed_by: str
    subject_name: str
    subject_birth_date: dt.date | None
    withdrawn_on: dt.date | None


@router.get("/consents", response=list[ConsentOut], url_name="care_consents")
def consents(request, worker_id: int):
    """One member's consents (the consent page's list)."""
    ctx = api_require(request, "care.hardship")
    worker = get_in_union_or_404(Worker, ctx.union, pk=worker_id)
    return list(Consent.objects.filter(union=ctx.union, worker=worker).order_by("given_on", "id"))


@router.post("/consents", response={201: ConsentOut}, url_name="care_consents")
def consent_record(request, payload: ConsentIn):
    ctx = api_require(request, "care.hardship")
    data = payload.dict()
    worker = get_in_union_or_404(Worker, ctx.union, pk=data.pop("worker_id"))
    return Status(201, svc.consent_record(actor=request.user, union=ctx.union, worker=worker, **data))


@router.post("/consents/{consent_id}/withdraw", response=ConsentOut, url_name="care_consent_withdraw")
def consent_withdraw(request, consent_id: int):
    """PIPL art.15: withdrawn today; later processing that needs it is refused."""
    ctx = api_require(request, "care.hardship")
    consent = get_in_union_or_404(Consent, ctx.union, pk=consent_id)
    return svc.consent_withdraw(actor=request.user, consent=consent, on=timezone.localdate())


# --- needy members' files (rule 24) -------------------------------------------------------------------------------

class ReviewIn(CleanTextSchema):
    on: dt.date
    own_income: Decimal = Decimal(0)
    rigid_spending: Decimal = Decimal(0)
    accident_costs: Decimal = Decimal(0)
    household: list[HouseholdIn] = []
    note: str = Field("", max_length=300)


@router.post("/hardship/{file_id}/review", response=FileRowOut, url_name="care_hardship_review")
def hardship_review(request, file_id: int, payload: ReviewIn):
    """年度复核 with this year's household; a household no longer in hardship is refused (close the file)."""
    ctx = api_require(request, "care.hardship")
    file = get_in_union_or_404(HardshipFile.objects.select_related("worker"), ctx.union, pk=file_id)
    svc.hardship_file_review(actor=request.user, file=file, **payload.dict())
    return HardshipFile.objects.select_related("worker").get(pk=file.pk)


class CloseIn(CleanTextSchema):
    reason: str
    on: dt.date
    note: str = Field("", max_length=300)


@router.post("/hardship/{file_id}/close", response=FileRowOut, url_name="care_hardship_close")
def hardship_close(request, file_id: int, payload: CloseIn):
    ctx = api_require(request, "care.hardship")
    file = get_in_union_or_404(HardshipFile, ctx.union, pk=file_id)
    svc.hardship_file_close(actor=request.user, file=file, **payload.dict())
    return HardshipFile.objects.select_related("worker").get(pk=file.pk)


class PublishIn(CleanTextSchema):
    starts_on: dt.date


@router.post("/hardship/{file_id}/publication", response={201: NoticeOut}, url_name="care_hardship_publish")
def hardship_publish(request, file_id: int, payload: PublishIn):
    """公示 with the member's separate consent only; the minimum shown, for the configured days."""
    ctx = api_require(request, "care.hardship")
    file = get_in_union_or_404(HardshipFile, ctx.union, pk=file_id)
    return Status(201, svc.publication_open(actor=request.user, file=file, starts_on=payload.starts_on))

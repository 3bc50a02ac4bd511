"""The disclosures API (/api/v1/disclosures): items with their versions, inspections with checklist, findings and
rectifications. The same services and queries as the pages."""
from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext, gettext_lazy
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from unionhome.core import uploads
from unionhome.core.errors import RuleViolation
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.disclosures import queries, services
from unionhome.disclosures.models import DisclosureItem, FindingPhoto, Inspection, InspectionCheck, Rectification
from unionhome.members.models import Worker

router = Router(tags=[gettext_lazy("政务公开")])


class VersionOut(Schema):
    number: int
    content: str
    published_on: dt.date
    note: str


class ItemOut(Schema):
    id: int
    title: str
    kind: str
    publisher: str
    place: str
    content: str
    version: int
    published_on: dt.date
    review_on: dt.date | None
    versions: list[VersionOut]


class ItemIn(CleanTextSchema):
    title: str = Field(max_length=120)
    kind: str = Field(max_length=20)
    publisher: str = Field(max_length=60)
    place: str = Field(max_length=20)
    content: str = Field(max_length=20000)
    published_on: dt.date | None = None


class ReviseIn(CleanTextSchema):
    content: str = Field(max_length=20000)
    note: str = Field(max_length=300)
    place: str | None = Field(None, max_length=20)


class CheckOut(Schema):
    id: int
    item_id: int
    item: str
    result: str
    note: str


class RectificationOut(Schema):
    id: int
    demand: str
    owner_id: int
    owner: str
    deadline: dt.date
    status: str
    closed_on: dt.date | None
    closed_by_id: int | None


class FindingOut(Schema):
    id: int
    item_id: int | None
    text: str
    photo_ids: list[int]
    rectification: RectificationOut | None


class InspectionOut(Schema):
    id: int
    kind: str
    status: str
    planned_on: dt.date
    held_on: dt.date | None
    inspector_ids: list[int]
    reinspection_of_id: int | None
    summary: str
    checks: list[CheckOut]
    findings: list[FindingOut]


class InspectionIn(Schema):
    kind: str = Field(max_length=20)
    planned_on: dt.date
    inspector_ids: list[int]
    reinspection_of_id: int | None = None


class CheckIn(CleanTextSchema):
    result: str = Field(max_length=20)
    note: str = Field("", max_length=300)


class FindingIn(CleanTextSchema):
    text: str = Field(max_length=2000)
    item_id: int | None = None
    demand: str = Field("", max_length=2000)
    owner_id: int | None = None
    deadline: dt.date | None = None


class FinishIn(CleanTextSchema):
    summary: str = Field(max_length=4000)


class CloseIn(CleanTextSchema):
    inspection_id: int
    note: str = Field("", max_length=300)


def _item_out(item: DisclosureItem, manage: bool) -> dict:
    return {"id": item.pk, "title": item.title, "kind": item.kind, "publisher": item.publisher, "place": item.place,
            "content": item.content, "version": item.version, "published_on": item.published_on,
            "review_on": item.review_on if manage else None,
            "versions": [{"number": v.number, "content": v.content, "published_on": v.published_on, "note": v.note}
                         for v in item.versions.all()]}


def _inspection_out(i: Inspection) -> dict:
    def rect(r: Rectification | None):
        if r is None:
            return None
        return {"id": r.pk, "demand": r.demand, "owner_id": r.owner_id, "owner": r.owner.name, "deadline": r.deadline,
                "status": r.status, "closed_on": r.closed_on, "closed_by_id": r.closed_by_id}

    findings = i.findings.select_related("rectification__owner").prefetch_related("photos")
    return {"id": i.pk, "kind": i.kind, "status": i.status, "planned_on": i.planned_on, "held_on": i.held_on,
            "inspector_ids": [u.pk for u in i.inspectors.all()], "reinspection_of_id": i.reinspection_of_id,
            "summary": i.summary,
            "checks": [{"id": c.pk, "item_id": c.item_id, "item": c.item.title, "result": c.result, "note": c.note}
                       for c in i.checks.select_related("item")],
            "findings": [{"id": f.pk, "item_id": f.item_id, "text": f.text, "photo_ids": [p.pk for p in f.photos.all()],
                          "rectification": rect(getattr(f, "rectification", None))} for f in findings]}


def _item(ctx, pk) -> DisclosureItem:
    return get_in_union_or_404(DisclosureItem, ctx.union, pk=pk)


def _inspection(ctx, pk) -> Inspection:
    return get_in_union_or_404(Inspection, ctx.union, pk=pk)


@router.get("/items", response=list[ItemOut], url_name="disclosures_items")
def items(request):
    ctx = api_require(request, "disclosures.view")
    manage = ctx.has("disclosures.manage")
    return [_item_out(i, manage) for i in queries.item_list(ctx.union).prefetch_related("versions")]


@router.post("/items", response={201: ItemOut}, url_name="disclosures_item_create")
def item_create(request, payload: ItemIn):
    ctx = api_require(request, "disclosures.manage")
    return Status(201, _item_out(services.item_create(actor=request.user, union=ctx.union, **payload.dict()), True))


@router.get("/items/{int:item_id}", response=ItemOut, url_name="disclosures_item")
def item(request, item_id: int):
    ctx = api_require(request, "disclosures.view")
    return _item_out(_item(ctx, item_id), ctx.has("disclosures.manage"))


@router.post("/items/{int:item_id}/revise", response=ItemOut, url_name="disclosures_item_revise")
def item_revise(request, item_id: int, payload: ReviseIn):
    """A new version of the published text; earlier versions are kept."""
    ctx = api_require(request, "disclosures.manage")
    return _item_out(services.item_revise(actor=request.user, item=_item(ctx, item_id), content=payload.content,
                                          note=payload.note, place=payload.place), True)


@router.post("/items/{int:item_id}/review", response=ItemOut, url_name="disclosures_item_review")
def item_review(request, item_id: int):
    """Reviewed, still right: the next review date moves on."""
    ctx = api_require(request, "disclosures.manage")
    return _item_out(services.item_reviewed(actor=request.user, item=_item(ctx, item_id)), True)


@router.get("/inspections", response=list[InspectionOut], url_name="disclosures_inspections")
def inspections(request):
    ctx = api_require(request, "disclosures.inspect")
    return [_inspection_out(i) for i in queries.inspection_list(ctx.union)]


@router.post("/inspections", response={201: InspectionOut}, url_name="disclosures_inspection_plan")
def inspection_plan(request, payload: InspectionIn):
    ctx = api_require(request, "disclosures.manage")
    inspectors = list(queries.inspector_choices(ctx.union).filter(pk__in=payload.inspector_ids))
    if len(inspectors) != len(set(payload.inspector_ids)):
        raise RuleViolation("inspector_unknown", gettext("检查人须是本工会的委员、经审委员或主席"), field="inspector_ids")
    original = _inspection(ctx, payload.reinspection_of_id) if payload.reinspection_of_id else None
    i = services.inspection_plan(actor=request.user, union=ctx.union, kind=payload.kind, planned_on=payload.planned_on,
                                 inspectors=inspectors, reinspection_of=original)
    return Status(201, _inspection_out(i))


@router.get("/inspections/{int:inspection_id}", response=InspectionOut, url_name="disclosures_inspection")
def inspection(request, inspection_id: int):
    ctx = api_require(request, "disclosures.inspect")
    return _inspection_out(_inspection(ctx, inspection_id))


@router.post("/inspections/{int:inspection_id}/checks/{int:check_id}", response=InspectionOut,
             url_name="disclosures_check")
def check_record(request, inspection_id: int, check_id: int, payload: CheckIn):
    ctx = api_require(request, "disclosures.inspect")
    i = _inspection(ctx, inspection_id)
    check = get_object_or_404(InspectionCheck, inspection=i, pk=check_id)
    services.check_record(actor=request.user, check=check, result=payload.result, note=payload.note)
    return _inspection_out(i)


@router.post("/inspections/{int:inspection_id}/findings", response={201: InspectionOut},
             url_name="disclosures_finding_add")
def finding_add(request, inspection_id: int, payload: Form[FindingIn], photos: list[UploadedFile] = File(None)):
    """A finding (multipart: the fields, and ``photos``), with its rectification when ``demand`` is given."""
    ctx = api_require(request, "disclosures.inspect")
    i = _inspection(ctx, inspection_id)
    item = _item(ctx, payload.item_id) if payload.item_id else None
    owner = get_in_union_or_404(Worker, ctx.union, pk=payload.owner_id) if payload.owner_id else None
    services.finding_record(actor=request.user, inspection=i, item=item, text=payload.text, photos=photos or [],
                            demand=payload.demand, owner=owner, deadline=payload.deadline)
    return Status(201, _inspection_out(i))


@router.get("/inspections/{int:inspection_id}/photos/{int:photo_id}", url_name="disclosures_photo",
            openapi_extra={"responses": {200: {"description": "the photo (an image)", "content": {
                "image/*": {"schema": {"type": "string", "format": "binary"}}}}}})
def photo(request, inspection_id: int, photo_id: int):
    ctx = api_require(request, "disclosures.inspect")
    p = get_object_or_404(FindingPhoto, finding__inspection=_inspection(ctx, inspection_id), pk=photo_id)
    return uploads.stored_file_response(p.file, content_type=p.content_type)


@router.post("/inspections/{int:inspection_id}/finish", response=InspectionOut, url_name="disclosures_finish")
def finish(request, inspection_id: int, payload: FinishIn):
    ctx = api_require(request, "disclosures.inspect")
    return _inspection_out(services.inspection_finish(actor=request.user, inspection=_inspection(ctx, inspection_id),
                                                      summary=payload.summary))


@router.post("/rectifications/{int:rectification_id}/close", response=RectificationOut,
             url_name="disclosures_rectification_close")
def rectification_close(request, rectification_id: int, payload: CloseIn):
    """Closed by the re-inspection ``inspection_id`` of the inspection that found it."""
    ctx = api_require(request, "disclosures.inspect")
    r = get_in_union_or_404(Rectification.objects.select_related("owner"), ctx.union, pk=rectification_id)
    r = services.rectification_close(actor=request.user, rectification=r, inspection=_inspection(ctx, payload.inspection_id),
                                     note=payload.note)
    return {"id": r.pk, "demand": r.demand, "owner_id": r.owner_id, "owner": r.owner.name, "deadline": r.deadline,
            "status": r.status, "closed_on": r.closed_on, "closed_by_id": r.closed_by_id}

"""Writes of the disclosures and their inspections (issue 10 §3). Atomic, audited.

Rules: every published text is kept as a version; an item is reviewed within ``disclosures.review_months``;
only an inspection's own inspectors record its checklist and findings; a rectification is closed only by a
re-inspection of the inspection that found it."""
from __future__ import annotations

import calendar
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from unionhome.core import uploads
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rules import rule_value
from unionhome.disclosures.models import (
    DisclosureItem,
    DisclosureVersion,
    Finding,
    FindingPhoto,
    Inspection,
    InspectionCheck,
    Rectification,
)

ITEM_FIELDS = ["title", "kind", "publisher", "place", "version", "published_on", "review_on", "retired"]


def months_after(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _next_review(union, on: dt.date) -> dt.date:
    return months_after(on, int(rule_value("disclosures.review_months", union=union, on=on)))


@transaction.atomic
def item_create(*, actor, union, title: str, kind: str, publisher: str, place: str, content: str,
                published_on: dt.date | None = None, review_on: dt.date | None = None) -> DisclosureItem:
    on = published_on or timezone.localdate()
    if kind not in DisclosureItem.Kind.values or place not in DisclosureItem.Place.values:
        raise RuleViolation("item_kind_unknown", gettext("请选择公开类别和载体"), field="kind")
    if not content.strip():
        raise RuleViolation("content_required", gettext("请填写公开内容"), field="content")
    item = DisclosureItem.objects.create(union=union, title=title.strip(), kind=kind, publisher=publisher.strip(),
                                         place=place, content=content.strip(), version=1, published_on=on,
                                         review_on=review_on or _next_review(union, on))
    DisclosureVersion.objects.create(union=union, item=item, number=1, content=item.content, published_on=on,
                                     note=gettext("首次公开"), by=actor if getattr(actor, "pk", None) else None)
    audit_log(actor=actor, action="disclosures.item.created", target=item, after=snapshot(item, ITEM_FIELDS))
    return item


@transaction.atomic
def item_revise(*, actor, item: DisclosureItem, content: str, note: str, place: str | None = None,
                published_on: dt.date | None = None) -> DisclosureItem:
    """A new version of the published text (the old ones are kept), and the review clock starts again."""
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    if item.retired:
        raise Conflict("item_retired", gettext("该事项已停止公开"))
    if not content.strip():
        raise RuleViolation("content_required", gettext("请填写公开内容"), field="content")
    if not note.strip():
        raise RuleViolation("note_required", gettext("请写明修订说明"), field="note")
    on = published_on or timezone.localdate()
    before = snapshot(item, ITEM_FIELDS)
    item.version += 1
    item.content, item.published_on, item.review_on = content.strip(), on, _next_review(item.union, on)
    if place:
        item.place = place
    item.save()
    DisclosureVersion.objects.create(union=item.union, item=item, number=item.version, content=item.content,
                                     published_on=on, note=note.strip(), by=actor)
    audit_log(actor=actor, action="disclosures.item.revised", target=item, before=before,
              after=snapshot(item, ITEM_FIELDS), note=note.strip())
    return item


@transaction.atomic
def item_reviewed(*, actor, item: DisclosureItem, on: dt.date | None = None) -> DisclosureItem:
    """Reviewed and still right as published: the next review date moves on, the version stays."""
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    on = on or timezone.localdate()
    before = {"review_on": item.review_on}
    item.review_on = _next_review(item.union, on)
    item.save(update_fields=["review_on", "updated_at"])
    audit_log(actor=actor, action="disclosures.item.reviewed", target=item, before=before,
              after={"review_on": item.review_on})
    return item


@transaction.atomic
def inspection_plan(*, actor, union, kind: str, planned_on: dt.date, inspectors, reinspection_of=None) -> Inspection:
    """A scheduled or surprise inspection with its checklist (every item published), or a re-inspection of an
    earlier one (its checklist: the items with an open rectification)."""
    if kind not in Inspection.Kind.values:
        raise RuleViolation("inspection_kind_unknown", gettext("请选择检查方式"), field="kind")
    inspectors = list(inspectors)
    if not inspectors:
        raise RuleViolation("inspectors_required", gettext("请至少选择一名检查人"), field="inspectors")
    if (kind == Inspection.Kind.REINSPECTION) != (reinspection_of is not None):
        raise RuleViolation("reinspection_needs_original", gettext("整改复查须选择被复查的检查"), field="reinspection_of")
    inspection = Inspection.objects.create(union=union, kind=kind, planned_on=planned_on,
                                           reinspection_of=reinspection_of)
    inspection.inspectors.set(inspectors)
    if reinspection_of is not None:
        items = DisclosureItem.objects.filter(pk__in=Finding.objects.filter(
            inspection=reinspection_of, rectification__status=Rectification.Status.OPEN).values("item_id"))
    else:
        items = DisclosureItem.objects.filter(union=union, retired=False)
    InspectionCheck.objects.bulk_create([InspectionCheck(union=union, inspection=inspection, item=i) for i in items])
    audit_log(actor=actor, action="disclosures.inspection.planned", target=inspection,
              after={"kind": kind, "planned_on": planned_on, "inspectors": [u.pk for u in inspectors],
                     "reinspection_of": reinspection_of.pk if reinspection_of else None})
    return inspection


def _inspector(actor, inspection: Inspection) -> None:
    if not inspection.inspectors.filter(pk=getattr(actor, "pk", None)).exists():
        raise RuleViolation("not_inspector", gettext("只有本次检查的检查人可以记录"))


def _open(inspection: Inspection) -> Inspection:
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if inspection.status == Inspection.Status.DONE:
        raise Conflict("inspection_done", gettext("检查已完成，不能再修改"))
    return inspection


@transaction.atomic
def check_record(*, actor, check: InspectionCheck, result: str, note: str = "") -> InspectionCheck:
    _open(check.inspection)
    _inspector(actor, check.inspection)
    if result not in (InspectionCheck.Result.OK, InspectionCheck.Result.PROBLEM):
        raise RuleViolation("result_unknown", gettext("请选择检查结果"), field="result")
    before = {"result": check.result, "note": check.note}
    check.result, check.note = result, note.strip()[:300]
    check.save(update_fields=["result", "note", "updated_at"])
    audit_log(actor=actor, action="disclosures.check.recorded", target=check.inspection, before=before,
              after={"item": check.item_id, "result": result, "note": check.note})
    return check


@transaction.atomic
def finding_record(*, actor, inspection: Inspection, text: str, item=None, photos=(), demand: str = "",
                   owner=None, deadline: dt.date | None = None) -> Finding:
    """A problem the inspectors found (with photos), and what must be put right by whom and by when."""
    inspection = _open(inspection)
    _inspector(actor, inspection)
    if not text.strip():
        raise RuleViolation("finding_required", gettext("请填写发现的问题"), field="text")
    if demand.strip() and (owner is None or deadline is None):
        raise RuleViolation("rectification_incomplete", gettext("整改要求须有责任人和整改期限"), field="owner")
    if owner is not None and owner.union_id != inspection.union_id:
        raise RuleViolation("owner_not_member", gettext("责任人须是本工会会员"), field="owner")
    most = int(rule_value("disclosures.photos_max", union=inspection.union))
    if len(photos) > most:
        raise RuleViolation("too_many_photos", gettext("每个问题最多 %(most)s 张照片") % {"most": most}, field="photos")
    max_bytes = int(rule_value("disclosures.photo_max_bytes", union=inspection.union))
    kinds = [uploads.upload_check(p, accept=uploads.PHOTO, max_bytes=max_bytes, field="photos") for p in photos]
    finding = Finding.objects.create(union=inspection.union, inspection=inspection, item=item, text=text.strip(),
                                     by=actor)
    for upload, kind in zip(photos, kinds, strict=True):
        photo = FindingPhoto(union=inspection.union, finding=finding, content_type=kind.content_type, size=upload.size)
        uploads.upload_store(photo.file, upload, kind)
        photo.save()
    if item is not None:
        InspectionCheck.objects.filter(inspection=inspection, item=item).update(result=InspectionCheck.Result.PROBLEM)
    after = {"item": item.pk if item else None, "text": finding.text, "photos": len(kinds)}
    if demand.strip():
        r = Rectification.objects.create(union=inspection.union, finding=finding, demand=demand.strip(), owner=owner,
                                         deadline=deadline)
        after.update(demand=r.demand, owner=owner.pk, deadline=deadline)
    audit_log(actor=actor, action="disclosures.finding.recorded", target=inspection, after=after)
    return finding


@transaction.atomic
def inspection_finish(*, actor, inspection: Inspection, summary: str, held_on: dt.date | None = None) -> Inspection:
    inspection = _open(inspection)
    _inspector(actor, inspection)
    if inspection.checks.filter(result=InspectionCheck.Result.PENDING).exists():
        raise RuleViolation("checklist_incomplete", gettext("清单上还有未检查的事项"))
    inspection.status, inspection.summary = Inspection.Status.DONE, summary.strip()
    inspection.held_on = held_on or timezone.localdate()
    inspection.save(update_fields=["status", "summary", "held_on", "updated_at"])
    audit_log(actor=actor, action="disclosures.inspection.finished", target=inspection,
              after={"held_on": inspection.held_on, "summary": inspection.summary})
    return inspection


@transaction.atomic
def rectification_close(*, actor, rectification: Rectification, inspection: Inspection, note: str = "",
                        on: dt.date | None = None) -> Rectification:
    """Only a re-inspection of the inspection that found the problem, by its inspectors, closes a rectification."""
    rectification = Rectification.objects.select_for_update().select_related("finding").get(pk=rectification.pk)
    if rectification.status == Rectification.Status.CLOSED:
        raise Conflict("rectification_closed", gettext("该整改已经复查确认"))
    if (inspection.kind != Inspection.Kind.REINSPECTION
            or inspection.reinspection_of_id != rectification.finding.inspection_id):
        raise RuleViolation("needs_reinspection", gettext("整改须经对原检查的复查确认后才能关闭"))
    _open(inspection)
    _inspector(actor, inspection)
    rectification.status = Rectification.Status.CLOSED
    rectification.closed_on, rectification.closed_by = on or timezone.localdate(), inspection
    rectification.closing_note = note.strip()[:300]
    rectification.save(update_fields=["status", "closed_on", "closed_by", "closing_note", "updated_at"])
    InspectionCheck.objects.filter(inspection=inspection, item_id=rectification.finding.item_id).update(
        result=InspectionCheck.Result.OK, note=rectification.closing_note)
    audit_log(actor=actor, action="disclosures.rectification.closed", target=inspection, before={"status": "open"},
              after={"rectification": rectification.pk, "status": "closed", "note": rectification.closing_note})
    return rectification

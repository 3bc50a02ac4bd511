"""慰问: record a visit, its officers and photos, and pay for it through the welfare rules (rules 16–18)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhome.care.models import CareVisit, VisitPhoto
from unionhome.care.models.visits import BENEFIT_OF, Festival, GiftForm, Relation, VisitKind
from unionhome.care.services import ledger
from unionhome.core import uploads
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rules import rule_value
from unionhome.members.choices import EmploymentStatus
from unionhome.members.models import Worker


def photo_check(upload, *, union, on: dt.date) -> uploads.FileKind:
    """Refuse a visit photo that is not an image (by its bytes) or exceeds the size limit."""
    return uploads.upload_check(upload, accept=uploads.PHOTO, field="photos",
                                max_bytes=int(rule_value("care.photo.max_bytes", union=union, on=on)))


def refuse_future(day: dt.date, *, field: str, what: str = gettext_lazy("慰问日期")) -> None:
    """A visit is recorded after it happened: a date after today (Asia/Shanghai) is a typo or a plan."""
    if day > timezone.localdate():
        raise RuleViolation("date_in_future", _("%(what)s不能晚于今天") % {"what": what}, field=field)


def default_event_key(kind: str, *, visited_on: dt.date, festival: str = "", relation: str = "") -> str:
    """One gift per event (rule 18): a birthday per year, a festival per year, a wedding/birth per year,
    a hospital stay per admission day, a bereavement per relation."""
    year = visited_on.year
    return {
        VisitKind.BIRTHDAY: f"birthday:{year}",
        VisitKind.FESTIVAL: f"festival:{festival}:{year}",
        VisitKind.RETIREE_FESTIVAL: f"festival:{festival}:{year}",
        VisitKind.WEDDING: f"wedding:{year}",
        VisitKind.CHILDBIRTH: f"childbirth:{year}",
        VisitKind.HOSPITAL: f"hospital:{visited_on.isoformat()}",
        VisitKind.DEATH_MEMBER: "death_member",
        VisitKind.DEATH_RELATIVE: f"death_relative:{relation}:{year}",
        VisitKind.RETIREMENT: "retirement",
    }[VisitKind(kind)]


def _validate(*, union, worker, kind, festival, relation, amount, gift_form, officers):
    if worker.union_id != union.pk:
        raise RuleViolation("worker_other_union", _("慰问对象不属于本工会"), field="worker")
    if kind not in VisitKind.values:
        raise RuleViolation("visit_kind_invalid", _("请选择慰问类型"), field="kind")
    if kind in (VisitKind.FESTIVAL, VisitKind.RETIREE_FESTIVAL) and festival not in Festival.values:
        raise RuleViolation("festival_required", _("节日慰问须选择节日"), field="festival")
    if kind == VisitKind.RETIREE_FESTIVAL and not Worker.objects.filter(
            pk=worker.pk, employment_status=EmploymentStatus.RETIRED).exists():  # as stored, not as the caller last saw it
        raise RuleViolation("not_retired", _("%(name)s 仍在职，不能登记退休职工节日慰问（请选“节日慰问”）") % {"name": worker.name},
                            field="worker")
    if kind == VisitKind.DEATH_RELATIVE and relation not in Relation.values:
        raise RuleViolation("relation_required", _("直系亲属去世慰问须选择与会员的关系"), field="relation")
    if gift_form not in GiftForm.values:
        raise RuleViolation("gift_form_invalid", _("请选择慰问形式"), field="gift_form")
    if amount is None or Decimal(amount) < 0:
        raise RuleViolation("amount_invalid", _("金额不能为负数"), field="amount")
    if any(o.union_id != union.pk for o in officers):
        raise RuleViolation("officer_other_union", _("慰问人员不属于本工会"), field="officers")


@transaction.atomic
def visit_record(*, actor, union, worker, kind: str, visited_on: dt.date, amount: Decimal,
                 gift_form: str = GiftForm.GOODS, gift: str = "", festival: str = "", relation: str = "",
                 surgery: bool = False, event_key: str = "", officers=(), note: str = "", photos=(),
                 override_reason: str = "") -> CareVisit:
    """Record a visit and pay for it through ``welfare_payout`` (caps, forms, festivals, one gift per event).

    A refused payout raises the funds rule's RuleViolation and nothing is kept; the chair may pass
    ``override_reason`` to let a cap breach through (recorded for the funds reviewer).
    """
    officers = list(officers)
    if kind != VisitKind.DEATH_RELATIVE:
        relation = ""
    if kind not in (VisitKind.FESTIVAL, VisitKind.RETIREE_FESTIVAL):
        festival = ""
    _validate(union=union, worker=worker, kind=kind, festival=festival, relation=relation, amount=amount,
              gift_form=gift_form, officers=officers)
    refuse_future(visited_on, field="visited_on")
    checked = [(p, photo_check(p, union=union, on=visited_on)) for p in photos]  # refuse bad files before any write
    event_key = (event_key or "").strip() or default_event_key(kind, visited_on=visited_on, festival=festival,
                                                                relation=relation)
    if CareVisit.objects.filter(union=union, worker=worker, kind=kind, event_key=event_key).exists():
        raise Conflict("visit_event_done", _("%(name)s 的这次“%(label)s”已经慰问过（%(event_key)s）") % {"name": worker.name, "label": VisitKind(kind).label, "event_key": event_key})
    visit = CareVisit(union=union, worker=worker, kind=kind, visited_on=visited_on, festival=festival,
                      relation=relation, surgery=bool(surgery and kind == VisitKind.HOSPITAL), event_key=event_key,
                      gift_form=gift_form, gift=gift.strip(), amount=Decimal(amount), note=note.strip(),
                      override_reason=override_reason.strip(), recorded_by=actor)
    try:
        with transaction.atomic():
            visit.save()
    except IntegrityError:
        raise Conflict("visit_event_done", _("%(name)s 的这次“%(label)s”已经慰问过") % {"name": worker.name, "label": VisitKind(kind).label})
    visit.officers.set(officers)
    if visit.amount > 0:
        payout = ledger.welfare_payout(
            actor=actor, union=union, worker=worker, benefit=BENEFIT_OF[VisitKind(kind)], amount=visit.amount,
            form=gift_form, on=visited_on, festival=festival, event_key=event_key, relation=relation,
            surgery=visit.surgery, note=(_("%(get_kind_display)s：%(value)s") % {"get_kind_display": visit.get_kind_display(), "value": gift or note})[:200], source=visit,
            override_reason=visit.override_reason)
        visit.payout = payout
        visit.save(update_fields=["payout"])
    for upload, kind in checked:
        photo = VisitPhoto(union=union, visit=visit, content_type=kind.content_type, size=upload.size)
        uploads.upload_store(photo.image, upload, kind)
        photo.save()
    audit_log(actor=actor, action="care.visit.recorded", target=visit,
              after={**snapshot(visit), "officers": [o.pk for o in officers], "photos": len(checked)})
    return visit


@transaction.atomic
def visit_discharge(*, actor, visit: CareVisit, on: dt.date) -> CareVisit:
    """Record the real discharge day: not before the visit, not after today."""
    visit = CareVisit.objects.select_for_update().get(pk=visit.pk)
    if visit.kind != VisitKind.HOSPITAL:
        raise RuleViolation("not_hospital_visit", _("只有住院慰问可以登记出院"))
    if visit.discharged_on is not None:
        raise Conflict("already_discharged", _("已登记出院"))
    if on < visit.visited_on:
        raise RuleViolation("discharge_before_visit", _("出院日期不能早于慰问日期"), field="on")
    refuse_future(on, field="on", what=_("出院日期"))
    visit.discharged_on = on
    visit.save(update_fields=["discharged_on", "updated_at"])
    audit_log(actor=actor, action="care.visit.discharged", target=visit, after={"discharged_on": on})
    return visit


@transaction.atomic
def visit_photos_add(*, actor, visit: CareVisit, photos) -> list[VisitPhoto]:
    """Photos (evidence) added to a recorded visit, as the page adds them with the record: the same checks, every
    file refused before any is kept, at most ``care.photo.max_count`` photos per visit."""
    photos = list(photos)
    if not photos:
        raise RuleViolation("photos_required", _("请选择要上传的照片"), field="photos")
    visit = CareVisit.objects.select_for_update().get(pk=visit.pk)
    limit = int(rule_value("care.photo.max_count", union=visit.union, on=visit.visited_on))
    if visit.photos.count() + len(photos) > limit:
        raise RuleViolation("too_many_photos", _("每次慰问最多上传%(limit)s张照片") % {"limit": limit}, field="photos")
    checked = [(p, photo_check(p, union=visit.union, on=visit.visited_on)) for p in photos]
    added = []
    for upload, kind in checked:
        photo = VisitPhoto(union=visit.union, visit=visit, content_type=kind.content_type, size=upload.size)
        uploads.upload_store(photo.image, upload, kind)
        photo.save()
        added.append(photo)
    audit_log(actor=actor, action="care.visit.photos_added", target=visit, target_label=str(visit)[:200],
              after={"photos": len(added)})
    return added


def visit_photo_view(*, actor, photo: VisitPhoto) -> VisitPhoto:
    """A visit photo shows a member at home or in hospital: every opening is in the audit trail."""
    audit_log(actor=actor, action="care.visit.photo_viewed", target=photo, target_label=str(photo.visit)[:200])
    return photo

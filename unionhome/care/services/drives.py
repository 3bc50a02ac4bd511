"""捐资捐物 and 义务献血."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhome.care.models import BloodDrive, BloodVolunteer, Donation, DonationDrive
from unionhome.care.models.drives import BloodOutcome
from unionhome.care.services.ledger import amount_checked
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rules import rule_value


@transaction.atomic
def donation_drive_create(*, actor, union, name: str, cause: str, recipient: str, opened_on: dt.date) -> DonationDrive:
    if not all((v or "").strip() for v in (name, cause, recipient)):
        raise RuleViolation("name_required", _("请填写名称、事由和接收单位"), field="name")
    drive = DonationDrive.objects.create(union=union, name=name.strip(), cause=cause.strip(),
                                         recipient=recipient.strip(), opened_on=opened_on)
    audit_log(actor=actor, action="care.donation_drive.created", target=drive, after=snapshot(drive))
    return drive


def _drive_open(drive: DonationDrive) -> DonationDrive:
    drive = DonationDrive.objects.select_for_update().get(pk=drive.pk)
    if drive.handed_over_on:
        raise Conflict("drive_handed_over", _("捐赠已移交，不能再登记"))
    return drive


@transaction.atomic
def donation_record(*, actor, drive: DonationDrive, worker, kind: str, pledged, received=0, goods: str = "",
                    received_on: dt.date | None = None) -> Donation:
    """A member's pledge (认捐) and what was received of it, money or goods."""
    drive = _drive_open(drive)
    if worker.union_id != drive.union_id:
        raise RuleViolation("worker_other_union", _("捐赠人不属于本工会"), field="worker")
    if kind not in Donation.Kind.values:
        raise RuleViolation("donation_kind_invalid", _("请选择捐款或捐物"), field="kind")
    if kind == Donation.Kind.GOODS and not goods.strip():
        raise RuleViolation("goods_required", _("捐物请写明物品"), field="goods")
    pledged, received = amount_checked(pledged, "pledged"), amount_checked(received, "received")
    donation = Donation.objects.create(union=drive.union, drive=drive, worker=worker, kind=kind, pledged=pledged,
                                       received=received, goods=goods.strip(),
                                       received_on=received_on if received else None)
    audit_log(actor=actor, action="care.donation.recorded", target=donation, after=snapshot(donation))
    return donation


@transaction.atomic
def donation_receive(*, actor, donation: Donation, received, on: dt.date) -> Donation:
    _drive_open(donation.drive)
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    before = snapshot(donation, ["received", "received_on"])
    donation.received, donation.received_on = amount_checked(received, "received"), on
    donation.save(update_fields=["received", "received_on", "updated_at"])
    audit_log(actor=actor, action="care.donation.received", target=donation, before=before,
              after=snapshot(donation, ["received", "received_on"]))
    return donation


@transaction.atomic
def donation_drive_hand_over(*, actor, drive: DonationDrive, on: dt.date, note: str = "") -> DonationDrive:
    drive = _drive_open(drive)
    if not drive.donations.exists():
        raise RuleViolation("drive_empty", _("尚无捐赠，不能移交"))
    drive.handed_over_on, drive.handover_note = on, note.strip()
    drive.save(update_fields=["handed_over_on", "handover_note", "updated_at"])
    audit_log(actor=actor, action="care.donation_drive.handed_over", target=drive,
              after={"handed_over_on": on, "recipient": drive.recipient, "note": note})
    return drive


@transaction.atomic
def blood_drive_create(*, actor, union, name: str, held_on: dt.date, partner: str = gettext_lazy("县红十字会"),
                       place: str = "") -> BloodDrive:
    if not (name or "").strip():
        raise RuleViolation("name_required", _("请填写名称"), field="name")
    drive = BloodDrive.objects.create(union=union, name=name.strip(), held_on=held_on,
                                      partner=(partner or "县红十字会").strip(), place=place.strip())
    audit_log(actor=actor, action="care.blood_drive.created", target=drive, after=snapshot(drive))
    return drive


@transaction.atomic
def blood_volunteer_add(*, actor, drive: BloodDrive, worker) -> BloodVolunteer:
    """Volunteers must be of donating age on the day (献血法 art.2; configurable)."""
    if worker.union_id != drive.union_id:
        raise RuleViolation("worker_other_union", _("志愿者不属于本工会"), field="worker")
    low = int(rule_value("care.blood.min_age", union=drive.union, on=drive.held_on))
    high = int(rule_value("care.blood.max_age", union=drive.union, on=drive.held_on))
    age = worker.age_on(drive.held_on)
    if not low <= age <= high:
        raise RuleViolation("blood_age", _("%(name)s 献血当日%(age)s岁，不在%(low)s–%(high)s周岁的献血年龄内") % {"name": worker.name, "age": age, "low": low, "high": high})
    try:
        with transaction.atomic():
            volunteer = BloodVolunteer.objects.create(union=drive.union, drive=drive, worker=worker)
    except IntegrityError:
        raise Conflict("blood_volunteer_exists", _("%(name)s 已报名") % {"name": worker.name})
    audit_log(actor=actor, action="care.blood.volunteered", target=volunteer, after=snapshot(volunteer))
    return volunteer


@transaction.atomic
def blood_outcome_record(*, actor, volunteer: BloodVolunteer, outcome: str,
                         volume_ml: int | None = None) -> BloodVolunteer:
    if outcome not in BloodOutcome.values:
        raise RuleViolation("outcome_invalid", _("请选择结果"), field="outcome")
    if outcome == BloodOutcome.DONATED and not volume_ml:
        raise RuleViolation("volume_required", _("请填写献血量"), field="volume_ml")
    volunteer = BloodVolunteer.objects.select_for_update().get(pk=volunteer.pk)
    volunteer.outcome = outcome
    volunteer.volume_ml = volume_ml if outcome == BloodOutcome.DONATED else None
    volunteer.save(update_fields=["outcome", "volume_ml", "updated_at"])
    audit_log(actor=actor, action="care.blood.outcome", target=volunteer,
              after={"outcome": outcome, "volume_ml": volunteer.volume_ml})
    return volunteer

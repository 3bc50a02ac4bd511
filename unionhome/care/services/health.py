"""妇检: invite eligible women, schedule within the clinic's capacity, attendance and results (rule 26)."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.care.events import tell_health_invited, tell_health_scheduled
from unionhome.care.models import HealthCheckCampaign, HealthCheckInvite, HealthCheckSlot
from unionhome.care.models.health import InviteStatus
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rules import rule_value
from unionhome.members.models import Worker


@transaction.atomic
def health_campaign_create(*, actor, union, name: str, clinic: str, include_retirees: bool = False,
                           note: str = "") -> HealthCheckCampaign:
    if not (name or "").strip() or not (clinic or "").strip():
        raise RuleViolation("name_required", _("请填写名称和合作医疗机构"), field="name")
    campaign = HealthCheckCampaign.objects.create(union=union, name=name.strip(), clinic=clinic.strip(),
                                                  include_retirees=include_retirees, note=note)
    audit_log(actor=actor, action="care.health.created", target=campaign, after=snapshot(campaign))
    return campaign


@transaction.atomic
def health_slots_add(*, actor, campaign: HealthCheckCampaign, day: dt.date, times: list[tuple[dt.time, dt.time]],
                     capacity: int) -> list[HealthCheckSlot]:
    """Add the clinic's time slots for a day, each with the number of women it can see."""
    if capacity < 1:
        raise RuleViolation("capacity_invalid", _("每个时段名额至少为1"), field="capacity")
    slots = []
    for starts_at, ends_at in times:
        if ends_at <= starts_at:
            raise RuleViolation("slot_invalid", _("时段结束时间须晚于开始时间"), field="times")
        slots.append(HealthCheckSlot.objects.create(union=campaign.union, campaign=campaign, day=day,
                                                    starts_at=starts_at, ends_at=ends_at, capacity=capacity))
    audit_log(actor=actor, action="care.health.slots_added", target=campaign,
              after={"day": day, "slots": len(slots), "capacity": capacity})
    return slots


def eligible_women(campaign: HealthCheckCampaign):
    statuses = ["active", "retained"] if campaign.include_retirees else ["active"]
    qs = Worker.objects.filter(union=campaign.union, gender="F", membership__status__in=statuses)
    if not campaign.include_retirees:
        qs = qs.filter(employment_status="employed")
    return qs


@transaction.atomic
def health_invite_eligible(*, actor, campaign: HealthCheckCampaign, on: dt.date) -> int:
    """Invite every eligible woman not yet invited; from the screening age the check adds 两癌 screening."""
    HealthCheckCampaign.objects.select_for_update().get(pk=campaign.pk)
    screening_age = int(rule_value("care.health.screening_age", union=campaign.union, on=on))
    have = set(campaign.invites.values_list("worker_id", flat=True))
    rows = [HealthCheckInvite(union=campaign.union, campaign=campaign, worker=w,
                              screening=w.age_on(on) >= screening_age)
            for w in eligible_women(campaign) if w.pk not in have]
    HealthCheckInvite.objects.bulk_create(rows)
    audit_log(actor=actor, action="care.health.invited", target=campaign, after={"invited": len(rows)})
    tell_health_invited(campaign, [r.worker for r in rows])
    return len(rows)


def _take(slot_id: int) -> bool:
    """Take one place in a slot only if one is free: a conditional UPDATE, safe under concurrency."""
    return HealthCheckSlot.objects.filter(pk=slot_id, taken__lt=F("capacity")).update(taken=F("taken") + 1) == 1


def _release(slot_id: int) -> None:
    HealthCheckSlot.objects.filter(pk=slot_id, taken__gt=0).update(taken=F("taken") - 1)


def _check_day(campaign_id: int, day: dt.date, *, today: dt.date) -> None:
    """Attendance is recorded for a day the clinic sees the campaign's women, once that day has come."""
    if day > today:
        raise RuleViolation("date_in_future", _("体检日期不能晚于今天"), field="on")
    if not HealthCheckSlot.objects.filter(campaign_id=campaign_id, day=day).exists():
        raise RuleViolation("not_clinic_day", _("%(day)s 不是本次体检的体检日") % {"day": format(day, '%Y-%m-%d')}, field="on")


@transaction.atomic
def health_invite_schedule(*, actor, invite: HealthCheckInvite, slot: HealthCheckSlot,
                           today: dt.date | None = None) -> HealthCheckInvite:
    """Book (or move, e.g. after a no-show) one woman into a slot with room that has not passed."""
    today = today or timezone.localdate()
    invite = HealthCheckInvite.objects.select_for_update().get(pk=invite.pk)
    if slot.campaign_id != invite.campaign_id:
        raise RuleViolation("slot_other_campaign", _("该时段不属于本次体检"), field="slot")
    if slot.day < today:
        raise RuleViolation("slot_past", _("%(slot)s 已过，不能预约") % {"slot": slot}, field="slot")
    if invite.status == InviteStatus.ATTENDED:
        raise Conflict("already_attended", _("已体检，不能改约"))
    if invite.slot_id == slot.pk:
        return invite
    if not _take(slot.pk):
        raise Conflict("slot_full", _("%(slot)s 名额已满") % {"slot": slot})
    before = {"slot": invite.slot_id}
    if invite.slot_id:
        _release(invite.slot_id)
    invite.slot, invite.status = slot, InviteStatus.SCHEDULED
    invite.save(update_fields=["slot", "status", "updated_at"])
    audit_log(actor=actor, action="care.health.scheduled", target=invite, before=before, after={"slot": slot.pk})
    tell_health_scheduled(invite.campaign, [invite])
    return invite


@transaction.atomic
def health_schedule_all(*, actor, campaign: HealthCheckCampaign, today: dt.date | None = None) -> tuple[int, int]:
    """Put every invited woman without a slot into the earliest slot with room from ``today`` on (a passed
    slot is never booked). Returns (scheduled, left)."""
    today = today or timezone.localdate()
    HealthCheckCampaign.objects.select_for_update().get(pk=campaign.pk)
    waiting = list(campaign.invites.filter(slot__isnull=True, status=InviteStatus.INVITED)
                   .select_related("worker").order_by("worker__name_pinyin", "id"))
    done = 0
    slots = list(campaign.slots.filter(day__gte=today).order_by("day", "starts_at", "id"))
    for slot in slots:
        while done < len(waiting) and _take(slot.pk):
            invite = waiting[done]
            invite.slot, invite.status = slot, InviteStatus.SCHEDULED
            done += 1
    HealthCheckInvite.objects.bulk_update(waiting[:done], ["slot", "status"])
    audit_log(actor=actor, action="care.health.scheduled_all", target=campaign,
              after={"scheduled": done, "left": len(waiting) - done})
    tell_health_scheduled(campaign, waiting[:done])
    return done, len(waiting) - done


@transaction.atomic
def health_invite_attend(*, actor, invite: HealthCheckInvite, on: dt.date, attended: bool = True,
                         today: dt.date | None = None) -> HealthCheckInvite:
    """Record that a woman came (or did not) on a clinic day of the campaign, not before her appointment
    and not after today."""
    invite = HealthCheckInvite.objects.select_for_update(of=("self",)).select_related("slot").get(pk=invite.pk)
    if invite.slot_id is None:
        raise RuleViolation("not_scheduled", _("尚未预约时段"))
    _check_day(invite.campaign_id, on, today=today or timezone.localdate())
    if on < invite.slot.day:
        raise RuleViolation("before_appointment", _("预约日期是 %(day)s，不能提前登记到检情况") % {"day": format(invite.slot.day, '%Y-%m-%d')},
                            field="on")
    invite.status = InviteStatus.ATTENDED if attended else InviteStatus.ABSENT
    invite.attended_on = on if attended else None
    invite.save(update_fields=["status", "attended_on", "updated_at"])
    audit_log(actor=actor, action="care.health.attendance", target=invite, after={"status": invite.status})
    return invite


@transaction.atomic
def health_result_record(*, actor, invite: HealthCheckInvite, result: str) -> HealthCheckInvite:
    """Results are health data: encrypted, women's committee only, every write and read audited."""
    invite = HealthCheckInvite.objects.select_for_update().get(pk=invite.pk)
    if invite.status != InviteStatus.ATTENDED:
        raise RuleViolation("not_attended", _("体检后才能登记结果"))
    invite.result = (result or "").strip()
    invite.save(update_fields=["result", "updated_at"])
    audit_log(actor=actor, action="care.health.result_recorded", target=invite, after={"result": "******"})
    return invite


def health_result_view(*, actor, invite: HealthCheckInvite) -> str:
    audit_log(actor=actor, action="care.health.result_viewed", target=invite)
    return invite.result


@transaction.atomic
def health_day_attendance(*, actor, campaign: HealthCheckCampaign, day: dt.date, absent_ids=(),
                          today: dt.date | None = None) -> int:
    """The clinic's list for a day: everyone scheduled that day attended, except those named absent."""
    HealthCheckCampaign.objects.select_for_update().get(pk=campaign.pk)
    _check_day(campaign.pk, day, today=today or timezone.localdate())
    scheduled = campaign.invites.filter(slot__day=day, status=InviteStatus.SCHEDULED)
    absent = set(absent_ids)
    came = scheduled.exclude(pk__in=absent).update(status=InviteStatus.ATTENDED, attended_on=day)
    missed = scheduled.filter(pk__in=absent).update(status=InviteStatus.ABSENT)
    audit_log(actor=actor, action="care.health.day_attendance", target=campaign,
              after={"day": day, "attended": came, "absent": missed})
    return came

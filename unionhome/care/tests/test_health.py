import datetime as dt
import sys
from types import SimpleNamespace
from unittest import mock

import pytest
from django.db import connection

from unionhome.care.models import HealthCheckInvite, HealthCheckSlot
from unionhome.care.queries import health_check_due, health_figures
from unionhome.care.services import health as svc
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.core.testing.race import all_of, met, race
from unionhome.members.services import membership_retire

JUNE = dt.date(2026, 6, 8)
BEFORE = dt.date(2026, 5, 25)  # the day the officer books the June clinic days
T = dt.time
HERE = sys.modules[__name__]


def campaign_with_slots(cast, *, capacity=2, include_retirees=False):
    actor = cast.users["women_committee"]
    campaign = svc.health_campaign_create(actor=actor, union=cast.union, name="2026年女职工健康检查",
                                          clinic="县妇幼保健站", include_retirees=include_retirees)
    svc.health_slots_add(actor=actor, campaign=campaign, day=JUNE, times=[(T(8), T(10)), (T(10), T(12))],
                         capacity=capacity)
    return campaign


@pytest.mark.django_db
def test_it_invites_active_women_and_retirees_only_when_asked(cast):
    campaign = campaign_with_slots(cast)
    membership_retire(actor=None, worker=cast.workers["finance"], on=dt.date(2026, 1, 1))
    assert svc.health_invite_eligible(actor=None, campaign=campaign, on=JUNE) == 4  # 赵六 周九 吴十 冯二
    names = set(campaign.invites.values_list("worker__name", flat=True))
    assert "孙八" not in names and "张三" not in names
    with_retirees = campaign_with_slots(cast, include_retirees=True)
    assert svc.health_invite_eligible(actor=None, campaign=with_retirees, on=JUNE) == 5


@pytest.mark.django_db
def test_it_adds_screening_from_age_35(cast):
    campaign = campaign_with_slots(cast)
    svc.health_invite_eligible(actor=None, campaign=campaign, on=JUNE)
    screening = dict(campaign.invites.values_list("worker__name", "screening"))
    assert screening["吴十"] is True and screening["冯二"] is False  # born 1972 and 1995


@pytest.mark.django_db
def test_it_never_schedules_over_capacity(cast):
    campaign = campaign_with_slots(cast, capacity=1)
    svc.health_invite_eligible(actor=None, campaign=campaign, on=JUNE)
    done, left = svc.health_schedule_all(actor=None, campaign=campaign, today=BEFORE)
    assert (done, left) == (2, 3)  # five women, two places
    assert [s.taken for s in campaign.slots.all()] == [1, 1]
    waiting = campaign.invites.filter(slot__isnull=True).first()
    with pytest.raises(Conflict) as exc:
        svc.health_invite_schedule(actor=None, invite=waiting, slot=campaign.slots.first(), today=BEFORE)
    assert exc.value.code == "slot_full"


@pytest.mark.django_db
def test_moving_to_another_slot_frees_the_old_place(cast):
    campaign = campaign_with_slots(cast, capacity=2)
    svc.health_invite_eligible(actor=None, campaign=campaign, on=JUNE)
    first, second = campaign.slots.all()
    invite = campaign.invites.first()
    svc.health_invite_schedule(actor=None, invite=invite, slot=first, today=BEFORE)
    svc.health_invite_schedule(actor=None, invite=invite, slot=second, today=BEFORE)
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.taken, second.taken) == (0, 1)


@pytest.mark.django_db
def test_figures_count_invited_scheduled_attended_by_day(cast):
    campaign = campaign_with_slots(cast, capacity=2)
    svc.health_invite_eligible(actor=None, campaign=campaign, on=JUNE)
    svc.health_schedule_all(actor=None, campaign=campaign, today=BEFORE)
    svc.health_invite_attend(actor=None, invite=campaign.invites.filter(slot__isnull=False).first(), on=JUNE)
    figures = health_figures(campaign)
    assert (figures["invited"], figures["scheduled"], figures["attended"]) == (5, 4, 1)
    assert figures["by_day"][JUNE] == {"capacity": 4, "scheduled": 4, "attended": 1}


@pytest.mark.django_db
def test_results_are_encrypted_and_every_read_is_audited(cast):
    campaign = campaign_with_slots(cast)
    svc.health_invite_eligible(actor=None, campaign=campaign, on=JUNE)
    svc.health_schedule_all(actor=None, campaign=campaign, today=BEFORE)
    invite = campaign.invites.filter(slot__isnull=False).first()
    with pytest.raises(RuleViolation):
        svc.health_result_record(actor=None, invite=invite, result="宫颈炎")
    svc.health_invite_attend(actor=None, invite=invite, on=JUNE)
    svc.health_result_record(actor=cast.users["women_committee"], invite=invite, result="宫颈炎，建议复查")
    with connection.cursor() as cur:
        cur.execute("select result from care_healthcheckinvite where id=%s", [invite.pk])
        assert cur.fetchone()[0].startswith("enc:")
    invite.refresh_from_db()
    assert svc.health_result_view(actor=cast.users["women_committee"], invite=invite) == "宫颈炎，建议复查"
    assert AuditEntry.objects.filter(action="care.health.result_viewed").count() == 1
    assert "宫颈炎" not in str(AuditEntry.objects.get(action="care.health.result_recorded").after)


@pytest.mark.django_db
def test_it_reminds_women_due_by_the_two_year_cycle(cast):
    campaign = campaign_with_slots(cast)
    svc.health_invite_eligible(actor=None, campaign=campaign, on=JUNE)
    svc.health_schedule_all(actor=None, campaign=campaign, today=BEFORE)
    checked = campaign.invites.filter(slot__isnull=False).first()
    svc.health_invite_attend(actor=None, invite=checked, on=JUNE)
    due_next_year = {w.pk for w, _last, _s in health_check_due(cast.union, today=dt.date(2027, 6, 8))}
    assert checked.worker_id not in due_next_year and len(due_next_year) == 4
    due_later = {w.pk for w, _last, _s in health_check_due(cast.union, today=dt.date(2028, 6, 8))}
    assert checked.worker_id in due_later


def _slot_read(slot_id):
    return HealthCheckSlot.objects.get(pk=slot_id)


def _take_unlocked(slot_id):
    """The control: read, compare, write the count read plus one — the classic lost update. Every caller is held
    after its read until all have read (``met``), so all see the slot free, every time."""
    s = _slot_read(slot_id)
    if s.taken >= s.capacity:
        return False
    HealthCheckSlot.objects.filter(pk=slot_id).update(taken=s.taken + 1)
    return True


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_bookings_never_exceed_capacity_on_postgres(cast):
    def prepare():
        campaign = campaign_with_slots(cast, capacity=1)
        svc.health_invite_eligible(actor=None, campaign=campaign, on=JUNE)
        return SimpleNamespace(slot=campaign.slots.first(), invites=list(campaign.invites.order_by("pk")))

    def within_capacity(burst):
        slot = burst.state.slot
        slot.refresh_from_db()
        assert len(burst.succeeded) == 1 and slot.taken == 1, burst.summary()
        assert set(burst.codes) == {"slot_full"}, burst.summary()
        assert HealthCheckInvite.objects.filter(slot=slot).count() == 1

    race(prepare=prepare, n=4, check=within_capacity,
         control=lambda: all_of(mock.patch.object(svc, "_take", _take_unlocked), met(HERE, "_slot_read", 4)),
         call=lambda st, i: svc.health_invite_schedule(actor=None, invite=st.invites[i], slot=st.slot, today=BEFORE))


@pytest.mark.django_db
def test_a_days_attendance_marks_all_but_the_absent(cast):
    campaign = campaign_with_slots(cast, capacity=3)
    svc.health_invite_eligible(actor=None, campaign=campaign, on=JUNE)
    svc.health_schedule_all(actor=None, campaign=campaign, today=BEFORE)
    absent = campaign.invites.first()
    assert svc.health_day_attendance(actor=None, campaign=campaign, day=JUNE, absent_ids=[absent.pk]) == 4
    absent.refresh_from_db()
    assert absent.status == "absent" and health_figures(campaign)["attended"] == 4


@pytest.mark.django_db
def test_scheduling_never_books_a_slot_that_has_passed(cast):
    campaign = campaign_with_slots(cast, capacity=3)
    later = svc.health_slots_add(actor=None, campaign=campaign, day=JUNE + dt.timedelta(days=7),
                                 times=[(T(8), T(10))], capacity=9)[0]
    svc.health_invite_eligible(actor=None, campaign=campaign, on=JUNE)
    # After the first clinic day only the later day takes new invitees.
    assert svc.health_schedule_all(actor=None, campaign=campaign, today=JUNE + dt.timedelta(days=1)) == (5, 0)
    assert set(campaign.invites.values_list("slot", flat=True)) == {later.pk}
    invite = campaign.invites.first()
    with pytest.raises(RuleViolation) as exc:  # a no-show is moved to a day still to come, never back
        svc.health_invite_schedule(actor=None, invite=invite, slot=campaign.slots.first(), today=JUNE + dt.timedelta(days=1))
    assert exc.value.code == "slot_past"
    invite.refresh_from_db()
    assert invite.slot_id == later.pk


@pytest.mark.django_db
def test_attendance_is_recorded_only_on_a_clinic_day_from_the_appointment_on(cast):
    campaign = campaign_with_slots(cast, capacity=3)
    later_day = JUNE + dt.timedelta(days=7)
    svc.health_slots_add(actor=None, campaign=campaign, day=later_day, times=[(T(8), T(10))], capacity=9)
    svc.health_invite_eligible(actor=None, campaign=campaign, on=JUNE)
    invite = campaign.invites.first()
    svc.health_invite_schedule(actor=None, invite=invite, slot=campaign.slots.last(), today=BEFORE)  # the later day
    for on, code in ((JUNE, "before_appointment"), (later_day + dt.timedelta(days=1), "not_clinic_day"),
                     (later_day, "date_in_future")):
        with pytest.raises(RuleViolation) as exc:
            svc.health_invite_attend(actor=None, invite=invite, on=on, today=later_day - dt.timedelta(days=1)
                                     if code == "date_in_future" else later_day + dt.timedelta(days=2))
        assert exc.value.code == code, on
    with pytest.raises(RuleViolation) as exc:  # nor a no-show before the appointment
        svc.health_invite_attend(actor=None, invite=invite, on=JUNE, attended=False, today=later_day)
    assert exc.value.code == "before_appointment"
    svc.health_invite_attend(actor=None, invite=invite, on=later_day, today=later_day)
    invite.refresh_from_db()
    assert invite.status == "attended" and invite.attended_on == later_day


@pytest.mark.django_db
def test_a_days_attendance_needs_a_clinic_day_that_has_come(cast):
    campaign = campaign_with_slots(cast, capacity=3)
    svc.health_invite_eligible(actor=None, campaign=campaign, on=JUNE)
    svc.health_schedule_all(actor=None, campaign=campaign, today=BEFORE)
    for day, today, code in ((JUNE + dt.timedelta(days=1), JUNE + dt.timedelta(days=2), "not_clinic_day"),
                             (JUNE, JUNE - dt.timedelta(days=1), "date_in_future")):
        with pytest.raises(RuleViolation) as exc:
            svc.health_day_attendance(actor=None, campaign=campaign, day=day, today=today)
        assert exc.value.code == code
    assert health_figures(campaign)["attended"] == 0

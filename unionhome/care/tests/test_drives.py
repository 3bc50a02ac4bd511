import datetime as dt
from decimal import Decimal

import pytest

from unionhome.care.queries import blood_totals, donation_totals
from unionhome.care.services import drives as svc
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import RuleSetting

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 9, 1)


def test_donations_total_per_group_and_close_at_hand_over(cast):
    actor = cast.users["committee"]
    drive = svc.donation_drive_create(actor=actor, union=cast.union, name="金秋助学捐款", cause="资助贫困学生",
                                      recipient="县教育基金会", opened_on=DAY)
    svc.donation_record(actor=actor, drive=drive, worker=cast.workers["member"], kind="money", pledged="200",
                        received="200", received_on=DAY)
    d = svc.donation_record(actor=actor, drive=drive, worker=cast.workers["chair"], kind="money", pledged="500")
    svc.donation_record(actor=actor, drive=drive, worker=cast.workers["finance"], kind="goods", pledged="150",
                        goods="冬衣5件", received="150", received_on=DAY)
    svc.donation_receive(actor=actor, donation=d, received="500", on=DAY)
    totals = donation_totals(drive)
    assert totals["pledged"] == Decimal("850") and totals["received"] == Decimal("850") and totals["donors"] == 3
    assert {g["group"]: g["received"] for g in totals["groups"]} == {"第1小组": Decimal("700"),
                                                                      "第2小组": Decimal("150")}
    svc.donation_drive_hand_over(actor=actor, drive=drive, on=DAY, note="收据号 0012")
    with pytest.raises(Conflict):
        svc.donation_record(actor=actor, drive=drive, worker=cast.workers["member"], kind="money", pledged="1")


def test_it_rejects_goods_without_a_description_and_negative_amounts(cast):
    drive = svc.donation_drive_create(actor=None, union=cast.union, name="捐物", cause="下岗职工",
                                      recipient="县总工会", opened_on=DAY)
    with pytest.raises(RuleViolation):
        svc.donation_record(actor=None, drive=drive, worker=cast.workers["member"], kind="goods", pledged="10")
    with pytest.raises(RuleViolation):
        svc.donation_record(actor=None, drive=drive, worker=cast.workers["member"], kind="money", pledged="-5")


def test_it_rejects_blood_volunteers_outside_the_age_range(cast):
    drive = svc.blood_drive_create(actor=None, union=cast.union, name="2026年无偿献血", held_on=DAY)
    assert drive.partner == "县红十字会"
    v = svc.blood_volunteer_add(actor=None, drive=drive, worker=cast.workers["member"])  # born 1985
    with pytest.raises(Conflict):
        svc.blood_volunteer_add(actor=None, drive=drive, worker=cast.workers["member"])
    RuleSetting.objects.create(key="care.blood.max_age", value=50, source="县红十字会通知",
                               effective_from=dt.date(2026, 1, 1), union=cast.union)
    with pytest.raises(RuleViolation) as exc:
        svc.blood_volunteer_add(actor=None, drive=drive, worker=cast.workers["chair"])  # born 1972: 54
    assert exc.value.code == "blood_age"
    svc.blood_outcome_record(actor=None, volunteer=v, outcome="donated", volume_ml=400)
    assert blood_totals(drive) == {"volunteers": 1, "donated": 1, "volume": 400, "by_outcome": {"donated": 1}}

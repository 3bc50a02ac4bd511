import datetime as dt
from decimal import Decimal

import pytest

from unionhome.care.models import Consent, HardshipFile, HouseholdMember, Publication
from unionhome.care.models.hardship import Category, ConsentKind
from unionhome.care.queries import hardship_review_due, publications_current
from unionhome.care.services.hardship import (consent_record, consent_withdraw, hardship_category, hardship_file_close,
                                              hardship_file_review, hardship_file_view, publication_open,
                                              review_due_on)
from unionhome.care.tests.factories import DAY, consents, open_file
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry, RuleSetting

pytestmark = pytest.mark.django_db
G, F, H, P = ConsentKind.GENERAL, ConsentKind.FINANCIAL, ConsentKind.HEALTH, ConsentKind.PUBLICATION


def test_it_computes_the_category_from_household_income_against_dibao(cast):
    # (income − rigid) / 12 / size against 783: deep below it, relative below twice it
    deep = hardship_category(union=cast.union, on=DAY, place="*", annual_income=Decimal("20000"),
                             rigid_spending=Decimal("0"), household_size=3)
    assert deep[0] == Category.DEEP and deep[2] == Decimal("555.56")
    relative = hardship_category(union=cast.union, on=DAY, place="*", annual_income=Decimal("40000"),
                                 rigid_spending=Decimal("0"), household_size=3)
    assert relative[0] == Category.RELATIVE
    rigid = hardship_category(union=cast.union, on=DAY, place="*", annual_income=Decimal("80000"),
                              rigid_spending=Decimal("50000"), household_size=3)
    assert rigid[0] == Category.RELATIVE
    accident = hardship_category(union=cast.union, on=DAY, place="*", annual_income=Decimal("90000"),
                                 rigid_spending=Decimal("0"), household_size=3, accident_costs=Decimal("80000"))
    assert accident[0] == Category.ACCIDENT
    with pytest.raises(RuleViolation) as exc:
        hardship_category(union=cast.union, on=DAY, place="*", annual_income=Decimal("90000"),
                          rigid_spending=Decimal("0"), household_size=3)
    assert exc.value.code == "not_needy"


def test_it_uses_the_dibao_configured_for_the_union_and_place(cast):
    RuleSetting.objects.create(key="care.hardship.dibao_monthly", value={"*": "500", "示范县": "900"},
                               source="示范县民政局2026年低保标准", effective_from=dt.date(2026, 1, 1), union=cast.union)
    county = hardship_category(union=cast.union, on=DAY, place="示范县", annual_income=Decimal("30000"),
                               rigid_spending=Decimal("0"), household_size=3)
    assert county[:2] == (Category.DEEP, Decimal("900"))
    elsewhere = hardship_category(union=cast.union, on=DAY, place="别处", annual_income=Decimal("30000"),
                                  rigid_spending=Decimal("0"), household_size=3)
    assert elsewhere[:2] == (Category.RELATIVE, Decimal("500"))


@pytest.mark.parametrize("held, code", [
    ((), "consent_general_missing"),
    ((G, H), "consent_financial_missing"),
    ((G, F), "consent_health_missing"),
])
def test_it_rejects_a_file_and_stores_nothing_before_consent(cast, held, code):
    worker = cast.workers["group1_worker"]
    consents(cast, worker, *held) if held else None
    audit_before = AuditEntry.objects.count()
    with pytest.raises(RuleViolation) as exc:
        open_file(cast, worker)
    assert exc.value.code == code
    assert HardshipFile.objects.count() == 0 and HouseholdMember.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before


def test_it_rejects_a_child_under_14_without_guardian_consent(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    child = {"name": "冯小宝", "relation": "子女", "birth_date": dt.date(2016, 5, 1), "occupation": "小学"}
    with pytest.raises(RuleViolation) as exc:
        open_file(cast, worker, household=[child])
    assert exc.value.code == "consent_guardian_missing"
    assert HouseholdMember.objects.count() == 0
    consent_record(actor=cast.users["hardship_officer"], union=cast.union, worker=worker, kind=ConsentKind.GUARDIAN,
                   given_on=DAY, signed_by=worker.name, subject_name="冯小宝", subject_birth_date=dt.date(2016, 5, 1))
    file = open_file(cast, worker, household=[child])
    assert file.household.get().name == "冯小宝"


def test_it_rejects_a_file_after_consent_is_withdrawn(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    consent_withdraw(actor=cast.users["hardship_officer"], on=DAY,
                     consent=Consent.objects.get(worker=worker, kind=ConsentKind.GENERAL))
    with pytest.raises(RuleViolation, match="一般同意"):
        open_file(cast, worker)


def test_it_rejects_a_file_with_an_exclusion(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    with pytest.raises(RuleViolation) as exc:
        open_file(cast, worker, exclusions=["two_homes"])
    assert exc.value.code == "hardship_excluded" and "两套" in exc.value.message


def test_it_keeps_one_open_file_per_household(cast):
    a, b = cast.workers["group1_worker"], cast.workers["group2_worker"]
    consents(cast, a)
    consents(cast, b)
    file = open_file(cast, a)
    with pytest.raises(Conflict):
        open_file(cast, a)
    # b is in a's household (same head): refused too
    with pytest.raises(Conflict):
        open_file(cast, b, household_head_id=a.id_number)
    hardship_file_close(actor=cast.users["chair"], file=file, reason="recovery", on=DAY)
    assert open_file(cast, a).status == "open"


def test_it_encrypts_health_income_and_id_and_masks_them_in_the_audit(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("select id_number, health_detail, annual_income from care_hardshipfile where id=%s", [file.pk])
        row = cur.fetchone()
    assert all(value.startswith("enc:") for value in row)
    trail = AuditEntry.objects.get(action="care.hardship.opened").after
    assert "尿毒症" not in str(trail) and worker.id_number not in str(trail)


def test_every_view_of_a_file_is_audited(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker)
    hardship_file_view(actor=cast.users["chair"], file=file)
    assert AuditEntry.objects.filter(action="care.hardship.viewed", target_id=str(file.pk)).count() == 1


def test_it_needs_a_yearly_review_and_recomputes_the_category(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker, income="12000")
    assert review_due_on(file) == dt.date(2027, 3, 2)
    assert hardship_review_due(cast.union, today=dt.date(2027, 3, 1)) == []
    assert hardship_review_due(cast.union, today=dt.date(2027, 3, 2)) == [file]
    file = hardship_file_review(actor=cast.users["hardship_officer"], file=file, on=dt.date(2027, 3, 2),
                                annual_income="40000", rigid_spending="0", household_size=3)
    assert file.category == Category.RELATIVE and review_due_on(file) == dt.date(2028, 3, 2)
    with pytest.raises(RuleViolation, match="不能建档"):
        hardship_file_review(actor=cast.users["hardship_officer"], file=file, on=dt.date(2028, 3, 2),
                             annual_income="200000", rigid_spending="0", household_size=3)


def test_it_closes_a_file_only_with_a_listed_reason(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker)
    with pytest.raises(RuleViolation):
        hardship_file_close(actor=cast.users["chair"], file=file, reason="bored", on=DAY)
    file = hardship_file_close(actor=cast.users["chair"], file=file, reason="death", on=DAY, note="病故")
    assert file.get_close_reason_display() == "去世"


def test_it_publishes_only_with_consent_and_the_notice_expires(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker, G, F, H)
    file = open_file(cast, worker)
    with pytest.raises(RuleViolation) as exc:
        publication_open(actor=cast.users["hardship_officer"], file=file, starts_on=DAY)
    assert exc.value.code == "consent_publication_missing" and Publication.objects.count() == 0
    consents(cast, worker, P)
    pub = publication_open(actor=cast.users["hardship_officer"], file=file, starts_on=DAY)
    assert pub.ends_on == DAY + dt.timedelta(days=6)
    assert list(publications_current(cast.union, today=DAY + dt.timedelta(days=6))) == [pub]
    assert list(publications_current(cast.union, today=DAY + dt.timedelta(days=7))) == []

import datetime as dt
from decimal import Decimal

import pytest

from unionhome.care.models import Consent, HardshipFile, HouseholdMember, Publication
from unionhome.care.models.hardship import Category, ConsentKind
from unionhome.care.queries import hardship_review_due, publications_current
from unionhome.care.services.hardship import (
    consent_record,
    consent_withdraw,
    file_per_capita_monthly,
    hardship_category,
    hardship_file_close,
    hardship_file_review,
    hardship_file_view,
    publication_open,
    review_due_on,
)
from unionhome.care.tests.factories import DAY, adults, consents, open_file
from unionhome.core import idcard
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
                                own_income="40000", household=adults(2), rigid_spending="0")
    assert file.category == Category.RELATIVE and review_due_on(file) == dt.date(2028, 3, 2)
    with pytest.raises(RuleViolation, match="不能建档"):
        hardship_file_review(actor=cast.users["hardship_officer"], file=file, on=dt.date(2028, 3, 2),
                             own_income="200000", household=adults(2), rigid_spending="0")


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
    assert DAY.weekday() == 0 and pub.ends_on == DAY + dt.timedelta(days=4)  # 5 working days: Monday to Friday
    assert list(publications_current(cast.union, today=DAY + dt.timedelta(days=4))) == [pub]
    assert list(publications_current(cast.union, today=DAY + dt.timedelta(days=5))) == []


# --- the whole household (national form: 家庭成员情况) ---------------------------------------------

CHILD = {"name": "冯小宝", "relation": "子女", "birth_date": dt.date(2016, 5, 1), "occupation": "小学",
         "health_status": "healthy"}


def family_of_four():
    """The worker, a spouse earning 12000, a child under 14 and a grandparent with a 6000 pension."""
    return [{"name": "王丽", "relation": "配偶", "birth_date": dt.date(1985, 2, 1), "occupation": "超市收银",
             "annual_income": "12000", "health_status": "healthy"},
            CHILD,
            {"name": "冯老汉", "relation": "祖父母/外祖父母", "id_number": idcard.make("110101", dt.date(1950, 7, 9), 5, "M"),
             "occupation": "退休", "annual_income": "6000", "health_status": "chronic"}]


def guardian(cast, worker, name="冯小宝", born=dt.date(2016, 5, 1)):
    consent_record(actor=cast.users["hardship_officer"], union=cast.union, worker=worker, kind=ConsentKind.GUARDIAN,
                   given_on=DAY, signed_by=worker.name, subject_name=name, subject_birth_date=born)


def test_it_counts_the_household_from_its_rows_and_computes_the_category_from_them(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    guardian(cast, worker)
    # (30000 + 12000 + 0 + 6000) / 12 / 4 = 1000 a head: above 低保 783, below twice it → 相对困难
    file = open_file(cast, worker, income="30000", household=family_of_four())
    assert file.household_size == 4 and file.annual_income == "48000.00" and file.own_income == "30000.00"
    assert file.category == Category.RELATIVE
    assert file_per_capita_monthly(file) == Decimal("1000.00")
    rows = list(file.household.all())
    assert [m.name for m in rows] == ["王丽", "冯小宝", "冯老汉"]
    assert rows[2].birth_date == dt.date(1950, 7, 9)  # from the ID number
    # the same household with a smaller income is 深度困难
    hardship_file_close(actor=cast.users["chair"], file=file, reason="recovery", on=DAY)
    assert open_file(cast, worker, income="12000", household=family_of_four()).category == Category.DEEP


def test_household_ids_incomes_and_health_are_encrypted_and_masked_in_the_audit(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    guardian(cast, worker)
    file = open_file(cast, worker, income="30000", household=family_of_four())
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("select id_number, annual_income, health_status from care_householdmember where name=%s",
                    ["冯老汉"])
        row = cur.fetchone()
    assert all(value.startswith("enc:") for value in row)
    trail = str(AuditEntry.objects.get(action="care.hardship.opened", target_id=str(file.pk)).after)
    grandpa = family_of_four()[2]["id_number"]
    assert "冯老汉" in trail and grandpa not in trail and grandpa[:3] + "*" in trail and "chronic" not in trail


def test_it_names_every_child_under_14_without_guardian_consent_and_stores_nothing(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    guardian(cast, worker)
    second = {**CHILD, "name": "冯小贝", "birth_date": dt.date(2019, 8, 8)}
    audit_before = AuditEntry.objects.count()
    with pytest.raises(RuleViolation) as exc:
        open_file(cast, worker, household=[*family_of_four(), second])
    assert exc.value.code == "consent_guardian_missing"
    assert "冯小贝" in exc.value.message and "冯小宝" not in exc.value.message
    assert HardshipFile.objects.count() == 0 and HouseholdMember.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    # a child who turned 14 needs no guardian
    teen = {**CHILD, "name": "冯大宝", "birth_date": dt.date(2012, 3, 2)}
    assert open_file(cast, worker, household=[teen]).household_size == 2


def test_a_member_with_health_information_needs_the_health_consent(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker, G, F)
    with pytest.raises(RuleViolation) as exc:
        open_file(cast, worker, health_status="healthy", health_detail="", household=family_of_four()[2:])
    assert exc.value.code == "consent_health_missing"
    file = open_file(cast, worker, health_status="healthy", health_detail="", household=adults(2))
    assert file.household_size == 3


@pytest.mark.parametrize("row, field, code", [
    ({"name": " "}, "household-1-name", "household_name_required"),
    ({"birth_date": None}, "household-1-birth_date", "household_birth_required"),
    ({"birth_date": None, "id_number": "110101195007091234"}, "household-1-id_number", "household_id_invalid"),
    ({"id_number": idcard.make("110101", dt.date(1950, 7, 9), 5, "M")}, "household-1-birth_date",
     "household_birth_mismatch"),
    ({"birth_date": dt.date(2030, 1, 1)}, "household-1-birth_date", "household_birth_future"),
    ({"annual_income": "-5"}, "household-1-annual_income", "amount_invalid"),
    ({"annual_income": "很多"}, "household-1-annual_income", "amount_invalid"),
])
def test_an_invalid_row_names_its_row_and_leaves_nothing(cast, row, field, code):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    household = [*adults(1), {**adults(2)[1], **row}]
    audit_before = AuditEntry.objects.count()
    with pytest.raises(RuleViolation) as exc:
        open_file(cast, worker, household=household)
    assert (exc.value.field, exc.value.code) == (field, code) and exc.value.message.startswith("第2位家庭成员")
    assert HardshipFile.objects.count() == 0 and HouseholdMember.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before


def test_a_review_replaces_the_household_and_recomputes_the_category(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    guardian(cast, worker)
    file = open_file(cast, worker, income="12000", household=family_of_four())
    assert file.category == Category.DEEP
    # the grandparent has died; the spouse found better work
    household = family_of_four()[:2]
    household[0]["annual_income"] = "30000"
    file = hardship_file_review(actor=cast.users["hardship_officer"], file=file, on=dt.date(2027, 3, 2),
                                own_income="12000", household=household, rigid_spending="0")
    assert (file.household_size, file.annual_income, file.category) == (3, "42000.00", Category.RELATIVE)
    assert [m.name for m in file.household.all()] == ["王丽", "冯小宝"]
    trail = AuditEntry.objects.get(action="care.hardship.reviewed")
    assert len(trail.before["household"]) == 3 and len(trail.after["household"]) == 2


def test_a_review_needs_guardian_consent_for_a_child_born_since_and_changes_nothing_without_it(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker, income="12000")
    baby = {**CHILD, "name": "冯小小", "birth_date": dt.date(2026, 10, 1)}
    with pytest.raises(RuleViolation) as exc:
        hardship_file_review(actor=cast.users["hardship_officer"], file=file, on=dt.date(2027, 3, 2),
                             own_income="12000", household=[*adults(2), baby], rigid_spending="0")
    assert exc.value.code == "consent_guardian_missing" and "冯小小" in exc.value.message
    file.refresh_from_db()
    assert file.household_size == 3 and file.reviewed_on == DAY and file.household.count() == 2
    assert not AuditEntry.objects.filter(action="care.hardship.reviewed").exists()


def test_an_invalid_row_at_review_keeps_last_years_household(cast):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker, income="12000")
    with pytest.raises(RuleViolation) as exc:
        hardship_file_review(actor=cast.users["hardship_officer"], file=file, on=dt.date(2027, 3, 2),
                             own_income="12000", household=[adults(1)[0], {"name": "", "birth_date": DAY}],
                             rigid_spending="0")
    assert exc.value.field == "household-1-name"
    assert [m.name for m in HouseholdMember.objects.filter(file=file)] == ["家属1", "家属2"]


@pytest.mark.parametrize("bad", ["NaN", "-1", "一千"])
def test_a_malformed_income_is_refused_with_a_message_not_a_crash(bad):
    from unionhome.care.services.hardship import household_totals

    with pytest.raises(RuleViolation) as err:
        household_totals(own_income=bad, household=[])
    assert err.value.code == "amount_invalid" and err.value.field == "own_income"

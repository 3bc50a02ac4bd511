"""困难职工: consent first, the household file, its category, review, closing, 公示 and assistance.

Rules 24, 25, 27, 30 of regulations.md; §5 (needy workers) and §7 (PIPL).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhome.care.models import Assistance, Consent, HardshipFile, HouseholdMember, Publication
from unionhome.care.models.hardship import (
    AssistanceKind,
    Category,
    CloseReason,
    ConsentKind,
    FileStatus,
    HealthStatus,
    Identity,
)
from unionhome.care.services import ledger
from unionhome.care.services.ledger import amount_checked
from unionhome.core import cncalendar, idcard
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.crypto import blind_index
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rules import rule_value
from unionhome.members.ages import age_on
from unionhome.members.choices import MembershipStatus

FILE_FIELDS = ("political_status", "identity", "model_worker", "marital_status", "hukou_type", "housing_type",
               "housing_area", "employer_nature", "industry", "health_status", "health_detail", "cause",
               "cause_detail")


# --- consent (rule 25) ------------------------------------------------------------------------------

def consent_kinds_held(worker, *, on: dt.date) -> set[str]:
    return set(Consent.objects.filter(worker=worker, given_on__lte=on, withdrawn_on__isnull=True)
               .exclude(kind=ConsentKind.GUARDIAN).values_list("kind", flat=True))


def guardian_consent_held(worker, *, name: str, birth_date: dt.date, on: dt.date) -> bool:
    return Consent.objects.filter(worker=worker, kind=ConsentKind.GUARDIAN, subject_name=name.strip(),
                                  subject_birth_date=birth_date, given_on__lte=on, withdrawn_on__isnull=True).exists()


@transaction.atomic
def consent_record(*, actor, union, worker, kind: str, given_on: dt.date, signed_by: str,
                   subject_name: str = "", subject_birth_date: dt.date | None = None) -> Consent:
    """Record a signed consent (PIPL arts.14, 29, 31). Guardian consent names the child."""
    if worker.union_id != union.pk:
        raise RuleViolation("worker_other_union", _("该职工不属于本工会"), field="worker")
    if kind not in ConsentKind.values:
        raise RuleViolation("consent_kind_invalid", _("请选择同意类型"), field="kind")
    if not (signed_by or "").strip():
        raise RuleViolation("consent_signer_required", _("请填写签署人"), field="signed_by")
    if kind == ConsentKind.GUARDIAN and not ((subject_name or "").strip() and subject_birth_date):
        raise RuleViolation("consent_child_required", _("监护人同意须写明子女姓名和出生日期"), field="subject_name")
    if kind != ConsentKind.GUARDIAN:
        subject_name, subject_birth_date = "", None
    consent = Consent.objects.create(union=union, worker=worker, kind=kind, given_on=given_on,
                                     signed_by=signed_by.strip(), subject_name=(subject_name or "").strip(),
                                     subject_birth_date=subject_birth_date)
    audit_log(actor=actor, action="care.consent.recorded", target=consent, after=snapshot(consent))
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent, on: dt.date) -> Consent:
    """PIPL art.15: consent may be withdrawn; later processing that needs it is refused."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on:
        raise Conflict("consent_withdrawn", _("该同意已撤回"))
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on", "updated_at"])
    audit_log(actor=actor, action="care.consent.withdrawn", target=consent, after={"withdrawn_on": on})
    return consent


def _require_consents(worker, *, on, health: bool, household: list[dict], union) -> None:
    held = consent_kinds_held(worker, on=on)
    if ConsentKind.GENERAL not in held:
        raise RuleViolation("consent_general_missing", _("请先取得本人对建档处理个人信息的同意（一般同意）"))
    if ConsentKind.FINANCIAL not in held:
        raise RuleViolation("consent_financial_missing", _("收入、财产信息须先取得本人单独同意"))
    if health and ConsentKind.HEALTH not in held:
        raise RuleViolation("consent_health_missing", _("健康信息须先取得本人单独同意"))
    # PIPL arts.28, 31: every child of the household under the age needs the guardian's own consent.
    child_age = int(rule_value("care.hardship.guardian_age", union=union, on=on))
    missing = [person["name"] for person in household
               if age_on(person["birth_date"], on) < child_age
               and not guardian_consent_held(worker, name=person["name"], birth_date=person["birth_date"], on=on)]
    if missing:
        raise RuleViolation("consent_guardian_missing",
                            _("%(join)s 不满%(child_age)s周岁，须先取得监护人同意（写明子女姓名和出生日期）") % {"join": _('、').join(missing), "child_age": child_age})


def _health_given(health_status, health_detail="", household=()) -> bool:
    """Health information beyond "healthy" needs the separate health consent (PIPL art.28)."""
    told = [health_status, *(p["health_status"] for p in household)]
    return bool(health_detail or any(h not in ("", None, HealthStatus.HEALTHY) for h in told))


# --- the household (national form: 家庭成员情况) -----------------------------------------------------

MAX_HOUSEHOLD = 30


def _row_error(i: int, code: str, message: str, name: str) -> RuleViolation:
    return RuleViolation(code, _("第%(value)s位家庭成员：%(message)s") % {"value": i + 1, "message": message}, field=f"household-{i}-{name}")


def household_rows(household, *, on: dt.date) -> list[dict]:
    """Check and normalise the household members other than the worker. An error names its row
    (``field="household-<i>-<name>"``, as the page's formset does) so the page shows it next to the row."""
    household = list(household)
    if len(household) > MAX_HOUSEHOLD - 1:
        raise RuleViolation("household_too_large", _("家庭人口不能超过%(MAX_HOUSEHOLD)s人") % {"MAX_HOUSEHOLD": MAX_HOUSEHOLD}, field="household")
    rows = []
    for i, person in enumerate(household):
        name = (person.get("name") or "").strip()
        if not name:
            raise _row_error(i, "household_name_required", _("请填写姓名"), "name")
        number = idcard.normalise(person.get("id_number") or "")
        born = person.get("birth_date")
        if number:
            message = idcard.validate(number)
            if message:
                raise _row_error(i, "household_id_invalid", message, "id_number")
            if born and born != idcard.birth_date(number):
                raise _row_error(i, "household_birth_mismatch", _("出生日期与身份证号不一致"), "birth_date")
            born = idcard.birth_date(number)
        if not born:
            raise _row_error(i, "household_birth_required", _("请填写出生日期或身份证号"), "birth_date")
        if born > on:
            raise _row_error(i, "household_birth_future", _("出生日期不能晚于建档（复核）日期"), "birth_date")
        try:
            income = amount_checked(person.get("annual_income"), f"household-{i}-annual_income")
        except RuleViolation as exc:
            raise _row_error(i, exc.code, exc.message, "annual_income") from None
        rows.append({"name": name, "relation": (person.get("relation") or "").strip() or _("其他"), "id_number": number,
                     "birth_date": born, "occupation": (person.get("occupation") or "").strip()[:50],
                     "annual_income": income, "health_status": (person.get("health_status") or "").strip()})
    return rows


def household_totals(*, own_income, household: list[dict]) -> tuple[int, Decimal]:
    """家庭人口 and 家庭年收入 from the rows: the worker plus every member listed."""
    total = amount_checked(own_income, "own_income") + sum((p["annual_income"] for p in household), Decimal(0))
    return 1 + len(household), total


def _household_save(file: HardshipFile, household: list[dict]) -> None:
    HouseholdMember.objects.bulk_create([
        HouseholdMember(union_id=file.union_id, file=file, name=p["name"], relation=p["relation"],
                        id_number=p["id_number"], birth_date=p["birth_date"], occupation=p["occupation"],
                        annual_income=str(p["annual_income"]) if p["annual_income"] else "",
                        health_status=p["health_status"])
        for p in household])


def _household_snapshot(file: HardshipFile) -> list[dict]:
    return [snapshot(m, fields=("name", "relation", "id_number", "birth_date", "annual_income", "health_status"))
            for m in file.household.all()]


# --- category (rule 24) -----------------------------------------------------------------------------

def dibao_for(*, union, place: str, on: dt.date) -> Decimal:
    table = rule_value("care.hardship.dibao_monthly", union=union, on=on)
    value = table.get(place) or table.get("*")
    if value is None:
        raise RuleViolation("dibao_missing", _("未配置“%(place)s”的低保标准") % {"place": place})
    return Decimal(str(value))


def per_capita_monthly(*, annual_income: Decimal, rigid_spending: Decimal, household_size: int) -> Decimal:
    """家庭人均月收入 as the national form computes it: (income − rigid spending) / 12 / size."""
    return ((Decimal(annual_income) - Decimal(rigid_spending)) / 12 / household_size).quantize(Decimal("0.01"))


def hardship_category(*, union, on: dt.date, place: str, annual_income: Decimal, rigid_spending: Decimal,
                      household_size: int, accident_costs: Decimal = Decimal(0)) -> tuple[str, Decimal, Decimal]:
    """(category, 低保, per-person monthly income). ``(income − rigid) / 12 / size`` below 低保 → 深度,
    below 2 × 低保 → 相对; otherwise an accident whose net costs exceed 80% of income → 意外致困."""
    if household_size < 1:
        raise RuleViolation("household_size_invalid", _("家庭人口至少为1"), field="household_size")
    dibao = dibao_for(union=union, place=place, on=on)
    per_person = per_capita_monthly(annual_income=annual_income, rigid_spending=rigid_spending,
                                    household_size=household_size)
    multiple = Decimal(str(rule_value("care.hardship.relative_multiple", union=union, on=on)))
    if per_person < dibao:
        return Category.DEEP, dibao, per_person
    if per_person < dibao * multiple:
        return Category.RELATIVE, dibao, per_person
    ratio = Decimal(str(rule_value("care.hardship.accident_cost_ratio", union=union, on=on)))
    if accident_costs > 0 and accident_costs > annual_income * ratio:
        return Category.ACCIDENT, dibao, per_person
    raise RuleViolation("not_needy", _("家庭人均月收入 %(per_person)s 元，不低于低保标准 %(dibao)s 元的 %(multiple)s 倍，也不符合意外致困条件，不能建档") % {"per_person": per_person, "dibao": dibao, "multiple": multiple})


EXCLUSIONS = {
    "two_homes": gettext_lazy("家庭拥有两套及以上住房"),
    "business": gettext_lazy("家庭经营商铺或雇用他人"),
    "private_school": gettext_lazy("子女就读高收费民办学校或自费出国留学"),
}


# --- the file ---------------------------------------------------------------------------------------

@transaction.atomic
def hardship_file_open(*, actor, union, worker, opened_on: dt.date, place: str, own_income=0,
                       household: list[dict] = (), rigid_spending=0, accident_costs=0, id_number: str = "",
                       household_head_id: str = "", exclusions=(), **fields) -> HardshipFile:
    """建档 (一户一档, 建档在先、帮扶在后). Consent comes first and nothing is stored without it;
    exclusion flags block the file; household size and income come from the worker and the household
    rows, and the category is computed from them, never typed."""
    if worker.union_id != union.pk:
        raise RuleViolation("worker_other_union", _("该职工不属于本工会"), field="worker")
    unknown = set(fields) - set(FILE_FIELDS)
    if unknown:
        raise RuleViolation("field_unknown", _("未知字段：%(join)s") % {"join": ', '.join(sorted(unknown))})
    household = household_rows(household, on=opened_on)
    health = _health_given(fields.get("health_status"), fields.get("health_detail"), household)
    _require_consents(worker, on=opened_on, health=health, household=household, union=union)
    blocked = [str(EXCLUSIONS[e]) for e in exclusions if e in EXCLUSIONS]
    if blocked:
        raise RuleViolation("hardship_excluded", _("不能建档：") + _("；").join(blocked))
    membership = getattr(worker, "membership", None)
    if membership is None or membership.status not in (MembershipStatus.ACTIVE, MembershipStatus.RETAINED):
        raise RuleViolation("not_a_member", _("只有本会会员可以建立困难职工档案"))
    if fields.get("identity") == Identity.MIGRANT:
        years = int(rule_value("care.hardship.migrant_min_years", union=union, on=opened_on))
        if membership.joined_on > opened_on.replace(year=opened_on.year - years):
            raise RuleViolation("migrant_too_new", _("农民工须入会满%(years)s年方可建档") % {"years": years})
    own = amount_checked(own_income, "own_income")
    size, income = household_totals(own_income=own, household=household)
    rigid, accident = amount_checked(rigid_spending, "rigid_spending"), amount_checked(accident_costs, "accident_costs")
    category, dibao, _per = hardship_category(union=union, on=opened_on, place=place, annual_income=income,
                                              rigid_spending=rigid, household_size=size, accident_costs=accident)
    number = idcard.normalise(id_number or worker.id_number)
    head = idcard.normalise(household_head_id) if household_head_id else number
    for candidate in (number, head):
        message = idcard.validate(candidate)
        if message:
            raise RuleViolation("id_number_invalid", message, field="id_number")
    household_hash = blind_index(head)
    if HardshipFile.objects.filter(union=union, status=FileStatus.OPEN, household_hash=household_hash).exists() or \
            HardshipFile.objects.filter(union=union, status=FileStatus.OPEN, worker=worker).exists():
        raise Conflict("hardship_file_exists", _("该户已有在档的困难职工档案（一户一档）"))
    file = HardshipFile(union=union, worker=worker, household_hash=household_hash, category=category, place=place,
                        dibao_monthly=dibao, id_number=number, household_size=size, own_income=str(own),
                        annual_income=str(income), rigid_spending=str(rigid),
                        accident_costs=str(accident) if accident else "", opened_on=opened_on,
                        reviewed_on=opened_on, officer=actor, **fields)
    try:
        with transaction.atomic():
            file.save()
    except IntegrityError:
        raise Conflict("hardship_file_exists", _("该户已有在档的困难职工档案（一户一档）"))
    _household_save(file, household)
    audit_log(actor=actor, action="care.hardship.opened", target=file,
              after={**snapshot(file), "household": _household_snapshot(file)})
    return file


def hardship_file_view(*, actor, file: HardshipFile) -> HardshipFile:
    """Every reading of a file is audited (PIPL art.51; rule 27)."""
    audit_log(actor=actor, action="care.hardship.viewed", target=file)
    return file


@transaction.atomic
def hardship_file_review(*, actor, file: HardshipFile, on: dt.date, own_income, household: list[dict],
                         rigid_spending, accident_costs=0, note: str = "") -> HardshipFile:
    """年度复核: this year's household rows replace last year's and the category is recomputed from them.
    A household no longer in hardship is not silently kept: the officer closes the file (reason 脱困).
    Consent is checked again for what is stored now (a child born since, new health information)."""
    file = HardshipFile.objects.select_for_update().select_related("worker").get(pk=file.pk)
    if file.status != FileStatus.OPEN:
        raise Conflict("hardship_closed", _("档案已销档"))
    household = household_rows(household, on=on)
    health = _health_given(file.health_status, file.health_detail, household)
    _require_consents(file.worker, on=on, health=health, household=household, union=file.union)
    before = {**snapshot(file), "household": _household_snapshot(file)}
    own = amount_checked(own_income, "own_income")
    size, income = household_totals(own_income=own, household=household)
    rigid, accident = amount_checked(rigid_spending, "rigid_spending"), amount_checked(accident_costs, "accident_costs")
    category, dibao, _per = hardship_category(union=file.union, on=on, place=file.place, annual_income=income,
                                              rigid_spending=rigid, household_size=size, accident_costs=accident)
    file.category, file.dibao_monthly, file.household_size = category, dibao, size
    file.own_income, file.annual_income, file.rigid_spending = str(own), str(income), str(rigid)
    file.accident_costs = str(accident) if accident else ""
    file.reviewed_on = on
    file.save()
    file.household.all().delete()
    _household_save(file, household)
    audit_log(actor=actor, action="care.hardship.reviewed", target=file, before=before,
              after={**snapshot(file), "household": _household_snapshot(file)}, note=note)
    return file


@transaction.atomic
def hardship_file_close(*, actor, file: HardshipFile, reason: str, on: dt.date, note: str = "") -> HardshipFile:
    file = HardshipFile.objects.select_for_update().get(pk=file.pk)
    if file.status != FileStatus.OPEN:
        raise Conflict("hardship_closed", _("档案已销档"))
    if reason not in CloseReason.values:
        raise RuleViolation("close_reason_required", _("请选择销档原因（脱困、退休、调离、去世）"), field="reason")
    file.status, file.closed_on, file.close_reason, file.close_note = FileStatus.CLOSED, on, reason, note.strip()
    file.save()
    audit_log(actor=actor, action="care.hardship.closed", target=file,
              after={"status": file.status, "closed_on": on, "close_reason": reason}, note=note)
    return file


def file_per_capita_monthly(file: HardshipFile) -> Decimal:
    return per_capita_monthly(annual_income=Decimal(file.annual_income or 0),
                              rigid_spending=Decimal(file.rigid_spending or 0), household_size=file.household_size)


def review_due_on(file: HardshipFile) -> dt.date:
    months = int(rule_value("care.hardship.review_months", union=file.union, on=file.reviewed_on))
    month = file.reviewed_on.month - 1 + months
    year, month = file.reviewed_on.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(file.reviewed_on.day, 28))


# --- publication (rule 30) --------------------------------------------------------------------------

@transaction.atomic
def publication_open(*, actor, file: HardshipFile, starts_on: dt.date) -> Publication:
    """公示 needs the member's separate consent (PIPL art.25) and shows name, unit and category only; it runs
    for the configured number of official working days (holidays skipped, make-up working days counted)."""
    file = HardshipFile.objects.select_related("worker", "worker__unit").get(pk=file.pk)
    if file.status != FileStatus.OPEN:
        raise Conflict("hardship_closed", _("档案已销档"))
    if ConsentKind.PUBLICATION not in consent_kinds_held(file.worker, on=starts_on):
        raise RuleViolation("consent_publication_missing", _("公示须先取得本人单独同意"))
    workdays = int(rule_value("care.hardship.publicity_workdays", union=file.union, on=starts_on))
    publication = Publication.objects.create(
        union=file.union, file=file, shown_name=file.worker.name,
        shown_unit=file.worker.unit.name if file.worker.unit_id else "", shown_category=file.get_category_display(),
        starts_on=starts_on, ends_on=cncalendar.nth_workday(starts_on, workdays))
    audit_log(actor=actor, action="care.hardship.published", target=publication, after=snapshot(publication))
    return publication


# --- assistance -------------------------------------------------------------------------------------

@transaction.atomic
def assistance_record(*, actor, file: HardshipFile, kind: str, amount, given_on: dt.date,
                      description: str = "") -> Assistance:
    """帮扶 on an open file only (建档在先、帮扶在后), booked under 维权支出 (regulations §5)."""
    file = HardshipFile.objects.select_for_update(of=("self",)).select_related("worker").get(pk=file.pk)
    if file.status != FileStatus.OPEN:
        raise RuleViolation("hardship_not_open", _("只能对在档的困难职工实施帮扶（建档在先、帮扶在后）"))
    if kind not in AssistanceKind.values:
        raise RuleViolation("assistance_kind_invalid", _("请选择帮扶类型"), field="kind")
    amount = amount_checked(amount, "amount")
    assistance = Assistance.objects.create(union=file.union, file=file, kind=kind, amount=amount, given_on=given_on,
                                           description=(description or "").strip()[:200], recorded_by=actor)
    if amount > 0:
        ledger.post_rights_expense(actor=actor, on=given_on, amount=amount, warmth=kind == AssistanceKind.WARMTH,
                                   counterparty=file.worker.name,
                                   note=(_("%(get_kind_display)s：%(description)s") % {
                                       "get_kind_display": assistance.get_kind_display(),
                                       "description": description})[:200], source=assistance)
    audit_log(actor=actor, action="care.assistance.recorded", target=assistance, after=snapshot(assistance))
    return assistance

"""Writes to the roster and membership. Rules: regulations §3 (会籍) and §7 (personal data)."""
from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.core import idcard, pinyin
from unionhome.core.audit import audit_log, changed, snapshot
from unionhome.core.crypto import blind_index
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.text import refuse_unsafe
from unionhome.members import hooks
from unionhome.members.choices import (
    ETHNICITIES,
    Education,
    EmploymentStatus,
    Gender,
    MembershipStatus,
    PoliticalStatus,
)
from unionhome.members.models import Membership, MembershipEvent, Worker

MOBILE_RE = re.compile(r"^1\d{10}$")


def worker_check_identity(*, id_number: str, birth_date: dt.date | None, gender: str | None) -> list[tuple[str, str, str]]:
    """Cross-check an ID number with the birth date and gender given beside it.

    Returns (field, code, message) triples; empty when all agree.
    """
    errors: list[tuple[str, str, str]] = []
    message = idcard.validate(id_number)
    if message:
        return [("id_number", "id_number_invalid", message)]
    number = idcard.normalise(id_number)
    if birth_date is not None and idcard.birth_date(number) != birth_date:
        errors.append(("birth_date", "birth_date_mismatch", _("出生日期与身份证号不一致")))
    if gender and idcard.gender(number) != gender:
        errors.append(("gender", "gender_mismatch", _("性别与身份证号不一致")))
    return errors


def _validate(*, name, gender, ethnicity, birth_date, id_number, mobile, unit, group, union, post="",
              employment_status=EmploymentStatus.EMPLOYED, political_status="masses", education="") -> None:
    if not (name or "").strip():
        raise RuleViolation("name_required", _("姓名必填"), field="name")
    refuse_unsafe(field="name", label=_("姓名"), value=name)
    refuse_unsafe(field="post", label=_("职务/岗位"), value=post)
    if gender not in Gender.values:
        raise RuleViolation("gender_invalid", _("性别应为“男”或“女”"), field="gender")
    if ethnicity not in ETHNICITIES:
        raise RuleViolation("ethnicity_invalid", _("民族“%(ethnicity)s”不在56个民族名称中") % {"ethnicity": ethnicity}, field="ethnicity")
    for field, code, message in worker_check_identity(id_number=id_number, birth_date=birth_date, gender=gender):
        raise RuleViolation(code, message, field=field)
    if mobile and not MOBILE_RE.match(mobile):
        raise RuleViolation("mobile_invalid", _("手机号应为以1开头的11位数字"), field="mobile")
    if employment_status not in EmploymentStatus.values:
        raise RuleViolation("employment_status_invalid", _("在职状态应为在职、退休或调离"), field="employment_status")
    if political_status not in PoliticalStatus.values:
        raise RuleViolation("political_status_invalid", _("政治面貌无效"), field="political_status")
    if education and education not in Education.values:
        raise RuleViolation("education_invalid", _("学历无效"), field="education")
    if unit is not None and unit.union_id != union.pk:
        raise RuleViolation("unit_other_union", _("所选单位不属于本工会"), field="unit")
    if group is not None and group.union_id != union.pk:
        raise RuleViolation("group_other_union", _("所选工会小组不属于本工会"), field="group")


def worker_fill_derived(worker: Worker) -> None:
    """Keys derived from the entered values: pinyin for search/sort, blind indexes, ID tail."""
    worker.name_pinyin = pinyin.full(worker.name)
    worker.name_initials = pinyin.initials(worker.name)
    worker.id_number = idcard.normalise(worker.id_number)
    worker.id_number_hash = blind_index(worker.id_number)
    worker.id_tail = worker.id_number[-4:]
    worker.mobile_hash = blind_index(worker.mobile) if worker.mobile else ""


@transaction.atomic
def worker_create(*, actor, union, name: str, gender: str, birth_date: dt.date, id_number: str,
                  ethnicity: str = "汉族", mobile: str = "", unit=None, group=None, post: str = "",
                  employment_status: str = EmploymentStatus.EMPLOYED, political_status: str = "masses",
                  education: str = "", join_on: dt.date | None = None, card_number: str = "") -> Worker:
    """Add a worker to the roster; with ``join_on`` they also join the union that day."""
    name = (name or "").strip()
    _validate(name=name, gender=gender, ethnicity=ethnicity, birth_date=birth_date, id_number=id_number,
              mobile=mobile, unit=unit, group=group, union=union, post=post, employment_status=employment_status,
              political_status=political_status, education=education)
    worker = Worker(union=union, name=name, gender=gender, ethnicity=ethnicity, birth_date=birth_date,
                    id_number=id_number, mobile=mobile, unit=unit, group=group, post=post,
                    employment_status=employment_status, political_status=political_status, education=education)
    worker_fill_derived(worker)
    if Worker.objects.filter(union=union, id_number_hash=worker.id_number_hash).exists():
        raise Conflict("id_number_duplicate", _("该身份证号的职工已在花名册中"), field="id_number")
    try:
        with transaction.atomic():
            worker.save()
    except IntegrityError:
        raise Conflict("id_number_duplicate", _("该身份证号的职工已在花名册中"), field="id_number")
    audit_log(actor=actor, action="members.worker.created", target=worker, after=snapshot(worker))
    if join_on is not None:
        membership_join(actor=actor, worker=worker, joined_on=join_on, card_number=card_number)
    return worker


EDITABLE_FIELDS = ("name", "gender", "ethnicity", "birth_date", "id_number", "mobile", "address", "unit", "group",
                   "post", "employment_status", "political_status", "education")


@transaction.atomic
def worker_update(*, actor, worker: Worker, **changes) -> Worker:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise RuleViolation("field_not_editable", _("不能修改字段：%(join)s") % {"join": ', '.join(sorted(unknown))})
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    if "employment_status" in changes:
        _check_employment_edit(worker, changes["employment_status"])
    before = snapshot(worker)
    for key, value in changes.items():
        setattr(worker, key, value)
    worker.name = (worker.name or "").strip()
    _validate(name=worker.name, gender=worker.gender, ethnicity=worker.ethnicity, birth_date=worker.birth_date,
              id_number=worker.id_number, mobile=worker.mobile, unit=worker.unit, group=worker.group,
              union=worker.union, post=worker.post, employment_status=worker.employment_status,
              political_status=worker.political_status, education=worker.education)
    worker_fill_derived(worker)
    if Worker.objects.filter(union=worker.union, id_number_hash=worker.id_number_hash).exclude(pk=worker.pk).exists():
        raise Conflict("id_number_duplicate", _("该身份证号的职工已在花名册中"), field="id_number")
    worker.save()
    b, a = changed(before, snapshot(worker))
    audit_log(actor=actor, action="members.worker.updated", target=worker, before=b, after=a)
    return worker


ADDRESS_MAX = 200
SENSITIVE_FIELDS = ("id_number", "mobile", "address")  # shown masked; revealing one is audited


@transaction.atomic
def worker_contact_update(*, actor, worker: Worker, mobile: str, address: str) -> Worker:
    """A member corrects their own mobile number and address (我的): the only fields of the record that are theirs
    to change. The view passes the signed-in member's own worker; the change is audited under its own action so
    that officers see it on the member's page and in the audit trail."""
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    mobile = (mobile or "").strip()
    address = (address or "").strip()
    if mobile and not MOBILE_RE.match(mobile):
        raise RuleViolation("mobile_invalid", _("手机号应为以1开头的11位数字"), field="mobile")
    refuse_unsafe(field="address", label=_("住址"), value=address)
    if len(address) > ADDRESS_MAX:
        raise RuleViolation("address_too_long", _("住址最多%(n)s个字") % {"n": ADDRESS_MAX}, field="address")
    if mobile == worker.mobile and address == worker.address:
        raise RuleViolation("contact_unchanged", _("联系方式没有变化"), field="mobile")
    before = snapshot(worker)
    worker.mobile, worker.address = mobile, address
    worker_fill_derived(worker)
    worker.save(update_fields=["mobile", "mobile_hash", "address", "updated_at"])
    b, a = changed(before, snapshot(worker))
    audit_log(actor=actor, action="members.worker.contact_self_updated", target=worker, before=b, after=a)
    return worker


def _check_employment_edit(worker: Worker, status: str) -> None:
    """Employment and membership move together, on a date (rule 23): retiring or leaving the unit while a
    member, or coming back to work as a retired member, goes through the membership action, not an edit."""
    membership = Membership.objects.filter(worker=worker).first()
    if membership is None or status == worker.employment_status:
        return
    if membership.status == MembershipStatus.ACTIVE and status == EmploymentStatus.RETIRED:
        raise RuleViolation("use_retire", _("在会会员退休，请办理“退休保留会籍”（同时记录日期）"), field="employment_status")
    if membership.status in (MembershipStatus.ACTIVE, MembershipStatus.RETAINED) and \
            status == EmploymentStatus.TRANSFERRED:
        raise RuleViolation("use_transfer_out", _("会员调离，请办理“转出”（同时记录日期和转入工会）"), field="employment_status")
    if membership.status == MembershipStatus.RETAINED and status == EmploymentStatus.EMPLOYED:
        raise RuleViolation("use_reinstate", _("保留会籍的退休会员重新在职，请办理“恢复会籍”（同时记录日期）"),
                            field="employment_status")


def worker_reveal(*, actor, worker: Worker, field: str) -> str:
    """Show a sensitive value in full; every reveal is audited (PIPL art.51, GB/T 35273 §7.2)."""
    if field not in SENSITIVE_FIELDS:
        raise RuleViolation("field_not_sensitive", _("该字段不可查看"))
    audit_log(actor=actor, action="members.worker.revealed", target=worker, note=field)
    return getattr(worker, field)


def _event(*, actor, membership: Membership, kind: str, on: dt.date, **extra) -> MembershipEvent:
    return MembershipEvent.objects.create(union=membership.union, membership=membership, kind=kind, on=on,
                                          recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
                                          **extra)


def _locked_membership(worker: Worker) -> Membership:
    try:
        return Membership.objects.select_for_update().get(worker=worker)
    except Membership.DoesNotExist:
        raise RuleViolation("not_a_member", _("%(name)s 不是会员") % {"name": worker.name})


@transaction.atomic
def membership_join(*, actor, worker: Worker, joined_on: dt.date, card_number: str = "",
                    from_union: str = "") -> Membership:
    """Join, or transfer in from another union (一次入会、动态接转: a transfer-in names its source). A worker on
    the roster whose membership was transferred out or ended rejoins (re-admission, ``membership_reinstate``)."""
    existing = Membership.objects.filter(worker=worker).first()
    if existing is not None:
        if existing.status in (MembershipStatus.TRANSFERRED_OUT, MembershipStatus.LEFT):
            return membership_reinstate(actor=actor, worker=worker, on=joined_on, card_number=card_number,
                                        from_union=from_union)
        raise Conflict("already_member", _("%(name)s 已有会籍记录（%(get_status_display)s）") % {"name": worker.name, "get_status_display": existing.get_status_display()})
    if joined_on > timezone.localdate():
        raise RuleViolation("date_in_future", _("入会日期不能晚于今天"))
    card_number = (card_number or "").strip()
    refuse_unsafe(field="card_number", label=_("会员证号"), value=card_number)
    refuse_unsafe(field="other_union", label=_("原工会"), value=from_union)
    if card_number and Membership.objects.filter(union=worker.union, card_number=card_number).exists():
        raise Conflict("card_number_duplicate", _("会员证号 %(card_number)s 已被使用") % {"card_number": card_number}, field="card_number")
    membership = Membership.objects.create(union=worker.union, worker=worker, card_number=card_number,
                                           joined_on=joined_on, status=MembershipStatus.ACTIVE, status_since=joined_on)
    kind = MembershipEvent.Kind.TRANSFER_IN if from_union else MembershipEvent.Kind.JOIN
    _event(actor=actor, membership=membership, kind=kind, on=joined_on, other_union=from_union)
    audit_log(actor=actor, action=f"members.membership.{kind}", target=membership, after=snapshot(membership))
    return membership


def _set_status(*, actor, membership: Membership, status: str, on: dt.date, kind: str, employment: str = "",
                **extra) -> Membership:
    """A change of membership on its real date (not in the future, not before the current status began); with
    ``employment``, the worker's employment status moves with it, in the same write and audit row."""
    if on > timezone.localdate():
        raise RuleViolation("date_in_future", _("日期不能晚于今天"), field="on")
    if on < membership.status_since:
        raise RuleViolation("date_before_status", _("日期不能早于当前会籍状态的起始日期（%(status_since)s）") % {"status_since": membership.status_since},
                            field="on")
    worker = Worker.objects.select_for_update().get(pk=membership.worker_id)
    before = {**snapshot(membership, ["status", "status_since"]), "employment_status": worker.employment_status}
    membership.status = status
    membership.status_since = on
    membership.save(update_fields=["status", "status_since", "updated_at"])
    if employment and worker.employment_status != employment:
        worker.employment_status = employment
        worker.save(update_fields=["employment_status", "updated_at"])
    _event(actor=actor, membership=membership, kind=kind, on=on, **extra)
    audit_log(actor=actor, action=f"members.membership.{kind}", target=membership, before=before,
              after={**snapshot(membership, ["status", "status_since"]), "employment_status": worker.employment_status},
              note=extra.get("note", ""))
    return membership


@transaction.atomic
def membership_transfer_out(*, actor, worker: Worker, on: dt.date, to_union: str, card_endorsement: str,
                            note: str = "") -> Membership:
    """Rule 23: a transfer out records the date, the destination union and the 会员证 endorsement."""
    if not (to_union or "").strip():
        raise RuleViolation("destination_required", _("转出须填写转入的工会"), field="to_union")
    if not (card_endorsement or "").strip():
        raise RuleViolation("endorsement_required", _("转出须记录会员证转出签注"), field="card_endorsement")
    refuse_unsafe(field="to_union", label=_("转入工会"), value=to_union)
    refuse_unsafe(field="card_endorsement", label=_("会员证转出签注"), value=card_endorsement)
    membership = _locked_membership(worker)
    if membership.status in (MembershipStatus.TRANSFERRED_OUT, MembershipStatus.LEFT):
        raise Conflict("membership_ended", _("该会员会籍已转出或退会"))
    # The membership follows the employment (章程 art.5): whoever transfers out has left the unit's staff.
    membership = _set_status(actor=actor, membership=membership, status=MembershipStatus.TRANSFERRED_OUT, on=on,
                             kind=MembershipEvent.Kind.TRANSFER_OUT, employment=EmploymentStatus.TRANSFERRED,
                             other_union=to_union.strip(), card_endorsement=card_endorsement.strip(), note=note)
    hooks.membership_ended.fire(actor=actor, worker=worker, membership=membership)
    return membership


@transaction.atomic
def membership_retire(*, actor, worker: Worker, on: dt.date, note: str = "") -> Membership:
    """Retirement keeps membership (保留会籍): no vote, no candidacy, no dues (章程 art.8, 条例 art.4)."""
    membership = _locked_membership(worker)
    if membership.status != MembershipStatus.ACTIVE:
        raise Conflict("membership_not_active", _("只有在会会员可以办理退休保留会籍"))
    return _set_status(actor=actor, membership=membership, status=MembershipStatus.RETAINED, on=on,
                       kind=MembershipEvent.Kind.RETIRE, employment=EmploymentStatus.RETIRED, note=note)


@transaction.atomic
def membership_leave(*, actor, worker: Worker, on: dt.date, note: str = "") -> Membership:
    membership = _locked_membership(worker)
    if membership.status in (MembershipStatus.TRANSFERRED_OUT, MembershipStatus.LEFT):
        raise Conflict("membership_ended", _("该会员会籍已转出或退会"))
    membership = _set_status(actor=actor, membership=membership, status=MembershipStatus.LEFT, on=on,
                             kind=MembershipEvent.Kind.LEAVE, note=note)
    hooks.membership_ended.fire(actor=actor, worker=worker, membership=membership)
    return membership


@transaction.atomic
def membership_reinstate(*, actor, worker: Worker, on: dt.date, note: str = "", card_number: str = "",
                         from_union: str = "") -> Membership:
    """Re-admission (恢复会籍): a member who left or was transferred out rejoins — coming back from another union
    is a transfer in that names it —, or a retired member back at work becomes active again. The worker is on
    the unit's staff again (employment and membership move together)."""
    membership = _locked_membership(worker)
    if membership.status == MembershipStatus.ACTIVE:
        raise Conflict("already_member", _("%(name)s 已是在会会员") % {"name": worker.name})
    card_number = (card_number or "").strip()
    if card_number and card_number != membership.card_number:
        if Membership.objects.filter(union=worker.union, card_number=card_number).exclude(pk=membership.pk).exists():
            raise Conflict("card_number_duplicate", _("会员证号 %(card_number)s 已被使用") % {"card_number": card_number}, field="card_number")
        before = snapshot(membership, ["card_number"])
        membership.card_number = card_number
        membership.save(update_fields=["card_number", "updated_at"])
        audit_log(actor=actor, action="members.membership.card_changed", target=membership, before=before,
                  after=snapshot(membership, ["card_number"]))
    from_union = (from_union or "").strip()
    kind = MembershipEvent.Kind.TRANSFER_IN if from_union else MembershipEvent.Kind.REINSTATE
    ended = membership.status in (MembershipStatus.TRANSFERRED_OUT, MembershipStatus.LEFT)
    membership = _set_status(actor=actor, membership=membership, status=MembershipStatus.ACTIVE, on=on, kind=kind,
                             employment=EmploymentStatus.EMPLOYED, other_union=from_union, note=note)
    if ended:  # a retired member back at work kept membership (and login) throughout
        hooks.membership_resumed.fire(actor=actor, worker=worker, membership=membership)
    return membership

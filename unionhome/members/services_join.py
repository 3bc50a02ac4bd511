"""入会申请 (regulations §3: a worker applies, the union's committee admits): the published link, the application
an applicant files without an account, and the committee's decision. Approval puts the applicant on the roster (or
finds them there), makes them a member with a card number, and fires ``hooks.join_admitted`` for the layers above
(accounts opens the login)."""
from __future__ import annotations

import datetime as dt
import re
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from unionhome.core import idcard
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.crypto import blind_index
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.text import refuse_unsafe
from unionhome.members import hooks
from unionhome.members.models import JoinApplication, JoinLink, Membership, Worker
from unionhome.members.services import _validate, membership_join, worker_create

STATEMENT_MAX = 500
REASON_MAX = 300

@transaction.atomic
def join_link_renew(*, actor, union) -> JoinLink:
    """Publish a new application link; the old one stops working (a link passed around too widely is retired)."""
    JoinLink.objects.filter(union=union, active=True).update(active=False)
    link = JoinLink.objects.create(union=union, token=secrets.token_urlsafe(16), created_by=actor)
    audit_log(actor=actor, action="members.join_link.renewed", target=link)
    return link


def join_link_active(token: str) -> JoinLink:
    link = JoinLink.objects.filter(token=token or "", active=True).select_related("union").first()
    if link is None:
        raise RuleViolation("join_link_invalid", gettext("入会申请链接无效或已停用，请向工会索取新的链接"))
    return link


@transaction.atomic
def join_application_submit(*, link: JoinLink, name: str, gender: str, birth_date: dt.date, id_number: str,
                            ethnicity: str = "汉族", mobile: str = "", unit=None, group=None, post: str = "",
                            statement: str = "") -> JoinApplication:
    """An applicant (not signed in) files an application through the union's published link."""
    union = link.union
    name = (name or "").strip()
    id_number = idcard.normalise(id_number or "")
    mobile = (mobile or "").strip()
    statement = (statement or "").strip()
    _validate(name=name, gender=gender, ethnicity=ethnicity, birth_date=birth_date, id_number=id_number,
              mobile=mobile, unit=unit, group=group, union=union, post=post)
    refuse_unsafe(field="statement", label=gettext("申请说明"), value=statement)
    if len(statement) > STATEMENT_MAX:
        raise RuleViolation("statement_too_long", gettext("申请说明最多%(n)s个字") % {"n": STATEMENT_MAX}, field="statement")
    if not mobile:
        raise RuleViolation("mobile_required", gettext("请填写手机号，工会用它通知审批结果并作为登录名"), field="mobile")
    id_hash = blind_index(id_number)
    if Membership.objects.filter(union=union, worker__id_number_hash=id_hash, status__in=["active", "retained"]).exists():
        raise Conflict("already_member", gettext("您已是本工会会员，无需申请"), field="id_number")
    application = JoinApplication(union=union, name=name, gender=gender, ethnicity=ethnicity, birth_date=birth_date,
                                  id_number=id_number, id_number_hash=id_hash, mobile=mobile, unit=unit, group=group,
                                  post=(post or "").strip(), statement=statement)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise Conflict("application_pending", gettext("您的入会申请已提交，正在等待工会审批"), field="id_number")
    audit_log(actor=None, union=union, action="members.join_application.submitted", target=application,
              after=snapshot(application))
    return application


def _pending(application: JoinApplication) -> JoinApplication:
    application = JoinApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != JoinApplication.Status.SUBMITTED:
        raise Conflict("application_decided", gettext("该申请已%(status)s") % {"status": application.get_status_display()})
    return application


@transaction.atomic
def join_application_decline(*, actor, application: JoinApplication, reason: str) -> JoinApplication:
    application = _pending(application)
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation("reason_required", gettext("不予批准须填写理由"), field="reason")
    refuse_unsafe(field="reason", label=gettext("理由"), value=reason)
    if len(reason) > REASON_MAX:
        raise RuleViolation("reason_too_long", gettext("理由最多%(n)s个字") % {"n": REASON_MAX}, field="reason")
    application.status, application.decline_reason = JoinApplication.Status.DECLINED, reason
    application.decided_by, application.decided_at = actor, timezone.now()
    application.save(update_fields=["status", "decline_reason", "decided_by", "decided_at", "updated_at"])
    audit_log(actor=actor, action="members.join_application.declined", target=application, note=reason)
    return application


_TAIL_DIGITS = re.compile(r"^(.*?)(\d+)$")


def card_number_next(union) -> str:
    """The next card number after the union's highest one: same prefix and width, the number plus one
    (DEMO00260 → DEMO00261); a union with none starts at 00001."""
    best = None
    for card in Membership.objects.filter(union=union).exclude(card_number="").values_list("card_number", flat=True):
        match = _TAIL_DIGITS.match(card)
        if match and (best is None or int(match.group(2)) > int(best.group(2))):
            best = match
    if best is None:
        return "00001"
    prefix, digits = best.group(1), best.group(2)
    candidate = f"{prefix}{int(digits) + 1:0{len(digits)}d}"
    while Membership.objects.filter(union=union, card_number=candidate).exists():  # a gap filled by hand
        digits = candidate[len(prefix):]
        candidate = f"{prefix}{int(digits) + 1:0{len(digits)}d}"
    return candidate


@transaction.atomic
def join_application_approve(*, actor, application: JoinApplication, card_number: str = "",
                             joined_on: dt.date | None = None) -> JoinApplication:
    """Admit the applicant: on the roster (a worker already there, e.g. staff who had not joined, is used, not
    duplicated), a member from ``joined_on`` (today) with ``card_number`` (the next free one when blank), then
    whatever higher layers connected to ``hooks.join_admitted`` (the login)."""
    application = _pending(application)
    union = application.union
    worker = Worker.objects.filter(union=union, id_number_hash=application.id_number_hash).first()
    if worker is None:
        worker = worker_create(actor=actor, union=union, name=application.name, gender=application.gender,
                               ethnicity=application.ethnicity, birth_date=application.birth_date,
                               id_number=application.id_number, mobile=application.mobile, unit=application.unit,
                               group=application.group, post=application.post)
    membership_join(actor=actor, worker=worker, joined_on=joined_on or timezone.localdate(),
                    card_number=(card_number or "").strip() or card_number_next(union))
    application.status, application.worker = JoinApplication.Status.APPROVED, worker
    application.decided_by, application.decided_at = actor, timezone.now()
    application.save(update_fields=["status", "worker", "decided_by", "decided_at", "updated_at"])
    audit_log(actor=actor, action="members.join_application.approved", target=application)
    hooks.join_admitted.fire(actor=actor, application=application, worker=worker)
    return application

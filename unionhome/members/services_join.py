"""入会申请 (regulations §3: a worker applies, the union's committee admits): the published link, the application
an applicant files without an account, and the committee's decision. Approval puts the applicant on the roster (or
finds them there), makes them a member with a card number, and fires ``hooks.join_admitted`` for the layers above
(accounts opens the login)."""
from __future__ import annotations

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.db.models import BigIntegerField, CharField, F, Func, Value
from django.db.models.functions import Cast, Length, Substr
from django.utils import timezone
from django.utils.translation import gettext

from unionhome.core import idcard
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.crypto import blind_index
from unionhome.core.errors import Conflict, RuleViolation, TooMany
from unionhome.core.models import Union
from unionhome.core.rules import rule_value
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
def _source_limit(union, address: str | None) -> str:
    """The keyed hash of the address an application comes from; ``TooMany`` when that address already filed
    ``members.join_applications_per_address_hour`` applications in the last hour (to any union: the link is
    public and needs no login). Counted in the shared database, so every app server sees the same count."""
    if not address:
        return ""
    source = blind_index(f"join-source:{address}")
    most = int(rule_value("members.join_applications_per_address_hour", union=union))
    since = timezone.now() - dt.timedelta(hours=1)
    if JoinApplication.objects.filter(source_hash=source, created_at__gte=since).count() >= most:
        raise TooMany("join_rate_limited", gettext("从您所在的网络提交的入会申请过于频繁，请一小时后再试；"
                                                  "如需帮助请联系本单位工会"))
    return source


def join_application_submit(*, link: JoinLink, name: str, gender: str, birth_date: dt.date, id_number: str,
                            ethnicity: str = "汉族", mobile: str = "", unit=None, group=None, post: str = "",
                            statement: str = "", address: str | None = None) -> JoinApplication:
    """An applicant (not signed in) files an application through the union's published link, at most
    ``members.join_applications_per_address_hour`` an hour from one network ``address``."""
    union = link.union
    source = _source_limit(union, address)
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
                                  post=(post or "").strip(), statement=statement, source_hash=source)
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


# The longest digit tail read as a number: 18 digits always fit a 64-bit integer (PostgreSQL's bigint would
# refuse a longer one); a card with a longer tail is not part of a sequence.
CARD_DIGITS_MAX = 18


def card_number_next(union) -> str:
    """The next card number after the union's highest one: same prefix and width, the number plus one
    (DEMO00260 → DEMO00261); a union with none starts at 00001.

    The highest is found in the database (the trailing digits of each card read as a number, the largest taken),
    not by reading every card. Called inside the admitting transaction: it first locks the union's row, so
    admissions approved at the same moment number one after the other instead of both taking the same number
    (the unique key on (union, card number) would refuse the second)."""
    Union.objects.select_for_update().filter(pk=union.pk).first()
    prefix = Func(F("card_number"), Value("0123456789"), function="RTRIM", output_field=CharField())
    best = (Membership.objects.filter(union=union).exclude(card_number="")
            .annotate(prefix=prefix, digits=Length("card_number") - Length(prefix))
            .filter(digits__gte=1, digits__lte=CARD_DIGITS_MAX)
            .annotate(number=Cast(Substr("card_number", Length(prefix) + 1), BigIntegerField()))
            .order_by("-number", "-pk").values_list("prefix", "digits", "number").first())
    if best is None:
        return "00001"
    prefix, digits, number = best
    # Free by construction: a card equal to it would end in a larger number than the largest.
    return f"{prefix}{number + 1:0{digits}d}"


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

"""Writes to the union's books. Rules: regulations §2 and rules 15–20.

Other domains (care, activities, competitions) post money only through ``entry_post_for`` (any source record,
under a category key whose chart-of-accounts item is the rule figure ``funds.source_categories``) and
``welfare_payout``, and check prize lists with ``prize_check``. ``entry_post`` is the funds pages' own manual
posting; ``funds/tests/test_one_entry.py`` fails when another app posts any other way.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from unionhome.core import uploads
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, Forbidden, RuleViolation
from unionhome.core.money import parse_money
from unionhome.core.rules import rule_value
from unionhome.funds.chart import account_item_for, policy_in_force
from unionhome.funds.events import tell_chair_awaiting
from unionhome.funds.export import ledger_book_xlsx
from unionhome.funds.models import (
    AccountItem,
    Budget,
    EntryAttachment,
    EntryComment,
    FinalAccountsReview,
    Kind,
    LedgerBook,
    LedgerEntry,
    LedgerOpening,
    PayoutRequest,
    PeriodSignoff,
    WelfarePayout,
    WelfarePolicy,
)
from unionhome.funds.queries import money, period_totals, year_totals

CENT = Decimal("0.01")


# --- the chart of accounts and the ledger ------------------------------------------------------------

def period_is_closed(union, on: dt.date) -> bool:
    return PeriodSignoff.objects.filter(union=union, year=on.year, month=on.month).exists()


def _opening(union, on: dt.date) -> LedgerOpening:
    """The books' opening; without one the books open on 1 January of the first entry's year, balance 0."""
    opening = LedgerOpening.objects.filter(union=union).first()
    if opening is None:
        try:
            with transaction.atomic():
                opening = LedgerOpening.objects.create(union=union, opened_on=on.replace(month=1, day=1),
                                                       balance=Decimal("0.00"))
        except IntegrityError:  # a parallel first posting opened them
            opening = LedgerOpening.objects.get(union=union)
        else:
            audit_log(actor=None, action="funds.books.opened", target=opening, after=snapshot(opening),
                      note=gettext("首笔凭证自动建账"))
    return opening


def _date_open(union, on: dt.date) -> None:
    """An entry or a reversal takes its real date, inside an open period: not after today, not before the
    opening of the books, not in a month the funds reviewer signed off (regulations §2; item 17)."""
    today = timezone.localdate()
    if on > today:
        raise RuleViolation("date_in_future", gettext("凭证日期%(on)s晚于今天，不能预先记账") % {"on": format(on, '%Y-%m-%d')}, field="on")
    opening = _opening(union, on)
    if on < opening.opened_on:
        raise RuleViolation("before_books_opened",
                            gettext("凭证日期%(on)s早于建账日期%(opened_on)s，记入会改变以后各年的期初余额；请在当前期间记账") % {"on": format(on, '%Y-%m-%d'), "opened_on": format(opening.opened_on, '%Y-%m-%d')}, field="on")
    if period_is_closed(union, on):
        raise Conflict("period_closed", gettext("%(year)s年%(month)s月已经经审签字结账，不能再记账；请在未结账期间做调整凭证") % {"year": on.year, "month": on.month})


@transaction.atomic
def ledger_open(*, actor, union, on: dt.date, balance) -> LedgerOpening:
    """建账: the date the books begin and the balance carried into them (never negative). Changeable only before
    the first sign-off, and never to a date after an entry already in the books."""
    value = parse_money(balance, field="balance")
    if value < 0:
        raise RuleViolation("opening_negative", gettext("期初余额不能为负数"), field="balance")
    if on > timezone.localdate():
        raise RuleViolation("date_in_future", gettext("建账日期不能晚于今天"), field="on")
    if PeriodSignoff.objects.filter(union=union).exists():
        raise Conflict("books_signed_off", gettext("已有期间经审审签，不能再更改建账日期和期初余额"))
    first = LedgerEntry.objects.filter(union=union).order_by("on").values_list("on", flat=True).first()
    if first is not None and first < on:
        raise RuleViolation("entries_before_opening", gettext("账上已有%(first)s的凭证，建账日期不能晚于它") % {"first": format(first, '%Y-%m-%d')}, field="on")
    opening = LedgerOpening.objects.select_for_update().filter(union=union).first()
    before = snapshot(opening) if opening else None
    if opening is None:
        opening = LedgerOpening(union=union)
    opening.opened_on, opening.balance = on, value
    opening.set_by = actor if getattr(actor, "is_authenticated", False) else None
    opening.save()
    audit_log(actor=actor, action="funds.books.opened", target=opening, before=before, after=snapshot(opening))
    return opening


def _locked_book(union, year: int) -> LedgerBook:
    LedgerBook.objects.get_or_create(union=union, year=year)
    return LedgerBook.objects.select_for_update().get(union=union, year=year)


def _insert(*, actor, union, on: dt.date, item: AccountItem, amount: Decimal, counterparty: str, method: str,
            note: str, source, reverses: LedgerEntry | None, confidential: bool = False) -> LedgerEntry:
    # The book row is the lock: voucher numbers without gaps or duplicates, and no posting slips
    # into a period while the reviewer signs it off (period_signoff takes the same lock).
    book = _locked_book(union, on.year)
    number = book.last_number + 1
    _date_open(union, on)
    entry = LedgerEntry(
        union=union, book=book, number=number, on=on, kind=item.kind, category=item.category,
        subcategory=item.subcategory, account_item=item, amount=amount, counterparty=(counterparty or "").strip()[:100],
        method=(method or "").strip()[:20], note=(note or "").strip()[:300], reverses=reverses,
        confidential=bool(confidential), posted_by=actor if getattr(actor, "is_authenticated", False) else None)
    if source is not None:
        entry.source_type = ContentType.objects.get_for_model(source)
        entry.source_id = str(source.pk)
        # A confidential entry's label is a bare reference: str(source) may name the member and the cause.
        entry.source_label = (f"{source._meta.verbose_name}#{source.pk}" if confidential else str(source))[:200]
    entry.save()
    LedgerBook.objects.filter(pk=book.pk).update(last_number=number)
    audit_log(actor=actor, action="funds.entry.reversed" if reverses else "funds.entry.posted", union=union,
              target=entry, after=snapshot(entry))
    return entry


@transaction.atomic
def entry_post(*, actor, union, on: dt.date, kind: str, category: str, subcategory: str, amount: Decimal,
               counterparty: str = "", method: str = "", note: str = "", source=None,
               confidential: bool = False) -> LedgerEntry:
    """Post one income or expense (rule 15: categorised from the chart in force; closed periods refused).

    ``confidential``: the entry pays a member's welfare or hardship assistance; its counterparty and note
    (who, and why) are shown only to the roles that see the needy file (``funds.confidential``).
    """
    if not isinstance(on, dt.date):
        raise RuleViolation("date_invalid", gettext("日期格式不正确"), field="on")
    item = account_item_for(kind=kind, category=category, subcategory=subcategory, on=on)
    value = parse_money(amount)
    if value <= 0:
        raise RuleViolation("amount_not_positive", gettext("金额必须大于0（更正错误请用冲销）"), field="amount")
    return _insert(actor=actor, union=union, on=on, item=item, amount=value, counterparty=counterparty,
                   method=method, note=note, source=source, reverses=None, confidential=confidential)


@transaction.atomic
def entry_post_for(*, actor, source, category_key: str, amount, on: dt.date, counterparty: str = "",
                   method: str = "", note: str = "", confidential: bool = False) -> LedgerEntry:
    """The one way another app posts money: an entry for ``source`` (any union-owned record), in the union of
    the source, under the chart item that the rule figure ``funds.source_categories`` names for
    ``category_key`` (rule 15). The entry links back to its source (content type and id), which is how
    ``queries.entries_for(source)`` finds it and its reversal."""
    union = source.union
    categories = rule_value("funds.source_categories", union=union, on=on if isinstance(on, dt.date) else None)
    if category_key not in categories:
        raise RuleViolation("category_key_unknown", gettext("未配置“%(category_key)s”记入的经费科目（规则15）") % {
            "category_key": category_key})
    kind, category, subcategory = categories[category_key]
    return entry_post(actor=actor, union=union, on=on, kind=kind, category=category, subcategory=subcategory,
                      amount=amount, counterparty=counterparty, method=method, note=note, source=source,
                      confidential=confidential)


@transaction.atomic
def entry_reverse(*, actor, entry: LedgerEntry, reason: str, on: dt.date | None = None) -> LedgerEntry:
    """Correct a mistake with a new entry of the opposite sign (entries are never edited or deleted)."""
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation("reason_required", gettext("冲销须说明原因"), field="reason")
    entry = LedgerEntry.objects.select_related("account_item").get(pk=entry.pk)
    if entry.reverses_id is not None:
        raise Conflict("reversal_not_reversible", gettext("冲销凭证不能再冲销；如需更正请重新记账"))
    on = on or timezone.localdate()
    if not isinstance(on, dt.date):
        raise RuleViolation("date_invalid", gettext("日期格式不正确"), field="on")
    if on < entry.on:
        raise RuleViolation("reversal_before_entry", gettext("冲销日期不能早于原凭证日期%(on)s") % {"on": format(entry.on, '%Y-%m-%d')}, field="on")
    _locked_book(entry.union, on.year)
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise Conflict("already_reversed", gettext("凭证%(voucher)s已冲销") % {"voucher": entry.voucher})
    reversal = _insert(actor=actor, union=entry.union, on=on, item=entry.account_item, amount=-entry.amount,
                       counterparty=entry.counterparty, method=entry.method,
                       note=gettext("冲销%(voucher)s：%(reason)s") % {"voucher": entry.voucher, "reason": reason}, source=entry.source, reverses=entry,
                       confidential=entry.confidential)
    payout = WelfarePayout.objects.filter(entry=entry, reversed=False).first()
    if payout is not None:  # the benefit was not given after all: it stops counting toward caps (rule 16, 18)
        WelfarePayout.objects.filter(pk=payout.pk).update(reversed=True)
        audit_log(actor=actor, action="funds.welfare.reversed", union=entry.union, target=payout,
                  before={"reversed": False}, after={"reversed": True}, note=reason)
    return reversal


def entry_details_read(*, actor, entry: LedgerEntry) -> None:
    """Reading who a welfare or assistance entry paid and why is audited, like reading the needy file (rule 27)."""
    audit_log(actor=actor, action="funds.entry.details_viewed", target=entry)


# --- review, budget -------------------------------------------------------------------------------

@transaction.atomic
def comment_add(*, actor, entry: LedgerEntry, text: str) -> EntryComment:
    text = (text or "").strip()
    if not text:
        raise RuleViolation("comment_empty", gettext("请填写审查意见"), field="text")
    comment = EntryComment.objects.create(union=entry.union, entry=entry, author=actor, text=text[:2000])
    audit_log(actor=actor, action="funds.entry.commented", target=entry, after={"comment": comment.text})
    return comment


@transaction.atomic
def period_signoff(*, actor, union, year: int, month: int, note: str = "", today: dt.date | None = None) -> PeriodSignoff:
    """The funds reviewer (经审) signs off a finished month; the month is then closed to new entries."""
    # ``today`` lets tests and the demo sign off as of an earlier day, never a later one than the real today.
    today = min(today or timezone.localdate(), timezone.localdate())
    if not 1 <= month <= 12:
        raise RuleViolation("month_invalid", gettext("月份应为1至12"))
    if (year, month) >= (today.year, today.month):
        raise RuleViolation("period_not_ended", gettext("%(year)s年%(month)s月尚未结束，不能审签") % {"year": year, "month": month})
    _locked_book(union, year)
    if PeriodSignoff.objects.filter(union=union, year=year, month=month).exists():
        raise Conflict("period_already_signed", gettext("%(year)s年%(month)s月已审签") % {"year": year, "month": month})
    totals = period_totals(union, year, month)
    signoff = PeriodSignoff.objects.create(union=union, year=year, month=month, signed_by=actor, note=note.strip()[:500],
                                           income=totals["income"], expense=totals["expense"],
                                           entries=totals["entries"])
    audit_log(actor=actor, action="funds.period.signed_off", target=signoff, after=snapshot(signoff))
    return signoff


@transaction.atomic
def budget_set(*, actor, union, year: int, kind: str, category: str, amount: Decimal) -> Budget:
    if FinalAccountsReview.objects.filter(union=union, year=year).exists():
        raise Conflict("final_accounts_frozen", gettext("%(year)s年度决算已经经审审查，预算不能再更改") % {"year": year})
    if not AccountItem.objects.filter(kind=kind, category=category, subcategory="").exists():
        raise RuleViolation("category_unknown", gettext("经费科目“%(category)s”不存在") % {"category": category}, field="category")
    value = parse_money(amount)
    if value < 0:
        raise RuleViolation("amount_negative", gettext("预算金额不能为负数"), field="amount")
    budget, created = Budget.objects.select_for_update().get_or_create(
        union=union, year=year, kind=kind, category=category, defaults={"amount": value})
    before = None if created else snapshot(budget)
    if not created:
        budget.amount = value
        budget.save(update_fields=["amount", "updated_at"])
    audit_log(actor=actor, action="funds.budget.set", target=budget, before=before, after=snapshot(budget))
    return budget


# --- welfare (rules 16–20) --------------------------------------------------------------------------

EVENT_BENEFITS = {"wedding", "childbirth", "hospital", "death_relative"}
ONCE_PER_MEMBER = {"death_member", "retirement"}
YEARLY_CAPPED = {"festival", "birthday"}
FESTIVAL_NAMES = {"new_year": gettext_lazy("元旦"), "spring_festival": gettext_lazy("春节"), "qingming": gettext_lazy("清明节"), "labour_day": gettext_lazy("劳动节"),
                  "dragon_boat": gettext_lazy("端午节"), "mid_autumn": gettext_lazy("中秋节"), "national_day": gettext_lazy("国庆节")}


@dataclass(frozen=True)
class WelfareTerms:
    """What a payout is checked against: the province's policy in force, or the national rule (``policy`` None)."""

    name: str
    policy: WelfarePolicy | None
    benefits: frozenset
    forms: tuple
    festivals: dict  # festival code → cap per member per year (Decimal) or None
    caps: dict  # benefit code (and hospital_surgery) → cap or None
    birthday_in_month: bool = False
    festival_fund_ratio: str = ""

    @property
    def national(self) -> bool:
        return self.policy is None


def welfare_terms(union, on: dt.date) -> WelfareTerms:
    """Regulations §2.3: amounts are set by provinces. Without a provincial policy in force the national rule
    applies (its occasions, gifts in kind, no amounts) rather than refusing the gift; such payouts are flagged
    for the chair to confirm (``welfare_payout_confirm``)."""
    policy = policy_in_force(union, on)
    if policy is None:
        return WelfareTerms(
            name=gettext("全国规定（本省未录入福利政策）"), policy=None,
            benefits=frozenset(rule_value("funds.national_benefits", union=union, on=on)),
            forms=tuple(rule_value("funds.national_forms", union=union, on=on)),
            festivals=dict.fromkeys(rule_value("funds.national_festivals", union=union, on=on)), caps={})
    return WelfareTerms(
        name=policy.name, policy=policy, benefits=frozenset(WelfarePayout.Benefit.values), forms=tuple(policy.forms),
        festivals={row.festival: row.cap for row in policy.festival_rows.all()},
        caps={item.benefit: item.cap for item in policy.items.all()},
        birthday_in_month=policy.birthday_in_month, festival_fund_ratio=policy.festival_fund_ratio)


def _given_festival(worker, year: int, festival: str) -> Decimal:
    return money(WelfarePayout.objects.standing().filter(worker=worker, year=year, benefit="festival",
                                                         festival=festival).aggregate(s=Sum("amount"))["s"])


def _given(worker, year: int, benefit: str) -> Decimal:
    return money(WelfarePayout.objects.standing().filter(worker=worker, year=year, benefit=benefit).aggregate(
        s=Sum("amount"))["s"])


def _may_override(actor, union) -> bool:
    from unionhome.accounts.queries import context_for

    if not getattr(actor, "is_authenticated", False):
        return False
    return context_for(actor, union.pk).has("funds.override")


def _welfare_assess(*, union, worker, benefit: str, amount, form: str, on: dt.date, festival: str = "",
                    event_key: str = "", relation: str = "", surgery: bool = False) -> dict:
    """Every check of rules 16–18 and 20 on a payout; returns its normalised values and ``breach``, the text of
    a cap breach (the only thing the chair may approve), or "" when within the caps."""
    B = WelfarePayout.Benefit
    if worker.union_id != union.pk:
        raise RuleViolation("worker_other_union", gettext("该职工不属于本工会"))
    if benefit not in B.values:
        raise RuleViolation("benefit_invalid", gettext("慰问项目无效"), field="benefit")
    label = B(benefit).label
    value = parse_money(amount)
    if value <= 0:
        raise RuleViolation("amount_not_positive", gettext("金额必须大于0"), field="amount")
    if form in (WelfarePayout.Form.CASH, WelfarePayout.Form.SHOPPING_CARD):
        raise RuleViolation("form_refused", gettext("规则17：慰问不得发放%(label)s，只能发放实物或指定商品提货券") % {"label": WelfarePayout.Form(form).label}, field="form")
    terms = welfare_terms(union, on)
    policy = terms.policy
    if benefit not in terms.benefits:
        raise RuleViolation("benefit_not_allowed", gettext("%(name)s不包括%(label)s") % {"name": terms.name, "label": label},
                            field="benefit")
    if form not in terms.forms:
        raise RuleViolation("form_refused", gettext("%(name)s不允许的发放形式：%(form)s") % {"name": terms.name, "form": form}, field="form")
    year = on.year
    given = _given(worker, year, benefit)
    head = gettext("%(name)s%(year)s年已发%(label)s%(given)s元") % {"name": worker.name, "year": year, "label": label, "given": given}
    if benefit == B.FESTIVAL:
        if festival not in terms.festivals:
            name = FESTIVAL_NAMES.get(festival, festival or gettext("（未填）"))
            raise RuleViolation("festival_not_allowed", gettext("规则17：%(name)s不在%(name2)s允许发放节日慰问的节日中") % {"name": name, "name2": terms.name},
                                field="festival")
    else:
        festival = ""
    if benefit == B.BIRTHDAY:
        if WelfarePayout.objects.standing().filter(worker=worker, year=year, benefit=B.BIRTHDAY).exists():
            raise RuleViolation("birthday_already_given", gettext("规则18：每位会员每年只发一次生日慰问；%(head)s") % {"head": head})
        if terms.birthday_in_month and on.month != worker.birth_date.month:
            raise RuleViolation("birthday_not_in_month", gettext("规则18：%(name)s规定生日慰问在生日当月发放") % {"name": terms.name})
    if benefit == B.DEATH_RELATIVE:
        if relation not in WelfarePayout.Relation.values:
            raise RuleViolation("relation_not_allowed", gettext("规则18：直系亲属去世慰问限配偶、父母、子女"), field="relation")
    else:
        relation = ""
    if benefit in ONCE_PER_MEMBER:
        event_key = benefit
    elif benefit in EVENT_BENEFITS:
        event_key = (event_key or "").strip()[:100]
        if not event_key:
            raise RuleViolation("event_required", gettext("%(label)s须注明对应的事件（如结婚日期、住院号、去世亲属）") % {"label": label},
                                field="event_key")
    else:
        event_key = ""
    if event_key and WelfarePayout.objects.standing().filter(worker=worker, benefit=benefit, event_key=event_key).exists():
        raise RuleViolation("event_already_paid", gettext("规则18：同一事件只发一次%(label)s（%(event_key)s）；%(head)s") % {"label": label, "event_key": event_key, "head": head})
    surgery = bool(surgery) and benefit == B.HOSPITAL

    cap_key = "hospital_surgery" if surgery else benefit
    cap = terms.caps.get(cap_key)
    festival_cap = terms.festivals.get(festival) if benefit == B.FESTIVAL else None
    breach = ""
    if terms.national:
        pass  # the national rule sets no amounts: not refused, flagged for the chair (regulations §2.3)
    elif festival_cap is not None:
        # A cap for this festival (Guizhou: 春节 ≤500, others ≤200), per member per year; a yearly festival
        # total, where the policy also sets one, still applies below.
        given_here = _given_festival(worker, year, festival)
        name = FESTIVAL_NAMES.get(festival, festival)
        if given_here + value > festival_cap:
            breach = gettext("规则16：%(festival)s慰问每人每年不超过%(cap)s元（%(name)s）；%(worker)s%(year)s年%(festival)s"
                             "已发%(given)s元，本次%(value)s元，合计%(total)s元超出%(excess)s元") % {
                "festival": name, "cap": festival_cap, "name": terms.name, "worker": worker.name, "year": year,
                "given": given_here, "value": value, "total": given_here + value,
                "excess": given_here + value - festival_cap}
        elif cap is not None and given + value > cap:
            breach = (gettext("规则16：%(label)s每人每年不超过%(cap)s元（%(name)s）；%(head)s，本次%(value)s元，合计%(value2)s元超出%(value3)s元") % {"label": label, "cap": cap, "name": terms.name, "head": head, "value": value, "value2": given + value, "value3": given + value - cap})
        if not (cap is not None and breach and given_here + value <= festival_cap):
            cap = festival_cap  # the cap the payout is recorded against: the yearly total only when it was the one exceeded
    elif cap is None:
        breach = gettext("规则16：%(name)s未规定%(label)s限额，须经工会主席批准") % {"name": terms.name, "label": label}
    elif benefit in YEARLY_CAPPED and given + value > cap:
        breach = (gettext("规则16：%(label)s每人每年不超过%(cap)s元（%(name)s）；%(head)s，本次%(value)s元，合计%(value2)s元超出%(value3)s元") % {"label": label, "cap": cap, "name": terms.name, "head": head, "value": value, "value2": given + value, "value3": given + value - cap})
    elif benefit not in YEARLY_CAPPED and value > cap:
        breach = (gettext("规则16：%(label)s%(value)s每次不超过%(cap)s元（%(name)s）；%(head)s，本次%(value2)s元超出%(value3)s元") % {"label": label, "value": gettext('（手术）') if surgery else '', "cap": cap, "name": terms.name, "head": head, "value2": value, "value3": value - cap})
    if not breach and benefit == B.FESTIVAL and terms.festival_fund_ratio:
        ratio = Fraction(terms.festival_fund_ratio)
        limit = (year_totals(union, year)["income"] * ratio.numerator / ratio.denominator).quantize(CENT)
        spent = money(WelfarePayout.objects.standing().filter(union=union, year=year, benefit=B.FESTIVAL).aggregate(
            s=Sum("amount"))["s"])
        if spent + value > limit:
            breach = (gettext("规则20：全年节日慰问不超过当年经费收入的%(festival_fund_ratio)s（%(limit)s元）；本年已发%(spent)s元，本次%(value)s元") % {"festival_fund_ratio": terms.festival_fund_ratio, "limit": limit, "spent": spent, "value": value})
    return {"value": value, "policy": policy, "national": terms.national, "festival": festival, "event_key": event_key, "relation": relation,
            "surgery": surgery, "given": given, "cap": cap, "breach": breach, "label": label, "year": year}


@transaction.atomic
def welfare_payout(*, actor, union, worker, benefit: str, amount: Decimal, form: str, on: dt.date,
                   festival: str = "", event_key: str = "", relation: str = "", surgery: bool = False,
                   note: str = "", source=None, override_reason: str = "") -> WelfarePayout:
    """Pay a member's welfare benefit in kind under the province's policy in force (rules 16–18, 20), or, where
    the province has none in force, under the national rule: booked as usual and flagged for the chair's
    confirmation (``needs_confirmation``; regulations §2.3).

    Refused forms, festivals, relations and duplicates are never overridable; a cap breach is allowed only
    with the chair's (``funds.override``) recorded reason, and listed for the funds reviewer. Anyone else
    blocked by a cap is told the next step: ask the chair (``payout_request_submit``).
    """
    a = _welfare_assess(union=union, worker=worker, benefit=benefit, amount=amount, form=form, on=on,
                        festival=festival, event_key=event_key, relation=relation, surgery=surgery)
    value, policy, breach, label, year = a["value"], a["policy"], a["breach"], a["label"], a["year"]
    festival, event_key, relation, surgery = a["festival"], a["event_key"], a["relation"], a["surgery"]
    cap, given = a["cap"], a["given"]
    override_reason = (override_reason or "").strip()
    if breach:
        if not override_reason:
            next_step = (gettext("请填写超限额批准理由后再提交") if _may_override(actor, union) else
                         gettext("下一步：填写申请理由并提交，申请将送工会主席审批，批准后自动记账"))
            raise RuleViolation("cap_exceeded", gettext("%(breach)s。%(next_step)s") % {"breach": breach, "next_step": next_step},
                                details={"cap": str(cap) if cap is not None else None, "given_this_year": str(given),
                                         "next_step": "override" if _may_override(actor, union) else "ask_chair"})
        if not _may_override(actor, union):
            raise Forbidden("override_forbidden", gettext("只有工会主席可以批准超限额发放"))
    else:
        override_reason = ""

    category, subcategory = rule_value("funds.welfare_categories", union=union, on=on)[benefit]
    detail = FESTIVAL_NAMES.get(festival, festival) if festival else (event_key if benefit in EVENT_BENEFITS else "")
    entry = entry_post(actor=actor, union=union, on=on, kind=Kind.EXPENSE, category=category,
                       subcategory=subcategory, amount=value, counterparty=worker.name,
                       method=WelfarePayout.Form(form).label,
                       note=f"{label}{('·' + detail) if detail else ''}{('：' + note.strip()) if note else ''}",
                       source=source, confidential=True)
    payout = WelfarePayout.objects.create(
        union=union, worker=worker, benefit=benefit, amount=value, form=form, on=on, year=year, festival=festival,
        event_key=event_key, relation=relation, surgery=surgery, note=(note or "").strip()[:300], policy=policy,
        cap=cap, given_before=given, override_reason=override_reason[:500],
        overridden_by=actor if override_reason else None, entry=entry, needs_confirmation=a["national"],
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None)
    audit_log(actor=actor, action="funds.welfare.overridden" if override_reason else "funds.welfare.paid",
              target=payout, after=snapshot(payout),
              note=breach if override_reason else (gettext("按全国规定发放，待主席确认") if a["national"] else ""))
    return payout


@transaction.atomic
def welfare_payout_submit(*, actor, union, worker, benefit: str, amount, form: str, on: dt.date, festival: str = "",
                          event_key: str = "", relation: str = "", surgery: bool = False, note: str = "",
                          override_reason: str = ""):
    """What the payout page does: the chair pays (approving a cap breach with a reason); anyone else blocked
    only by a cap who gives a reason sends the payout to the chair instead (item 37). Returns the
    ``WelfarePayout`` or the ``PayoutRequest``."""
    fields = dict(worker=worker, benefit=benefit, amount=amount, form=form, on=on, festival=festival,
                  event_key=event_key, relation=relation, surgery=surgery)
    if (override_reason or "").strip() and not _may_override(actor, union):
        if _welfare_assess(union=union, **fields)["breach"]:
            return payout_request_submit(actor=actor, union=union, note=note, reason=override_reason, **fields)
        override_reason = ""
    return welfare_payout(actor=actor, union=union, note=note, override_reason=override_reason, **fields)


@transaction.atomic
def payout_request_submit(*, actor, union, worker, benefit: str, amount, form: str, on: dt.date, festival: str = "",
                          event_key: str = "", relation: str = "", surgery: bool = False, note: str = "",
                          reason: str) -> PayoutRequest:
    """Rule 16: a payout over a cap needs the chair's approval. Everything else must already pass (forms,
    festivals, one per event are never approvable); the request waits on the chair's dashboard."""
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation("reason_required", gettext("请填写申请理由"), field="override_reason")
    a = _welfare_assess(union=union, worker=worker, benefit=benefit, amount=amount, form=form, on=on,
                        festival=festival, event_key=event_key, relation=relation, surgery=surgery)
    if not a["breach"]:
        raise RuleViolation("within_cap", gettext("本次发放未超限额，可以直接记录发放，无需主席审批"))
    request = PayoutRequest.objects.create(
        union=union, worker=worker, benefit=benefit, amount=a["value"], form=form, on=on, festival=a["festival"],
        event_key=a["event_key"], relation=a["relation"], surgery=a["surgery"], note=(note or "").strip()[:300],
        reason=reason[:500], breach=a["breach"],
        requested_by=actor if getattr(actor, "is_authenticated", False) else None)
    audit_log(actor=actor, action="funds.payout_request.submitted", target=request, after=snapshot(request))
    # The chair learns of it in the inbox; the message names no member and no cause (needy and health details
    # stay on the chair's page).
    tell_chair_awaiting(union=union, what=gettext("一笔超出限额的福利发放"), link=reverse("dashboard:home"))
    return request


@transaction.atomic
def payout_request_decide(*, actor, request: PayoutRequest, approve: bool, note: str = "") -> PayoutRequest:
    """The chair approves (the payout is recorded with the request's reason as the override) or declines."""
    request = PayoutRequest.objects.select_for_update().select_related("worker").get(pk=request.pk)
    if request.status != PayoutRequest.Status.PENDING:
        raise Conflict("request_decided", gettext("该申请已经审批过"))
    if not _may_override(actor, request.union):
        raise Forbidden("override_forbidden", gettext("只有工会主席可以批准超限额发放"))
    before = snapshot(request)
    note = (note or "").strip()[:500]
    if approve:
        request.payout = welfare_payout(
            actor=actor, union=request.union, worker=request.worker, benefit=request.benefit, amount=request.amount,
            form=request.form, on=request.on, festival=request.festival, event_key=request.event_key,
            relation=request.relation, surgery=request.surgery, note=request.note, source=request,
            override_reason=request.reason + (gettext("（主席意见：%(note)s）") % {"note": note} if note else ""))
    request.status = PayoutRequest.Status.APPROVED if approve else PayoutRequest.Status.DECLINED
    request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note
    request.save()
    audit_log(actor=actor, action="funds.payout_request.decided", target=request, before=before,
              after=snapshot(request))
    return request


def prize_check(*, union, participants: int, winners: int, on: dt.date) -> None:
    """Rule 19: a prize list may name at most participants × ratio winners (policy figure, else the default)."""
    if participants < 0 or winners < 0:
        raise RuleViolation("prize_counts_invalid", gettext("参赛人数和获奖人数不能为负数"))
    policy = policy_in_force(union, on)
    raw = (policy.prize_ratio if policy and policy.prize_ratio else
           rule_value("funds.prize_ratio_default", union=union, on=on))
    ratio = Fraction(raw)
    if winners * ratio.denominator > participants * ratio.numerator:
        limit = participants * ratio.numerator // ratio.denominator
        raise RuleViolation("prize_ratio_exceeded",
                            gettext("规则19：获奖人数不得超过参赛人数的%(raw)s；参赛%(participants)s人，最多%(limit)s人获奖，当前%(winners)s人") % {"raw": raw, "participants": participants, "limit": limit, "winners": winners})


# --- receipts -------------------------------------------------------------------------------------

RECEIPT = uploads.Accept(kinds=(uploads.JPEG, uploads.PNG, uploads.PDF),
                         wrong_type=("attachment_type", gettext_lazy("票据只能是 JPG、PNG 图片或 PDF 文件")),
                         too_large=("attachment_too_large", gettext_lazy("文件过大：不能超过{mb}MB")),
                         name_mismatch=gettext_lazy("文件内容与扩展名不符：只能上传真实的图片或 PDF"))


@transaction.atomic
def attachment_add(*, actor, entry: LedgerEntry, upload):
    """Attach a receipt photo or PDF: type by extension and magic bytes, size limited, generated file name."""
    kind = uploads.upload_check(upload, accept=RECEIPT,
                                max_bytes=rule_value("funds.attachment_max_bytes", union=entry.union))
    name = (getattr(upload, "name", "") or "").strip()
    attachment = EntryAttachment(union=entry.union, entry=entry, original_name=name[-200:],
                                 content_type=kind.content_type, size=upload.size,
                                 uploaded_by=actor if getattr(actor, "is_authenticated", False) else None)
    uploads.upload_store(attachment.file, upload, kind)
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)  # no row → no file (a later outer rollback
        raise                                                # leaves a random, unreferenced name only)
    audit_log(actor=actor, action="funds.entry.attachment_added", target=entry,
              after={"attachment": attachment.pk, "name": attachment.original_name, "size": attachment.size})
    return attachment


def ledger_export(*, actor, union, year: int, month_from: int = 1, month_to: int = 12, category: str = "",
                  confidential: bool = False) -> bytes:
    """The ledger book as xlsx for a period and category; every export is audited with rows and SHA-256.
    Without ``confidential`` welfare and assistance rows show their reference, not the member or the cause."""
    if not (1 <= month_from <= month_to <= 12):
        raise RuleViolation("period_invalid", gettext("导出期间不正确"))
    data, rows = ledger_book_xlsx(union, year, month_from, month_to, category, confidential=confidential)
    audit_log(actor=actor, action="funds.ledger.exported", union=union, target_label=gettext("%(year)s年%(month_from)s-%(month_to)s月账簿") % {"year": year, "month_from": month_from, "month_to": month_to},
              after={"rows": rows, "sha256": hashlib.sha256(data).hexdigest(), "category": category,
                     "year": year, "months": [month_from, month_to]})
    return data


def attachment_view(*, actor, item: EntryAttachment) -> EntryAttachment:
    """A receipt may name members and what they were paid: every opening is in the audit trail."""
    audit_log(actor=actor, action="funds.attachment.viewed", target=item, target_label=str(item.entry)[:200])
    return item

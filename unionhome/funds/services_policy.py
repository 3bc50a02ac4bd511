"""Welfare policies as data (rules 16–20, regulations §2.3): a federation officer drafts a version of the province's
policy (caps per benefit, festivals with their own caps, forms allowed, birthday month, ratios) with its source and
dates, then publishes it to every union of the province. The chair confirms payouts made under the national rule
while the province had no policy.

Regulations §2.3 leave the amounts to the provinces and say nothing of a union's own scale, so a policy is the
province's only: a union reads the published version in force for its province.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, Forbidden, RuleViolation
from unionhome.core.money import parse_money
from unionhome.core.provinces import PROVINCES
from unionhome.funds.models import WelfarePayout, WelfarePolicy
from unionhome.funds.services import FESTIVAL_NAMES, _may_override

BENEFIT_CODES = {**dict(WelfarePayout.Benefit.choices), "hospital_surgery": gettext_lazy("住院慰问（手术）")}
ALLOWED_FORMS = {WelfarePayout.Form.GOODS.value, WelfarePayout.Form.VOUCHER.value}


@dataclass
class PolicyDraft:
    """What an editor sends: the policy's own fields and its rows (caps as typed, "" for no amount)."""

    province: str
    name: str
    source: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    forms: tuple = ("goods", "voucher")
    prize_ratio: str = ""
    festival_fund_ratio: str = ""
    birthday_in_month: bool = False
    note: str = ""
    items: tuple = ()  # (benefit, cap)
    festivals: tuple = ()  # (festival, cap)


def province_of(union) -> str:
    return (getattr(union, "province", "") or "").strip().removesuffix("省")


def _check_province(*, actor, publisher, province: str) -> None:
    """A federation officer publishes for the federation's own province only (the platform itself, ``actor`` None,
    loads any province's policy)."""
    if province not in PROVINCES:
        raise RuleViolation("province_invalid", _("请选择省份"), field="province")
    if province != province_of(publisher) and actor is not None:
        raise Forbidden("province_not_yours", _("只能编辑本会所在省份（%(province)s）的福利政策")
                        % {"province": province_of(publisher) or _("未填写")})


def _ratio(raw: str, field: str, label: str) -> str:
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        value = Fraction(raw)
    except (ValueError, ZeroDivisionError):
        raise RuleViolation("ratio_invalid", _("%(label)s应写成分数或小数，如 1/3、0.5") % {"label": label},
                            field=field) from None
    if not 0 < value <= 1:
        raise RuleViolation("ratio_invalid", _("%(label)s应大于0且不超过1") % {"label": label}, field=field)
    return raw


def _cap(raw, field: str) -> Decimal | None:
    if raw in (None, ""):
        return None
    value = parse_money(raw, field=field)
    if value < 0:
        raise RuleViolation("cap_negative", _("限额不能为负数"), field=field)
    return value


def _clean(draft: PolicyDraft) -> tuple[dict, list, list]:
    name, source = (draft.name or "").strip(), (draft.source or "").strip()
    if not name:
        raise RuleViolation("name_required", _("请填写政策名称"), field="name")
    if not source:
        raise RuleViolation("source_required", _("请填写依据（文件名称、文号或网址）"), field="source")
    if not isinstance(draft.effective_from, dt.date):
        raise RuleViolation("date_invalid", _("请填写生效日期"), field="effective_from")
    if draft.effective_to is not None and draft.effective_to < draft.effective_from:
        raise RuleViolation("dates_reversed", _("失效日期不能早于生效日期"), field="effective_to")
    forms = list(dict.fromkeys(draft.forms or ()))
    refused = [f for f in forms if f not in ALLOWED_FORMS]
    if refused:
        raise RuleViolation("form_refused", _("规则17：慰问只能发放实物或指定商品提货券，不得发放现金、购物卡"), field="forms")
    if not forms:
        raise RuleViolation("forms_required", _("请至少选择一种发放形式"), field="forms")
    items, seen = [], set()
    for benefit, cap in draft.items:
        if not benefit:
            continue
        if benefit not in BENEFIT_CODES:
            raise RuleViolation("benefit_invalid", _("未知的慰问项目：%(benefit)s") % {"benefit": benefit}, field="items")
        if benefit in seen:
            raise RuleViolation("benefit_twice", _("慰问项目“%(benefit)s”重复") % {"benefit": BENEFIT_CODES[benefit]}, field="items")
        seen.add(benefit)
        items.append((benefit, _cap(cap, "items")))
    festivals, seen = [], set()
    for festival, cap in draft.festivals:
        if not festival:
            continue
        if festival not in FESTIVAL_NAMES:
            raise RuleViolation("festival_invalid", _("未知的节日：%(festival)s") % {"festival": festival}, field="festivals")
        if festival in seen:
            raise RuleViolation("festival_twice", _("节日“%(festival)s”重复") % {"festival": FESTIVAL_NAMES[festival]}, field="festivals")
        seen.add(festival)
        festivals.append((festival, _cap(cap, "festivals")))
    fields = dict(name=name[:200], source=source[:500], effective_from=draft.effective_from,
                  effective_to=draft.effective_to, forms=forms,
                  prize_ratio=_ratio(draft.prize_ratio, "prize_ratio", _("获奖比例上限")),
                  festival_fund_ratio=_ratio(draft.festival_fund_ratio, "festival_fund_ratio", _("节日慰问经费比例")),
                  birthday_in_month=bool(draft.birthday_in_month), note=(draft.note or "").strip()[:2000])
    return fields, items, festivals


def policy_snapshot(policy: WelfarePolicy) -> dict:
    return {**snapshot(policy),
            "items": {i.benefit: None if i.cap is None else str(i.cap) for i in policy.items.all()},
            "festivals": {f.festival: None if f.cap is None else str(f.cap) for f in policy.festival_rows.all()}}


@transaction.atomic
def policy_draft_save(*, actor, publisher, draft: PolicyDraft, policy: WelfarePolicy | None = None) -> WelfarePolicy:
    """Create or change a draft version. A published version is never edited: publish a new version instead."""
    province = (draft.province or "").strip().removesuffix("省")
    _check_province(actor=actor, publisher=publisher, province=province)
    fields, items, festivals = _clean(draft)
    before = None
    if policy is None:
        policy = WelfarePolicy(province=province, publisher=publisher)
    else:
        policy = WelfarePolicy.objects.select_for_update().get(pk=policy.pk)
        _check_province(actor=actor, publisher=publisher, province=policy.province)
        if policy.is_published:
            raise Conflict("policy_published", _("已发布的政策不能修改；请以它为底稿新建一个版本，从新的生效日期起施行"))
        before = policy_snapshot(policy)
        policy.province = province
    for key, value in fields.items():
        setattr(policy, key, value)
    policy.save()
    policy.items.all().delete()
    policy.festival_rows.all().delete()
    for benefit, cap in items:
        policy.items.create(benefit=benefit, cap=cap)
    for festival, cap in festivals:
        policy.festival_rows.create(festival=festival, cap=cap)
    audit_log(actor=actor, action="funds.policy.drafted", union=publisher, target=policy, before=before,
              after=policy_snapshot(policy))
    return policy


@transaction.atomic
def policy_publish(*, actor, publisher, policy: WelfarePolicy) -> WelfarePolicy:
    """Publish a draft: from its date it is in force for every union of the province, and it supersedes the
    version in force before (whose end date becomes the day before). Not before 1 January of this year unless the
    platform itself loads it (``actor`` None): payouts already made were checked under the version then in force."""
    policy = WelfarePolicy.objects.select_for_update().get(pk=policy.pk)
    _check_province(actor=actor, publisher=publisher, province=policy.province)
    if policy.is_published:
        raise Conflict("policy_published", _("该版本已经发布"))
    if not policy.items.exists() and not policy.festival_rows.exists():
        raise RuleViolation("policy_empty", _("政策至少要有一个慰问项目或节日"), field="items")
    year_start = timezone.localdate().replace(month=1, day=1)
    if policy.effective_from < year_start and actor is not None:
        raise RuleViolation("effective_too_early",
                            _("生效日期不能早于%(date)s：此前的慰问已按当时施行的政策审核") % {"date": f"{year_start:%Y-%m-%d}"}, field="effective_from")
    same_day = WelfarePolicy.objects.filter(province=policy.province, effective_from=policy.effective_from,
                                            published_at__isnull=False)
    if same_day.exists():
        raise Conflict("policy_version_exists",
                       _("%(province)s已有%(date)s起施行的版本；请换一个生效日期")
                       % {"province": policy.province, "date": f"{policy.effective_from:%Y-%m-%d}"})
    published = WelfarePolicy.objects.select_for_update().filter(province=policy.province, published_at__isnull=False)
    for older in published.filter(effective_from__lt=policy.effective_from):
        if older.effective_to is None or older.effective_to >= policy.effective_from:
            end = policy.effective_from - dt.timedelta(days=1)
            audit_log(actor=actor, action="funds.policy.superseded", union=publisher, target=older,
                      before={"effective_to": older.effective_to}, after={"effective_to": end})
            WelfarePolicy.objects.filter(pk=older.pk).update(effective_to=end)
    later = published.filter(effective_from__gt=policy.effective_from).order_by("effective_from").first()
    if later is not None and (policy.effective_to is None or policy.effective_to >= later.effective_from):
        policy.effective_to = later.effective_from - dt.timedelta(days=1)
    policy.published_at = timezone.now()
    policy.published_by = actor if getattr(actor, "is_authenticated", False) else None
    policy.publisher = publisher
    policy.save()
    audit_log(actor=actor, action="funds.policy.published", union=publisher, target=policy,
              after=policy_snapshot(policy))
    return policy


def draft_from(policy: WelfarePolicy | None, *, province: str) -> PolicyDraft:
    """A new version's starting point: the version in force, or the national occasions with no amounts."""
    if policy is None:
        return PolicyDraft(province=province, name="", source="", effective_from=timezone.localdate(),
                           items=tuple((b, None) for b in BENEFIT_CODES),
                           festivals=tuple((f, None) for f in FESTIVAL_NAMES))
    return PolicyDraft(province=province, name=policy.name, source=policy.source,
                       effective_from=timezone.localdate(), forms=tuple(policy.forms), prize_ratio=policy.prize_ratio,
                       festival_fund_ratio=policy.festival_fund_ratio, birthday_in_month=policy.birthday_in_month,
                       note=policy.note, items=tuple((i.benefit, i.cap) for i in policy.items.all()),
                       festivals=tuple((f.festival, f.cap) for f in policy.festival_rows.all()))


# --- payouts made under the national rule ------------------------------------------------------------

@transaction.atomic
def welfare_payout_confirm(*, actor, payout: WelfarePayout) -> WelfarePayout:
    """The chair confirms a payout made under the national rule while the province had no policy in force
    (regulations §2.3: amounts are the province's to set, so the chair answers for the amount)."""
    payout = WelfarePayout.objects.select_for_update().get(pk=payout.pk)
    if not _may_override(actor, payout.union):
        raise Forbidden("confirm_forbidden", _("只有工会主席可以确认按全国规定发放的慰问"))
    if not payout.needs_confirmation:
        raise Conflict("payout_not_pending", _("这笔慰问不需要确认或已经确认"))
    before = {"needs_confirmation": True}
    payout.needs_confirmation = False
    payout.confirmed_by, payout.confirmed_at = actor, timezone.now()
    payout.save(update_fields=["needs_confirmation", "confirmed_by", "confirmed_at", "updated_at"])
    audit_log(actor=actor, action="funds.welfare.confirmed", target=payout, before=before,
              after={"needs_confirmation": False, "confirmed_at": payout.confirmed_at.isoformat()})
    return payout

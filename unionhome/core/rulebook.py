"""The rule book: every declared rule figure with the value in force, where it comes from, and setting a union's or
a province's value from a date on (``RuleSetting``), with a reason, audited.

A new value must have the declared value's shape (an integer stays an integer, a fraction a fraction, a mapping
keeps every key the rules read), so a typo cannot reach a rule as a value it cannot use.

Back-dating: a value may start on 1 January of the current year at the earliest, except by a platform
administrator. Earlier records (payouts, elections, dues) were checked under the figures then in force and the
books of earlier years are signed off; a value reaching back would make them look wrong without changing them.
Within the year a figure entered late can still be corrected from the day it really applied.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Forbidden, RuleViolation
from unionhome.core.models import RuleSetting
from unionhome.core.provinces import PROVINCES
from unionhome.core.rules import RuleDefault, defaults, rule_figure

FRACTION = re.compile(r"^\d+/\d+$")
DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
NUMBER_LIST = re.compile(r"^\d+(\.\d+)?(,\d+(\.\d+)?)+$")

KIND_LABELS = {"bool": gettext_lazy("是/否"), "int": gettext_lazy("整数"), "decimal": gettext_lazy("小数"),
               "fraction": gettext_lazy("比例（分数）"), "numbers": gettext_lazy("数字序列"), "text": gettext_lazy("文字"),
               "list": gettext_lazy("列表"), "mapping": gettext_lazy("对照表")}
ORIGIN_LABELS = {"national": gettext_lazy("全国默认"), "province": gettext_lazy("省级设置"),
                 "union": gettext_lazy("本工会设置")}


def value_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, (float, Decimal)):
        return "decimal"
    if isinstance(value, str):
        if FRACTION.match(value):
            return "fraction"
        if DECIMAL.match(value):
            return "decimal"
        if NUMBER_LIST.match(value):
            return "numbers"
        return "text"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "text"


def value_text(value: Any) -> str:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return _("是") if value else _("否")
    return str(value)


def _bad(message: str):
    return RuleViolation("rule_value_invalid", message, field="value")


def _conform(default: Any, value: Any, where: str = "") -> Any:
    """``value`` in the shape of ``default``, or a RuleViolation saying what was expected."""
    kind = value_kind(default)
    at = _("%(where)s：") % {"where": where} if where else ""
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("是", "true", "1", "yes"):
            return True
        if text in ("否", "false", "0", "no"):
            return False
        raise _bad(_("%(at)s应填“是”或“否”") % {"at": at})
    if kind == "int":
        if isinstance(value, bool) or not re.fullmatch(r"\d+", str(value).strip()):
            raise _bad(_("%(at)s应为不小于0的整数") % {"at": at})
        return int(str(value).strip())
    if kind == "decimal":
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise _bad(_("%(at)s应为数字，如 %(example)s") % {"at": at, "example": default}) from None
        if not number.is_finite() or number < 0:
            raise _bad(_("%(at)s应为不小于0的数字") % {"at": at})
        return str(number) if isinstance(default, str) else float(number)
    if kind == "fraction":
        text = str(value).strip()
        if not FRACTION.match(text) or int(text.split("/")[1]) == 0:
            raise _bad(_("%(at)s应写成分数，如 %(example)s") % {"at": at, "example": default})
        return text
    if kind == "numbers":
        text = str(value).strip().replace("，", ",").replace(" ", "")
        if not NUMBER_LIST.match(text) or text.count(",") != default.count(","):
            raise _bad(_("%(at)s应为%(count)s个用逗号分隔的数字，如 %(example)s")
                       % {"at": at, "count": default.count(",") + 1, "example": default})
        return text
    if kind == "text":
        text = str(value).strip() if isinstance(value, (str, int, float)) else ""
        if not text:
            raise _bad(_("%(at)s不能为空") % {"at": at})
        return text[:200]
    if kind == "list":
        if isinstance(value, str):
            value = _parse_list(value)
        if not isinstance(value, list) or not value:
            raise _bad(_("%(at)s应为非空列表，如 %(example)s") % {"at": at, "example": value_text(default)})
        numeric = default and all(value_kind(v) in ("int", "decimal", "fraction") for v in default)
        if numeric and len(value) != len(default):
            raise _bad(_("%(at)s应有%(count)s项，如 %(example)s")
                       % {"at": at, "count": len(default), "example": value_text(default)})
        if not default:
            return value
        return [_conform(default[min(i, len(default) - 1)] if numeric else default[0], v, _("%(where)s第%(n)s项") % {"where": where, "n": i + 1})
                for i, v in enumerate(value)]
    if kind == "mapping":
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise _bad(_("%(at)s对照表请按 JSON 格式填写，如 %(example)s")
                           % {"at": at, "example": value_text(default)}) from None
        if not isinstance(value, dict):
            raise _bad(_("%(at)s应为对照表（JSON 对象），如 %(example)s") % {"at": at, "example": value_text(default)})
        missing = [k for k in default if k not in value]
        if missing:
            raise _bad(_("%(at)s缺少项目：%(missing)s") % {"at": at, "missing": _("、").join(missing)})
        sample = next(iter(default.values())) if default else None
        return {str(k): (_conform(default.get(k, sample), v, f"{where}{k}") if sample is not None else v)
                for k, v in value.items()}
    raise _bad(_("无法识别的参数类型"))


def _parse_list(text: str) -> list:
    text = text.strip()
    if text.startswith("["):
        try:
            return json.loads(text)
        except ValueError:
            raise _bad(_("列表请按 JSON 格式填写，或用逗号分隔：%(text)s") % {"text": text[:40]}) from None
    return [part.strip() for part in re.split(r"[,，、]", text) if part.strip()]


def parse_value(key: str, raw: Any) -> Any:
    """The typed value for ``key`` from what a form or the API sent (text, or JSON for lists and mappings)."""
    declared = defaults().get(key)
    if declared is None:
        raise RuleViolation("rule_unknown", _("没有这个规则参数：%(key)s") % {"key": key}, field="key")
    if isinstance(raw, str) and value_kind(declared.value) in ("list", "mapping") and raw.strip()[:1] in "[{":
        try:
            raw = json.loads(raw)
        except ValueError:
            raise _bad(_("请按 JSON 格式填写，如 %(example)s") % {"example": value_text(declared.value)}) from None
    return _conform(declared.value, raw)


# --- reads ----------------------------------------------------------------------------------------

@dataclass
class RuleRow:
    key: str
    label: str
    value: Any
    source: str
    effective: dt.date
    origin: str
    kind: str
    default: RuleDefault

    @property
    def value_text(self) -> str:
        return value_text(self.value)

    @property
    def origin_label(self) -> str:
        return ORIGIN_LABELS[self.origin]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def _province(union) -> str:
    return (getattr(union, "province", "") or "").strip().removesuffix("省")


def _scope(union) -> Q:
    scope = Q(union__isnull=True, province="")
    if union is not None:
        scope |= Q(union=union)
        if _province(union):
            scope |= Q(union__isnull=True, province=_province(union))
    return scope


def rule_rows(*, union, on: dt.date | None = None, q: str = "", origin: str = "") -> list[RuleRow]:
    """Every declared figure with the value in force for ``union`` on ``on``: one query for all settings."""
    on = on or timezone.localdate()
    settings = {}
    for row in RuleSetting.objects.filter(_scope(union), effective_from__lte=on):
        rank = (2 if row.union_id else 1 if row.province else 0, row.effective_from, row.id)
        if row.key not in settings or rank > settings[row.key][0]:
            settings[row.key] = (rank, row)
    rows = []
    for key, declared in sorted(defaults().items()):
        best = settings.get(key)
        if best is None:
            row = RuleRow(key, str(declared.label), declared.value, str(declared.source), declared.effective, "national",
                          value_kind(declared.value), declared)
        else:
            setting = best[1]
            where = "union" if setting.union_id else "province" if setting.province else "national"
            row = RuleRow(key, str(declared.label), setting.value, setting.source, setting.effective_from, where,
                          value_kind(declared.value), declared)
        rows.append(row)
    q = (q or "").strip().lower()
    if q:
        rows = [r for r in rows if q in r.key.lower() or q in r.label.lower() or q in r.source.lower()]
    if origin in ORIGIN_LABELS:
        rows = [r for r in rows if r.origin == origin]
    return rows


def rule_row(key: str, *, union, on: dt.date | None = None) -> RuleRow:
    declared = defaults().get(key)
    if declared is None:
        raise KeyError(key)
    return next(r for r in rule_rows(union=union, on=on) if r.key == key)


def rule_history(key: str, *, union) -> list[RuleSetting]:
    """The settings of ``key`` that reach ``union`` (its own, its province's, everyone's), newest first."""
    return list(RuleSetting.objects.filter(_scope(union), key=key).select_related("set_by", "union")
                .order_by("-effective_from", "-id"))


# --- writes ---------------------------------------------------------------------------------------

@transaction.atomic
def rule_setting_set(*, ctx, key: str, scope: str, value: Any, effective_from: dt.date, source: str, reason: str,
                     province: str = "") -> RuleSetting:
    """Set ``key`` for the asking union (``scope="union"``: the chair) or a province (``scope="province"``: a
    federation officer for its own province, a platform administrator for any) from ``effective_from`` on."""
    if ctx.union is None:
        raise Forbidden()
    typed = parse_value(key, value)
    source, reason = (source or "").strip(), (reason or "").strip()
    if not reason:
        raise RuleViolation("reason_required", _("请填写调整理由"), field="reason")
    if not source:
        raise RuleViolation("source_required", _("请填写依据（文件名称、文号或会议决定）"), field="source")
    if not isinstance(effective_from, dt.date):
        raise RuleViolation("date_invalid", _("请填写生效日期"), field="effective_from")
    admin = ctx.has_role("admin")
    year_start = timezone.localdate().replace(month=1, day=1)
    if effective_from < year_start and not admin:
        raise RuleViolation("effective_too_early",
                            _("生效日期不能早于%(date)s：以前年度的记录已按当时的参数办理") % {"date": f"{year_start:%Y-%m-%d}"}, field="effective_from")
    setting = RuleSetting(key=key, value=typed, source=source[:300], reason=reason[:500],
                          effective_from=effective_from, set_by=ctx.user)
    if scope == "union":
        if not ctx.has("rules.set_union"):
            raise Forbidden("forbidden", _("只有工会主席可以设置本工会的参数"))
        setting.union = ctx.union
    elif scope == "province":
        province = (province or _province(ctx.union)).strip().removesuffix("省")
        if not ctx.has("rules.set_province"):
            raise Forbidden("forbidden", _("只有上级工会可以设置全省参数"))
        if province not in PROVINCES:
            raise RuleViolation("province_invalid", _("请选择省份"), field="province")
        if province != _province(ctx.union) and not admin:
            raise Forbidden("province_not_yours", _("只能设置本会所在省份（%(province)s）的参数")
                                % {"province": _province(ctx.union) or _("未填写")})
        setting.province = province
    else:
        raise RuleViolation("scope_invalid", _("请选择适用范围：本工会或全省"), field="scope")
    before = rule_figure(key, union=ctx.union, on=effective_from)
    setting.save()
    audit_log(actor=ctx.user, action="core.rule.set", union=ctx.union, target=setting,
              target_label=(_("%(key)s（%(scope)s）") % {"key": key, "scope": setting.province or ctx.union})[:200],
              before={"value": before.value, "source": before.source}, after=snapshot(setting), note=reason)
    return setting

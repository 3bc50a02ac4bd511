"""JSON API of the rule book: list the figures in force, read one with its history, set a union's or a
province's value from a date on (the same services as the pages, ``core.rulebook``)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from unionhome.core import rulebook
from unionhome.core.permissions import api_require
from unionhome.core.text import CleanTextSchema

router = Router(tags=[gettext_lazy("规则参数")])


class RuleOut(Schema):
    key: str
    label: str
    value: Any
    source: str
    effective: dt.date
    origin: str
    kind: str


class SettingOut(Schema):
    id: int
    key: str
    value: Any
    source: str
    reason: str
    effective_from: dt.date
    province: str
    union_id: int | None


class RuleDetailOut(RuleOut):
    history: list[SettingOut]


class SettingIn(CleanTextSchema):
    scope: str
    value: Any
    effective_from: dt.date
    source: str
    reason: str
    province: str = ""


def _row(ctx, key: str):
    try:
        return rulebook.rule_row(key, union=ctx.union)
    except KeyError:
        raise HttpError(404, _("没有这个规则参数")) from None


@router.get("", response=list[RuleOut], url_name="rules_list")
def rules(request, q: str = "", origin: str = ""):
    """Every declared rule figure with the value in force today for the asking union and where it comes from."""
    ctx = api_require(request, "rules.view")
    return rulebook.rule_rows(union=ctx.union, q=q[:100], origin=origin)


@router.get("/{key}", response=RuleDetailOut, url_name="rule_read")
def rule(request, key: str):
    ctx = api_require(request, "rules.view")
    row = _row(ctx, key)
    return {**{f: getattr(row, f) for f in ("key", "label", "value", "source", "effective", "origin", "kind")},
            "history": rulebook.rule_history(key, union=ctx.union)}


@router.post("/{key}/settings", response={201: SettingOut}, url_name="rule_set")
def set_rule(request, key: str, body: SettingIn):
    """Set the union's (chair) or the province's (federation officer) value from a date on, with a reason."""
    ctx = api_require(request, "rules.set_union", "rules.set_province", any_of=True)
    _row(ctx, key)
    return Status(201, rulebook.rule_setting_set(ctx=ctx, key=key, scope=body.scope, value=body.value,
                                                 effective_from=body.effective_from, source=body.source,
                                                 reason=body.reason, province=body.province))

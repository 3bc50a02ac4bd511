"""Rule figures: shipped defaults with their source, overridable per province or union.

Apps declare their figures in ``<app>/rules.py``::

    declare("elections.quorum_ratio", "2/3", source="《工会基层组织选举工作条例》第17条", effective="2016-10-09")

and read them with ``rule_value("elections.quorum_ratio", union=u, on=date)``.
A ``core.RuleSetting`` row (most specific scope, latest effective date not after
``on``) overrides the default.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone


@dataclass(frozen=True)
class RuleDefault:
    key: str
    value: Any
    source: str
    effective: dt.date
    label: str


_DEFAULTS: dict[str, RuleDefault] = {}


def declare(key: str, value: Any, *, source: str, effective: str, label: str = "") -> RuleDefault:
    item = RuleDefault(key, value, source, dt.date.fromisoformat(effective), label or key)
    _DEFAULTS[key] = item
    return item


def defaults() -> dict[str, RuleDefault]:
    return dict(_DEFAULTS)


@dataclass(frozen=True)
class RuleFigure:
    value: Any
    source: str
    effective: dt.date


def rule_figure(key: str, *, union=None, on: dt.date | None = None) -> RuleFigure:
    from django.db.models import Q

    from unionhome.core.models import RuleSetting

    if key not in _DEFAULTS:
        raise KeyError(f"undeclared rule {key!r}")
    on = on or timezone.localdate()
    scope = Q(union__isnull=True, province="")
    if union is not None:
        scope |= Q(union=union)
        province = getattr(union, "province", "")
        if province:
            scope |= Q(union__isnull=True, province=province)
    rows = list(RuleSetting.objects.filter(scope, key=key, effective_from__lte=on))

    def specificity(row):
        return (2 if row.union_id else 1 if row.province else 0, row.effective_from, row.id)

    if rows:
        best = max(rows, key=specificity)
        return RuleFigure(best.value, best.source, best.effective_from)
    default = _DEFAULTS[key]
    return RuleFigure(default.value, default.source, default.effective)


def rule_value(key: str, *, union=None, on: dt.date | None = None) -> Any:
    return rule_figure(key, union=union, on=on).value

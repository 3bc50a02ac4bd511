"""The federation's view (issue 12 §7): registered figures rolled up over the grassroots unions below a
federation, compared side by side; never a person's row.

Any registered figure can be compared (the ones apps add later, such as ``assessment.*``, appear by registering);
each is computed for all unions in one grouped query (``core.figures.union_values``), the federation's total by
aggregation (``core.figures.total``). A union's figure opens as its value, parts and monthly series only: the
record list behind it names people and stays with the union.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import xlsxwriter
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from unionhome.core import figures as registry
from unionhome.core.charts import Chart, Series
from unionhome.core.figures import Figure, UnionValue, When
from unionhome.core.models import Union
from unionhome.core.xlsx import neutralise

# Shown when the viewer has not chosen: membership, funds, care, activities, elections, and any assessment score.
DEFAULT_KEYS = ("members.staff", "members.in_membership", "members.rate", "funds.income", "funds.expense",
                "care.visits", "activities.held", "activities.participation", "study.sessions", "awards.evaluations",
                "elections.held", "committees.terms_due")
MAX_FIGURES = 20
MAX_UNIONS = 5000


def unions_below(federation: Union):
    """Every grassroots union below the federation, at any depth."""
    return (Union.objects.descendants_of(federation).filter(kind=Union.Kind.GRASSROOTS)
            .order_by("code", "pk").only("pk", "name", "code"))


def union_below_or_404(federation: Union, union_id: int) -> Union:
    union = unions_below(federation).filter(pk=union_id).first()
    if union is None:
        raise Http404
    return union


def default_keys() -> list[str]:
    keys = [k for k in DEFAULT_KEYS if registry.get(k)]
    return keys + [f.key for f in registry.figures() if f.key.startswith("assessment.") and f.key not in keys]


def chosen_figures(keys: list[str] | None) -> list[Figure]:
    """The figures asked for (unknown keys are left out), or the default set; at most MAX_FIGURES."""
    keys = [k for k in (keys or []) if registry.get(k)] or default_keys()
    seen: list[str] = []
    for k in keys:
        if k not in seen:
            seen.append(k)
    return [registry.get(k) for k in seen[:MAX_FIGURES]]


@dataclass
class Comparison:
    when: When
    figures: list[Figure]
    unions: list[Union]
    values: dict  # figure key -> {union id: UnionValue}
    totals: dict  # figure key -> UnionValue
    sort: str
    descending: bool
    computed_at: object

    def rows(self) -> list[dict]:
        rows = [{"union": u, "cells": [self.values[f.key][u.pk] for f in self.figures]} for u in self.unions]
        if self.sort in self.values:
            i = [f.key for f in self.figures].index(self.sort)
            known = sorted((r for r in rows if r["cells"][i].value is not None), key=lambda r: r["cells"][i].value,
                           reverse=self.descending)
            return known + [r for r in rows if r["cells"][i].value is None]  # no rate (nobody on the roster) last
        if self.sort == "union" and self.descending:
            rows.reverse()
        return rows


def compare(federation: Union, when: When, *, keys=None, union_ids=None, sort: str = "",
            descending: bool = False) -> Comparison:
    unions = list(unions_below(federation)[:MAX_UNIONS])
    if union_ids:
        wanted = {int(pk) for pk in union_ids}
        unions = [u for u in unions if u.pk in wanted] or unions
    figures = chosen_figures(keys)
    ids = [u.pk for u in unions]
    values = {f.key: registry.union_values(f, ids, when) for f in figures}
    totals = {f.key: registry.total(f, values[f.key]) for f in figures}
    return Comparison(when=when, figures=figures, unions=unions, values=values, totals=totals, sort=sort,
                      descending=descending, computed_at=timezone.now())


def union_figure_url(union_id: int, key: str, when: When) -> str:
    return reverse("dashboard:federation_union_figure", args=[union_id, key]) + "?" + urlencode({"year": when.year})


def unit_of(figure: Figure) -> str:
    return "%" if figure.is_rate else str(figure.unit_word)


def charts(comparison: Comparison) -> list[Chart]:
    """One bar chart per chosen figure: a bar per union (the data table beside it links to the union's figure)."""
    out = []
    for f in comparison.figures:
        values = comparison.values[f.key]
        out.append(Chart(key="fed_" + f.key.replace(".", "_"), title=str(f.name), kind="hbar", unit=unit_of(f),
                         max_value=100 if f.is_rate else None, categories=[u.name for u in comparison.unions],
                         series=[Series(str(f.name), [values[u.pk].value for u in comparison.unions])],
                         links=[union_figure_url(u.pk, f.key, comparison.when) for u in comparison.unions],
                         note=str(f.definition)))
    return out


def union_figure(union: Union, figure: Figure, when: When) -> dict:
    """One union's figure in aggregate: the value, its parts and its monthly series; no record, no name."""
    value = registry.compute(figure, union, when)
    monthly = registry.monthly(figure, union, when) if figure.date_field and not figure.is_rate else []
    parts = [{"key": p["key"], "label": str(p["label"]), "value": p["value"], "count": p["count"]}
             for p in value.parts]
    out = {"figure": figure, "value": value, "parts": parts, "monthly": monthly, "charts": []}
    if parts:
        out["charts"].append(Chart(key="parts", title=_("%(name)s（分项）") % {"name": figure.name}, kind="hbar",
                                   unit=unit_of(figure), categories=[p["label"] for p in parts],
                                   series=[Series(str(figure.name), [p["value"] for p in parts])]))
    if monthly:
        out["charts"].append(Chart(key="monthly", title=_("%(name)s（按月）") % {"name": figure.name}, kind="columns",
                                   unit=unit_of(figure),
                                   categories=[_("%(month)s月") % {"month": r["month"]} for r in monthly],
                                   series=[Series(str(figure.name), [r["value"] for r in monthly])]))
    return out


def display(figure: Figure, v: UnionValue) -> str:
    if figure.is_rate:
        return "—" if v.value is None else f"{v.value}%"
    return str(v.value)


def _cell(v: UnionValue):
    if v.value is None:
        return ""
    return float(v.value) if not isinstance(v.value, int) else v.value


def comparison_xlsx(comparison: Comparison, federation: Union) -> bytes:
    """The comparison as a workbook: a row per union, a column per figure, the federation's total last."""
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as book:
        bold = book.add_format({"bold": True})
        sheet = book.add_worksheet(_("下级工会对比"))
        sheet.write(0, 0, _("%(federation)s %(year)s年度下级工会对比（截至%(as_of)s，生成于%(at)s）") % {
            "federation": federation.name, "year": comparison.when.year, "as_of": comparison.when.as_of.isoformat(),
            "at": timezone.localtime(comparison.computed_at).strftime("%Y-%m-%d %H:%M")}, bold)
        header = [_("工会"), _("代码")] + [_("%(name)s（%(unit)s）") % {"name": f.name, "unit": unit_of(f)}
                                        for f in comparison.figures]
        sheet.write_row(2, 0, header, bold)
        row = 3
        for r in comparison.rows():
            sheet.write_row(row, 0, [neutralise(r["union"].name), neutralise(r["union"].code)] + [_cell(v) for v in r["cells"]])
            row += 1
        sheet.write_row(row, 0, [_("合计"), ""] + [_cell(comparison.totals[f.key]) for f in comparison.figures], bold)
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, len(header) - 1, 14)
        notes = book.add_worksheet(_("口径"))
        notes.write_row(0, 0, [_("数据项"), _("口径"), _("合计的算法")], bold)
        for i, f in enumerate(comparison.figures, start=1):
            how = (_("各工会分子之和 ÷ 各工会分母之和") if f.is_rate else _("各工会之和"))
            notes.write_row(i, 0, [str(f.name), str(f.definition), how])
        notes.set_column(0, 0, 20)
        notes.set_column(1, 1, 70)
        notes.set_column(2, 2, 28)
    return buf.getvalue()

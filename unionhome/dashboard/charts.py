"""The dashboard's charts (issue 12 §3), each drawn from registered figures and linking to their records."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from unionhome.core import figures as registry
from unionhome.core.charts import Chart, Series
from unionhome.core.figures import When
from unionhome.org.models import UnionGroup, Unit


def figure_url(key: str, when: When, *, scope: str = "union", part: str | None = None) -> str:
    params = {"year": when.year}
    if scope != "union":
        params["scope"] = scope
    if part is not None:
        params["part"] = part
    return reverse("dashboard:figure", args=[key]) + "?" + urlencode(params)


def _rate_by(kind: str, model, title) -> Callable:
    def build(union, when: When) -> Chart:
        figure = registry.get("members.rate")
        rates = registry.scope_values(figure, union, when, kind)
        rows = [(o, rates[o.pk]) for o in model.objects.filter(union=union) if o.pk in rates]
        return Chart(key=f"rate_by_{kind}", title=str(title), kind="hbar", unit="%", max_value=100,
                     categories=[o.name for o, _r in rows], series=[Series(str(figure.name), [r for _o, r in rows])],
                     links=[figure_url("members.rate", when, scope=f"{kind}:{o.pk}") for o, _r in rows],
                     note=str(figure.definition))
    return build


def _parts(key: str, title, *, kind: str = "hbar", skip_empty: bool = False) -> Callable:
    def build(union, when: When) -> Chart:
        figure = registry.get(key)
        parts = registry.compute(figure, union, when).parts
        if skip_empty:
            parts = [p for p in parts if p["count"]]
        return Chart(key=key.replace(".", "_"), title=str(title), kind=kind, unit=str(figure.unit_word),
                     categories=[str(p["label"]) for p in parts], series=[Series(str(figure.name),
                                                                               [p["value"] for p in parts])],
                     links=[figure_url(key, when, part=p["key"]) for p in parts], note=str(figure.definition))
    return build


def _budget_vs_actual(union, when: When) -> Chart:
    budget = registry.compute(registry.get("funds.budget_expense"), union, when).parts
    actual = registry.compute(registry.get("funds.expense"), union, when).parts
    keep = [i for i, (b, a) in enumerate(zip(budget, actual, strict=True)) if b["count"] or a["count"]]
    return Chart(key="budget_vs_actual", title=str(_("支出预算与实际（按科目）")), kind="hbar", unit=str(_("元")),
                 categories=[str(actual[i]["label"]) for i in keep],
                 series=[Series(str(_("预算")), [budget[i]["value"] for i in keep]),
                         Series(str(_("实际")), [actual[i]["value"] for i in keep])],
                 links=[figure_url("funds.expense", when, part=actual[i]["key"]) for i in keep],
                 note=str(_("支出预算与本年度支出凭证合计，按支出科目。")))


def _monthly(keys: list[str], title, note) -> Callable:
    def build(union, when: When) -> Chart:
        series = [Series(str(registry.get(k).name), [r["value"] for r in registry.monthly(registry.get(k), union, when)])
                  for k in keys]
        return Chart(key="monthly_" + "_".join(k.split(".")[-1] for k in keys), title=str(title), kind="columns",
                     categories=[_("%(month)s月") % {"month": m} for m in range(1, 13)], series=series, unit=str(registry.get(keys[0]).unit_word), note=str(note))
    return build


@dataclass(frozen=True)
class ChartDef:
    key: str
    figures: tuple[str, ...]  # the registered figures it draws: shown to who may see them all
    build: Callable


CHARTS = [
    ChartDef("rate_by_unit", ("members.rate",), _rate_by("unit", Unit, _("入会率（按单位）"))),
    ChartDef("rate_by_group", ("members.rate",), _rate_by("group", UnionGroup, _("入会率（按工会小组）"))),
    ChartDef("members_by_gender", ("members.by_gender",), _parts("members.by_gender", _("会员（按性别）"))),
    ChartDef("members_by_age_band", ("members.by_age_band",), _parts("members.by_age_band", _("会员（按年龄段）"))),
    ChartDef("members_by_ethnicity", ("members.by_ethnicity",),
             _parts("members.by_ethnicity", _("会员（按民族）"), skip_empty=True)),
    ChartDef("budget_vs_actual", ("funds.expense", "funds.budget_expense"), _budget_vs_actual),
    ChartDef("monthly_funds", ("funds.income", "funds.expense"),
             _monthly(["funds.income", "funds.expense"], _("每月收入与支出"), _("按凭证日期逐月合计。"))),
    ChartDef("care_by_kind", ("care.visits",), _parts("care.visits", _("慰问（按类型）"), skip_empty=True)),
    ChartDef("care_by_month", ("care.visits",),
             _monthly(["care.visits"], _("慰问（按月份）"), _("按慰问日期逐月计人次。"))),
    ChartDef("participation_by_group", ("activities.participation",),
             _parts("activities.participation", _("活动参与（按工会小组）"), skip_empty=True)),
]


def chart_get(key: str) -> ChartDef | None:
    return next((c for c in CHARTS if c.key == key), None)


def charts_for(ctx, when: When) -> list[Chart]:
    """The charts whose figures the user may see, for the union and year, each under its definition's key: the
    page's anchor and its PNG link (``chart_png``) name the chart by that key, not by the figure it draws."""
    return [replace(c.build(ctx.union, when), key=c.key) for c in CHARTS if may_see(ctx, c)]


def may_see(ctx, chart: ChartDef) -> bool:
    return ctx.union is not None and all(ctx.has(registry.get(k).perm) for k in chart.figures)


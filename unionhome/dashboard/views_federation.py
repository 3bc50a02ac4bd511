"""The federation's pages: the comparison of the unions below (table, charts, xlsx) and one union's figure in
aggregate. Read only; reads in ``dashboard/federation.py``."""
from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext

from unionhome.core import figures as registry
from unionhome.core.charts import to_svg
from unionhome.core.figures import LABELS, When
from unionhome.core.permissions import require
from unionhome.dashboard import federation, figure_pages


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit() and len(v) <= 12]


def _comparison(request):
    when = When.for_year(figure_pages.year_of(request.GET.get("year")))
    sort = request.GET.get("sort", "")
    return federation.compare(request.ctx.union, when, keys=request.GET.getlist("f"),
                              union_ids=_ids(request.GET.getlist("u")), sort=sort,
                              descending=request.GET.get("dir") == "desc")


@require("federation.view")
def compare(request):
    comparison = _comparison(request)
    keys = [f.key for f in comparison.figures]
    chosen_unions = _ids(request.GET.getlist("u"))
    base = [("year", comparison.when.year)] + [("f", k) for k in keys] + [("u", pk) for pk in chosen_unions]

    def sort_url(key: str) -> str:
        desc = comparison.sort == key and not comparison.descending
        return "?" + urlencode(base + [("sort", key)] + ([("dir", "desc")] if desc else []))

    header = [{"figure": f, "unit": federation.unit_of(f), "sort_url": sort_url(f.key),
               "sorted": ("desc" if comparison.descending else "asc") if comparison.sort == f.key else ""}
              for f in comparison.figures]
    rows = [{"union": r["union"], "cells": [
        {"text": federation.display(f, v), "url": federation.union_figure_url(r["union"].pk, f.key, comparison.when)}
        for f, v in zip(comparison.figures, r["cells"], strict=True)]} for r in comparison.rows()]
    return render(request, "dashboard/federation.html", {
        "c": comparison, "header": header, "rows": rows, "when": comparison.when, "years": figure_pages.years(),
        "totals": [federation.display(f, comparison.totals[f.key]) for f in comparison.figures], "all_figures": registry.figures(), "keys": keys,
        "all_unions": list(federation.unions_below(request.ctx.union)[:federation.MAX_UNIONS]),
        "chosen_unions": chosen_unions, "union_sort_url": sort_url("union"),
        "export_query": urlencode(base + ([("sort", comparison.sort)] if comparison.sort else [])
                                  + ([("dir", "desc")] if comparison.descending else [])),
        "charts": [(chart, to_svg(chart)) for chart in federation.charts(comparison)]})


@require("federation.view")
def export(request):
    comparison = _comparison(request)
    data = federation.comparison_xlsx(comparison, request.ctx.union)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = gettext("%(federation)s-%(year)s-下级工会对比.xlsx") % {"federation": request.ctx.union.name,
                                                                  "year": comparison.when.year}
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["Cache-Control"] = "no-store"
    return response


@require("federation.view")
def union_figure(request, union_id: int, key: str):
    figure = registry.get(key)
    if figure is None:
        raise Http404
    union = federation.union_below_or_404(request.ctx.union, union_id)
    when = When.for_year(figure_pages.year_of(request.GET.get("year")))
    data = federation.union_figure(union, figure, when)
    return render(request, "dashboard/federation_figure.html", {
        **data, "union": union, "when": when, "years": figure_pages.years(), "period_label": LABELS[figure.period],
        "unit": federation.unit_of(figure), "charts": [(chart, to_svg(chart)) for chart in data["charts"]],
        "numerator": registry.get(figure.numerator) if figure.is_rate else None,
        "denominator": registry.get(figure.denominator) if figure.is_rate else None})

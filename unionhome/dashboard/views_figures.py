"""The year's figures: the index, one page per figure listing its records, and the charts as PNG."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from unionhome.core import charts as engine
from unionhome.core import figures as registry
from unionhome.core.figures import LABELS, When
from unionhome.core.permissions import login_only
from unionhome.dashboard import charts, figure_pages

PAGE_SIZE = 200


@login_only
def figure_index(request):
    ctx = request.ctx
    when = When.for_year(figure_pages.year_of(request.GET.get("year")))
    rows = [registry.compute(f, ctx.union, when) for f in registry.visible(ctx)] if ctx.union else []
    return render(request, "dashboard/figures.html", {"values": rows, "when": when, "years": figure_pages.years()})


@login_only
def figure_detail(request, key: str):
    ctx = request.ctx
    figure = figure_pages.figure_for(ctx, key)
    when = When.for_year(figure_pages.year_of(request.GET.get("year")))
    scope = figure_pages.scope_for(figure, ctx.union, request.GET.get("scope"))
    part = figure_pages.part_for(figure, ctx.union, when, request.GET.get("part"))
    value = registry.compute(figure, ctx.union, when, scope)
    if part is not None:
        part = next(p for p in value.parts if p["key"] == part["key"])
    records = registry.record_list(figure, ctx.union, when, scope, part=part["key"] if part else None)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    columns, rows = figure_pages.table(ctx, figure, page.object_list)
    return render(request, "dashboard/figure.html", {
        "figure": figure, "value": value, "when": when, "scope": scope, "part": part, "page": page,
        "columns": columns, "rows": rows, "period_label": LABELS[figure.period], "years": figure_pages.years(),
        "scopes": figure_pages.scope_choices(figure, ctx.union), "people": figure_pages.shows_people(ctx, figure),
        "numerator": registry.get(figure.numerator) if figure.is_rate else None,
        "denominator": registry.get(figure.denominator) if figure.is_rate else None})


@login_only
def chart_png(request, key: str):
    """A dashboard chart as PNG, for documents and for saving (the page shows the same chart as SVG)."""
    ctx = request.ctx
    chart = charts.chart_get(key)
    if chart is None or ctx.union is None:
        raise Http404
    if not charts.may_see(ctx, chart):
        raise PermissionDenied
    when = When.for_year(figure_pages.year_of(request.GET.get("year")))
    response = HttpResponse(engine.to_png(chart.build(ctx.union, when)), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="{key}-{when.year}.png"'
    return response

"""The figures API: the year's registered figures with their values, and where to list each one's records."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from ninja import Router, Schema

from unionhome.core import figures as registry
from unionhome.core.figures import Value, When
from unionhome.core.permissions import api_require
from unionhome.dashboard import figure_pages

router = Router(tags=["figures"])


class PartOut(Schema):
    key: str
    label: str
    value: Decimal | int
    count: int
    records_url: str


class FigureOut(Schema):
    key: str
    name: str
    definition: str
    period: str  # year | as_of
    measure: str  # count | sum | rate
    unit: str
    scope: str  # union | unit:<id> | group:<id>
    scopes: list[str]
    year: int
    as_of: dt.date
    computed_at: dt.datetime
    value: Decimal | float | int | None
    count: int  # the records the value counts (a rate: its numerator's)
    numerator: str | None
    denominator: str | None
    records_url: str
    parts: list[PartOut]


def _url(key: str, when: When, scope: str, part: str | None = None) -> str:
    params = {"year": when.year, "scope": scope} | ({"part": part} if part is not None else {})
    return reverse("dashboard:figure", args=[key]) + "?" + urlencode(params)


def _out(v: Value) -> dict:
    f, scope = v.figure, v.scope.param
    return {"key": f.key, "name": str(f.name), "definition": str(f.definition), "period": f.period,
            "measure": "rate" if f.is_rate else f.measure, "unit": "%" if f.is_rate else str(f.unit_word),
            "scope": scope, "scopes": f.scopes, "year": v.when.year, "as_of": v.when.as_of,
            "computed_at": v.computed_at, "value": v.value, "count": v.count,
            "numerator": f.numerator or None, "denominator": f.denominator or None,
            "records_url": _url(f.key, v.when, scope),
            "parts": [{**p, "label": str(p["label"]), "records_url": _url(f.key, v.when, scope, p["key"])}
                      for p in v.parts]}


@router.get("", response=list[FigureOut], url_name="figures_list")
def figure_list(request, year: int | None = None):
    """Every figure the caller may see, for the union and year (this year by default)."""
    ctx = api_require(request, "dashboard.view")
    when = When.for_year(figure_pages.year_of(year))
    return [_out(registry.compute(f, ctx.union, when)) for f in registry.visible(ctx)]


@router.get("/{key}", response=FigureOut, url_name="figures_detail")
def figure_detail(request, key: str, year: int | None = None, scope: str = "union"):
    """One figure in a scope (``union``, ``unit:<id>``, ``group:<id>``), with the link to its records."""
    figure = registry.get(key)
    if figure is None:
        raise Http404
    ctx = api_require(request, figure.perm)
    when = When.for_year(figure_pages.year_of(year))
    return _out(registry.compute(figure, ctx.union, when, figure_pages.scope_for(figure, ctx.union, scope)))

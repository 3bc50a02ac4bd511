"""The federation's API: the registered figures of the unions below, compared, and one union's figure in
aggregate (value, parts, monthly series). Counts only: no record, no name (issue 12 §7)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404
from ninja import Query, Router, Schema

from unionhome.core import figures as registry
from unionhome.core.figures import When
from unionhome.core.permissions import api_require
from unionhome.dashboard import federation, figure_pages

router = Router(tags=["federation"])
Number = Decimal | float | int | None


class FigureHead(Schema):
    key: str
    name: str
    definition: str
    measure: str  # count | sum | rate
    unit: str


class CellOut(Schema):
    value: Number
    count: int  # the records counted (a rate: its numerator's)
    denominator: int | None  # a rate's denominator count
    url: str  # the union's figure in aggregate


class UnionRowOut(Schema):
    id: int
    name: str
    code: str
    figures: dict[str, CellOut]


class TotalOut(Schema):
    value: Number
    count: int
    denominator: int | None


class ComparisonOut(Schema):
    year: int
    as_of: dt.date
    computed_at: dt.datetime
    figures: list[FigureHead]
    unions: list[UnionRowOut]
    totals: dict[str, TotalOut]


class PartOut(Schema):
    key: str
    label: str
    value: Number
    count: int


class MonthOut(Schema):
    month: int
    value: Number
    count: int


class UnionFigureOut(Schema):
    union_id: int
    union_name: str
    figure: FigureHead
    year: int
    as_of: dt.date
    computed_at: dt.datetime
    value: Number
    count: int
    parts: list[PartOut]
    monthly: list[MonthOut]


def _head(f) -> dict:
    return {"key": f.key, "name": str(f.name), "definition": str(f.definition),
            "measure": "rate" if f.is_rate else f.measure, "unit": federation.unit_of(f)}


class CompareQuery(Schema):
    year: int | None = None
    figure: list[str] = []  # figure keys; none: the default set
    union: list[int] = []  # union ids below the federation; none: all
    sort: str = ""  # a figure key or "union"
    desc: bool = False


@router.get("/figures", response=ComparisonOut, url_name="federation_compare")
def compare(request, q: Query[CompareQuery]):
    """The chosen figures for every grassroots union below the caller's federation, and the federation's total."""
    ctx = api_require(request, "federation.view")
    when = When.for_year(figure_pages.year_of(q.year))
    c = federation.compare(ctx.union, when, keys=q.figure, union_ids=q.union, sort=q.sort, descending=q.desc)
    return {"year": when.year, "as_of": when.as_of, "computed_at": c.computed_at,
            "figures": [_head(f) for f in c.figures],
            "unions": [{"id": r["union"].pk, "name": r["union"].name, "code": r["union"].code, "figures": {
                f.key: {"value": v.value, "count": v.count, "denominator": v.denominator,
                        "url": federation.union_figure_url(r["union"].pk, f.key, when)}
                for f, v in zip(c.figures, r["cells"], strict=True)}} for r in c.rows()],
            "totals": {k: {"value": v.value, "count": v.count, "denominator": v.denominator}
                       for k, v in c.totals.items()}}


@router.get("/unions/{union_id}/figures/{key}", response=UnionFigureOut, url_name="federation_union_figure")
def union_figure(request, union_id: int, key: str, year: int | None = None):
    """One union's figure in aggregate: its value, parts and monthly series."""
    ctx = api_require(request, "federation.view")
    figure = registry.get(key)
    if figure is None:
        raise Http404
    union = federation.union_below_or_404(ctx.union, union_id)
    when = When.for_year(figure_pages.year_of(year))
    data = federation.union_figure(union, figure, when)
    v = data["value"]
    return {"union_id": union.pk, "union_name": union.name, "figure": _head(figure), "year": when.year,
            "as_of": when.as_of, "computed_at": v.computed_at, "value": v.value, "count": v.count,
            "parts": data["parts"], "monthly": data["monthly"]}

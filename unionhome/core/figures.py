"""The year's figures: one registry, each figure defined once by the app that owns its records.

A figure is a query that lists records; its value IS the count of those records (or the sum of one money field,
for money), so every number the platform shows can be proved by opening the list behind it. Each app declares its
figures in ``<app>/figures.py`` (auto-discovered at start-up, like ``panels``):

    register(Figure(key="care.visits", name=_("慰问人次"), definition=_("…"), period=Period.YEAR,
                    model="care.CareVisit", records=visits_in, date_field="visited_on",
                    unit_field="worker__unit", group_field="worker__group", perm="care.view", ...))

A figure is computed for a union, a year and a scope (the union, one unit, one group). ``Period.YEAR`` figures
count the records dated within the year; ``Period.AS_OF`` figures count what stood on the year's last day (or
today, for the running year); both say when they were computed. A figure may break down into parts (gender, kind,
category…); the parts add up to the figure. A rate figure (入会率) is the ratio of two registered figures.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.db.models.lookups import In
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Period:
    YEAR = "year"  # records dated within the year
    AS_OF = "as_of"  # what stood on the year's last day (today, for the running year)


LABELS = {Period.YEAR: _("本年度内"), Period.AS_OF: _("年末时点")}
SCOPE_LABELS = {"union": _("全工会"), "unit": _("单位"), "group": _("工会小组")}


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable  # record -> shown value
    personal: bool = False  # names a person: shown only to who holds the figure's ``person_perm``


@dataclass(frozen=True)
class Figure:
    key: str
    name: str
    definition: str
    period: str
    records: Callable  # (union, When) -> QuerySet of the records behind the figure
    columns: tuple[Column, ...]
    perm: str  # who may see the figure and its list
    person_perm: str = ""  # who may see the personal columns ("" = nobody: the list never names a person)
    measure: str = "count"  # count | sum
    sum_field: str = ""
    date_field: str = ""  # the record's date, for monthly series
    unit_field: str = ""  # the lookup to the record's Unit ("" = no unit scope)
    group_field: str = ""  # the lookup to the record's UnionGroup
    parts: Callable | None = None  # (union, When) -> [(key, label)]
    part_field: str = ""  # the record field each part's key is a value of …
    part_filter: Callable | None = None  # … or (qs, key, When) -> qs
    unit_word: str = ""  # 人, 次, 元…
    reconstructs: str = ""  # what "as of" can and cannot rebuild
    numerator: str = ""  # a rate: numerator / denominator, two registered figures
    denominator: str = ""
    order: int = 100

    @property
    def is_rate(self) -> bool:
        return bool(self.numerator)

    @property
    def scopes(self) -> list[str]:
        return ["union"] + (["unit"] if self.unit_field else []) + (["group"] if self.group_field else [])


@dataclass(frozen=True)
class When:
    """The year a figure is computed for and the day its state is read on."""

    year: int
    start: dt.date
    end: dt.date
    as_of: dt.date

    @classmethod
    def for_year(cls, year: int, *, today: dt.date | None = None) -> When:
        today = today or timezone.localdate()
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return cls(year=year, start=start, end=end, as_of=min(end, today) if today >= start else end)


@dataclass(frozen=True)
class Scope:
    kind: str = "union"  # union | unit | group
    id: int | None = None
    label: str = ""

    @property
    def param(self) -> str:
        return "union" if self.kind == "union" else f"{self.kind}:{self.id}"


@dataclass
class Value:
    figure: Figure
    when: When
    scope: Scope
    value: object  # int (count), Decimal (sum), float | None (rate)
    count: int
    computed_at: dt.datetime
    parts: list[dict] = field(default_factory=list)  # {"key", "label", "value", "count"}
    numerator: Value | None = None
    denominator: Value | None = None


_FIGURES: dict[str, Figure] = {}


def register(figure: Figure) -> Figure:
    if figure.key in _FIGURES:
        raise ValueError(f"figure {figure.key} registered twice")
    _FIGURES[figure.key] = figure
    return figure


def figures() -> list[Figure]:
    return sorted(_FIGURES.values(), key=lambda f: (f.order, f.key))


def get(key: str) -> Figure | None:
    return _FIGURES.get(key)


def visible(ctx) -> list[Figure]:
    return [f for f in figures() if ctx.has(f.perm)]


def record_list(figure: Figure, union, when: When, scope: Scope, *, part: str | None = None) -> QuerySet:
    """The records behind the figure (its numerator's, for a rate), in the scope and part."""
    if figure.is_rate:
        return record_list(_FIGURES[figure.numerator], union, when, scope, part=part)
    qs = figure.records(union, when)
    if scope.kind == "unit":
        qs = qs.filter(**{f"{figure.unit_field}_id": scope.id})
    elif scope.kind == "group":
        qs = qs.filter(**{f"{figure.group_field}_id": scope.id})
    if part is not None:
        qs = _part(figure, qs, part, when)
    return qs


def _part(figure: Figure, qs: QuerySet, key: str, when: When) -> QuerySet:
    if figure.part_filter is not None:
        return figure.part_filter(qs, key, when)
    return qs.filter(**{figure.part_field: key})


CENT = Decimal("0.01")


def money(value) -> Decimal:
    """A sum as the ledger shows it: two decimals (SQLite's SUM of decimals comes back with more)."""
    return Decimal(value or 0).quantize(CENT)


def _measure(figure: Figure, qs: QuerySet) -> tuple[object, int]:
    if figure.measure == "sum":
        agg = qs.aggregate(n=Count("pk"), total=Sum(figure.sum_field))
        return money(agg["total"]), agg["n"]
    n = qs.count()
    return n, n


def compute(figure: Figure, union, when: When, scope: Scope | None = None, *, with_parts: bool = True) -> Value:
    """The figure's value: the count (or sum) of ``record_list``, with its parts and the time it was computed."""
    scope = scope or Scope()
    now = timezone.now()
    if figure.is_rate:
        num = compute(_FIGURES[figure.numerator], union, when, scope, with_parts=False)
        den = compute(_FIGURES[figure.denominator], union, when, scope, with_parts=False)
        rate = round(100.0 * num.count / den.count, 1) if den.count else None
        return Value(figure, when, scope, rate, num.count, now, numerator=num, denominator=den)
    qs = record_list(figure, union, when, scope)
    if with_parts and figure.parts and figure.part_field and not qs.query.distinct and not qs.query.is_sliced:
        # One query: the records grouped by the part field give each part and, summed over every group (the
        # groups outside the parts' list too), the figure itself, so the records are not read twice.
        rows = _grouped(figure, qs)
        count = sum(r["count"] for r in rows.values())
        value = money(sum((Decimal(r["total"] or 0) for r in rows.values()), Decimal(0))) \
            if figure.measure == "sum" else count
        return Value(figure, when, scope, value, count, now, parts=_part_rows(figure, figure.parts(union, when), rows))
    value, count = _measure(figure, qs)
    parts = part_values(figure, union, when, scope, qs=qs) if with_parts and figure.parts else []
    return Value(figure, when, scope, value, count, now, parts=parts)


def _grouped(figure: Figure, qs: QuerySet) -> dict:
    """The records' count (and sum) per value of the part field: {value: {"count", "total"}}."""
    agg = {"count": Count("pk")}
    if figure.measure == "sum":
        agg["total"] = Sum(figure.sum_field)
    return {r[figure.part_field]: r for r in qs.order_by().values(figure.part_field).annotate(**agg)}


def _part_rows(figure: Figure, parts, rows: dict) -> list[dict]:
    out = []
    for key, label in parts:
        row = rows.get(key, {})
        n = row.get("count", 0)
        value = money(row.get("total")) if figure.measure == "sum" else n
        out.append({"key": str(key), "label": label, "value": value, "count": n})
    return out


def part_values(figure: Figure, union, when: When, scope: Scope, *, qs: QuerySet | None = None) -> list[dict]:
    """Each part's value, in the parts' own order (one grouped query when the parts are a field's values)."""
    qs = record_list(figure, union, when, scope) if qs is None else qs
    parts = figure.parts(union, when)
    if figure.part_field:
        return _part_rows(figure, parts, _grouped(figure, qs))
    out = []
    for key, label in parts:
        value, n = _measure(figure, _part(figure, qs, key, when))
        out.append({"key": str(key), "label": label, "value": value, "count": n})
    return out


def monthly(figure: Figure, union, when: When, scope: Scope | None = None) -> list[dict]:
    """The figure's records per month of the year (for the charts): twelve rows, each a part of the figure."""
    qs = record_list(figure, union, when, scope or Scope()).order_by()
    agg = {"count": Count("pk")}
    if figure.measure == "sum":
        agg["total"] = Sum(figure.sum_field)
    rows = {r["month"].month if hasattr(r["month"], "month") else None: r
            for r in qs.annotate(month=TruncMonth(figure.date_field)).values("month").annotate(**agg)}
    out = []
    for m in range(1, 13):
        row = rows.get(m, {})
        n = row.get("count", 0)
        out.append({"month": m, "value": money(row.get("total")) if figure.measure == "sum" else n,
                    "count": n})
    return out


def choices_parts(choices) -> Callable:
    """Parts from a TextChoices class: every choice, in its declared order."""
    return lambda union, when: [(c.value, c.label) for c in choices]


def scope_values(figure: Figure, union, when: When, kind: str) -> dict:
    """The figure for every unit (``kind="unit"``) or group of the union in grouped queries: {id: value}
    (None: the records without one). Equal to ``compute`` with that scope, one query instead of one per scope."""
    if figure.is_rate:
        num = scope_values(_FIGURES[figure.numerator], union, when, kind)
        den = scope_values(_FIGURES[figure.denominator], union, when, kind)
        return {k: (round(100.0 * num.get(k, 0) / d, 1) if d else None) for k, d in den.items()}
    path = f"{figure.unit_field if kind == 'unit' else figure.group_field}_id"
    agg = {"value": Sum(figure.sum_field) if figure.measure == "sum" else Count("pk")}
    rows = figure.records(union, when).order_by().values(path).annotate(**agg)
    return {r[path]: money(r["value"]) if figure.measure == "sum" else r["value"] for r in rows}


# --- Across unions: a federation's roll-up ---------------------------------------------------------------------
# Every figure's ``records(union, when)`` filters its records by one union. To compute a figure for many unions in
# one query, the records are built once for a probe union no database holds, and each ``<lookup> = probe`` in the
# query's WHERE becomes ``<lookup> IN (the unions)``; the same column is what the query groups by. The figure's
# definition is untouched: the rows are exactly the union of each union's ``record_list``.
PROBE_UNION_ID = -20260712
_WIDENED: set[str] = set()  # figures whose widened query was checked to hold no probe left (in a subquery)


@dataclass
class UnionValue:
    value: object  # int (count), Decimal (sum), float | None (rate)
    count: int  # the records counted (a rate: its numerator's)
    denominator: int | None = None  # a rate's denominator count


class UnionIn(In):
    """``union IN (the unions)``; on PostgreSQL ``union = ANY(%s)`` with the ids as one array parameter. A
    federation has a thousand unions: as a thousand placeholders, the driver's parsing of the statement and the
    preparing of each id cost more Python time than a small figure's whole query (bench/p7_figures.py)."""

    def get_prep_lookup(self):
        return [int(pk) for pk in self.rhs]  # primary keys: nothing to prepare one by one

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, self.rhs)


def _swap_probe(node, union_ids: list[int], found: list) -> None:
    from django.db.models.expressions import Col
    from django.db.models.lookups import Exact
    from django.db.models.sql.where import WhereNode

    for i, child in enumerate(node.children):
        if isinstance(child, WhereNode):
            _swap_probe(child, union_ids, found)
        elif isinstance(child, Exact) and isinstance(child.lhs, Col) and child.rhs == PROBE_UNION_ID:
            found.append(child.lhs)
            node.children[i] = UnionIn(child.lhs, union_ids)


def across_unions(figure: Figure, union_ids: list[int], when: When) -> tuple[QuerySet, object] | None:
    """The figure's records over all ``union_ids`` and the column naming each record's union; None when its
    records cannot be widened (a union filter hidden in a subquery, or none at all)."""
    from unionhome.core.models import Union

    qs = figure.records(Union(pk=PROBE_UNION_ID), when).order_by()
    found: list = []
    _swap_probe(qs.query.where, list(union_ids), found)
    if not found:
        return None
    if union_ids and figure.key not in _WIDENED:  # checked once per figure: its query's shape does not change
        _sql, params = qs.query.sql_with_params()
        if PROBE_UNION_ID in params:
            return None
        _WIDENED.add(figure.key)
    return qs, found[0]


def union_values(figure: Figure, union_ids, when: When) -> dict[int, UnionValue]:
    """The figure for each union of ``union_ids``: one grouped query (GROUP BY union) per figure, two for a rate.
    Equal to ``compute(figure, union, when)`` for each union; a union without records has a zero (a rate: None
    without a denominator)."""
    ids = [int(pk) for pk in union_ids]
    if figure.is_rate:
        num = union_values(_FIGURES[figure.numerator], ids, when)
        den = union_values(_FIGURES[figure.denominator], ids, when)
        return {pk: UnionValue(rate(num[pk].count, den[pk].count), num[pk].count, den[pk].count) for pk in ids}
    zero = money(0) if figure.measure == "sum" else 0
    out = {pk: UnionValue(zero, 0) for pk in ids}
    if not ids:
        return out
    across = across_unions(figure, ids, when)
    if across is None:  # one query per union: correct, slower; tests/test_figures_across.py keeps this unused
        from unionhome.core.models import Union

        for union in Union.objects.filter(pk__in=ids):
            v = compute(figure, union, when, with_parts=False)
            out[union.pk] = UnionValue(v.value, v.count)
        return out
    qs, column = across
    agg = {"n": Count("pk")}
    if figure.measure == "sum":
        agg["total"] = Sum(figure.sum_field)
    for row in qs.annotate(fed_union=column).values("fed_union").annotate(**agg):
        value = money(row["total"]) if figure.measure == "sum" else row["n"]
        out[row["fed_union"]] = UnionValue(value, row["n"])
    return out


def rate(numerator: int, denominator: int) -> float | None:
    """A rate figure's value: percent with one decimal, None without a denominator (as ``compute``)."""
    return round(100.0 * numerator / denominator, 1) if denominator else None


def total(figure: Figure, values: dict[int, UnionValue]) -> UnionValue:
    """The federation's figure over the unions: counts and sums added up from the exact per-union values, a
    rate as the total numerator over the total denominator (never an average or a sum of rounded rates)."""
    count = sum(v.count for v in values.values())
    if figure.is_rate:
        den = sum(v.denominator or 0 for v in values.values())
        return UnionValue(rate(count, den), count, den)
    if figure.measure == "sum":
        return UnionValue(money(sum((v.value for v in values.values()), Decimal(0))), count)
    return UnionValue(count, count)

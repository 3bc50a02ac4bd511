"""Reads behind the figure pages and the figures API: which figure, for whom, in which scope and year."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from unionhome.core import figures as registry
from unionhome.core.figures import Figure, Scope, When
from unionhome.core.scoping import get_in_union_or_404
from unionhome.org.models import UnionGroup, Unit

FIRST_YEAR = 2000


def year_of(value) -> int:
    """The year asked for; anything else (missing, not a number, out of range) is this year."""
    this_year = timezone.localdate().year
    try:
        year = int(value or this_year)
    except (TypeError, ValueError):
        return this_year
    return year if FIRST_YEAR <= year <= this_year + 1 else this_year


def years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 5, -1))


def figure_for(ctx, key: str) -> Figure:
    """The registered figure, if the user may see it: 404 for an unknown key, 403 without its permission."""
    figure = registry.get(key)
    if figure is None or ctx.union is None:
        raise Http404
    if not ctx.has(figure.perm):
        raise PermissionDenied
    return figure


def scope_for(figure: Figure, union, param: str | None) -> Scope:
    """``union``, ``unit:<id>`` or ``group:<id>`` of this union (404 for another union's or a scope the figure has not)."""
    if not param or param == "union":
        return Scope(label=union.name)
    kind, _sep, raw = param.partition(":")
    if kind not in figure.scopes or kind == "union" or not raw.isdigit() or len(raw) > 12:
        raise Http404
    model = Unit if kind == "unit" else UnionGroup
    obj = get_in_union_or_404(model, union, pk=int(raw))
    return Scope(kind=kind, id=obj.pk, label=obj.name)


def scope_choices(figure: Figure, union) -> list[tuple[str, str]]:
    choices = [("union", union.name)]
    if "unit" in figure.scopes:
        choices += [(f"unit:{u.pk}", u.name) for u in Unit.objects.filter(union=union)]
    if "group" in figure.scopes:
        choices += [(f"group:{g.pk}", g.name) for g in UnionGroup.objects.filter(union=union)]
    return choices


def part_for(figure: Figure, union, when: When, part: str | None) -> dict | None:
    if part is None or figure.parts is None:
        return None
    match = next(((k, label) for k, label in figure.parts(union, when) if str(k) == part), None)
    if match is None:
        raise Http404
    return {"key": str(match[0]), "label": match[1]}


def shows_people(ctx, figure: Figure) -> bool:
    return bool(figure.person_perm) and ctx.has(figure.person_perm)


def table(ctx, figure: Figure, records) -> tuple[list, list[list]]:
    """The list's columns and rows, without the personal columns for who may not see people."""
    target = registry.get(figure.numerator) if figure.is_rate else figure
    people = shows_people(ctx, target)
    columns = [c for c in target.columns if people or not c.personal]
    return [c.label for c in columns], [[c.value(r) for c in columns] for r in records]

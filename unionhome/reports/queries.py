"""Reads of the report: the figures as computed for a draft (from the registry, never recounted), the charts'
data, the narrative with its placeholders filled in, and the drafts and versions a page lists."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.core import figures as registry
from unionhome.core.charts import Chart, Series, fmt, to_svg
from unionhome.core.figures import Scope, When
from unionhome.reports.models import Draft, Kind, Template, Version
from unionhome.reports.sections import Section, sections

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w]*(?:\.[\w]+)+)\s*\}\}")
FIRST_RECORDS = 5  # records named per figure in the appendix; the rest are in the 台账 bundle


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text or "")


def unknown_placeholders(texts: dict) -> list[str]:
    return sorted({k for t in texts.values() for k in placeholders(t) if registry.get(k) is None})


def shown(value, unit_word: str = "", *, rate: bool = False) -> str:
    """A figure as the text prints it: 37人次, 12,345.00元, 96.5%."""
    if value is None:
        return "—"
    if rate:
        return f"{float(value):.1f}%"
    if isinstance(value, str):  # a stored Decimal
        value = Decimal(value)
    return f"{fmt(value)}{unit_word}"


def when_for(year: int, as_of: dt.date | None = None) -> When:
    return When.for_year(year, today=as_of or timezone.localdate())


def _labels(figure, union, when: When) -> list[str]:
    """The first records behind a figure, each named by its columns that name no person."""
    target = registry.get(figure.numerator) if figure.is_rate else figure
    columns = [c for c in target.columns if not c.personal]
    records = registry.record_list(figure, union, when, Scope())[:FIRST_RECORDS]
    return [" ".join(str(c.value(r)) for c in columns if str(c.value(r) or "")) for r in records]


def figure_snapshot(union, when: When, keys: list[str]) -> dict:
    """Each figure as computed now: what the document prints, what a later generation compares with, and what
    the appendix lists (definition, period, scope, count, the first records)."""
    out = {}
    for key in keys:
        figure = registry.get(key)
        if figure is None:
            continue
        value = registry.compute(figure, union, when)
        raw = value.value
        out[key] = {
            "name": str(figure.name), "shown": shown(raw, str(figure.unit_word), rate=figure.is_rate),
            "value": None if raw is None else str(raw), "count": value.count,
            "definition": str(figure.definition), "period": str(registry.LABELS[figure.period]),
            "scope": str(registry.SCOPE_LABELS["union"]),
            "parts": [[str(p["label"]), str(p["value"])] for p in value.parts],
            "records": _labels(figure, union, when),
        }
    return out


def chart_data(section: Section, union, when: When, snapshot: dict) -> list[dict]:
    """The data of a section's charts (stored with the version, so the document draws what it counted)."""
    out = []
    for spec in section.charts:
        figure = registry.get(spec.figure)
        if figure is None:
            continue
        if spec.kind == "monthly":
            rows = registry.monthly(figure, union, when)
            categories = [_("%(month)s月") % {"month": r["month"]} for r in rows]
            values = [str(r["value"]) for r in rows]
        else:
            parts = snapshot.get(spec.figure, {}).get("parts") or []
            categories, values = [p[0] for p in parts], [p[1] for p in parts]
        out.append({"section": section.key, "figure": spec.figure, "kind": "columns" if spec.kind == "monthly" else "hbar",
                    "title": str(spec.title or figure.name), "unit": str(figure.unit_word),
                    "name": str(figure.name), "categories": categories, "values": values})
    return out


def fill(text: str, figures: dict, changed: dict | None = None) -> list[tuple[str, str]]:
    """The text cut into runs: ``("text", s)``, ``("figure", shown)`` and ``("changed", shown)`` for a figure
    whose value differs from the previous generation's. A placeholder of a figure not computed reads 【缺】."""
    changed = changed or {}
    runs, pos = [], 0
    for m in PLACEHOLDER.finditer(text or ""):
        if m.start() > pos:
            runs.append(("text", text[pos:m.start()]))
        key = m.group(1)
        fig = figures.get(key)
        if fig is None:
            runs.append(("missing", _("【缺：%(key)s】") % {"key": key}))
        else:
            runs.append(("changed" if key in changed else "figure", fig["shown"]))
        pos = m.end()
    if pos < len(text or ""):
        runs.append(("text", text[pos:]))
    return runs


def latest(draft: Draft | None) -> Version | None:
    if draft is None or draft.pk is None:
        return None
    return draft.versions.order_by("-number").first()


def generated_before(draft: Draft, number: int | None = None) -> Version | None:
    """The latest generated version (up to ``number``): the figures a version's narrative is printed with."""
    if draft is None or draft.pk is None:
        return None
    qs = draft.versions.filter(source=Version.Source.GENERATED)
    if number is not None:
        qs = qs.filter(number__lte=number)
    return qs.order_by("-number").first()


def draft_for(union, year: int, kind: str) -> Draft | None:
    return Draft.objects.filter(union=union, year=year, kind=kind).first()


def texts_of(draft: Draft | None, kind: str, version: Version | None = None) -> dict:
    """The narrative of each section: the version's, else the draft's latest, else the sections' starting text."""
    version = version or latest(draft)
    stored = version.texts if version else {}
    return {s.key: stored.get(s.key, s.default_text(kind)) for s in sections(kind)}


@dataclass
class SectionView:
    section: Section
    text: str
    figures: list[dict]  # {"key", "name", "shown", "changed_from", "missing"}
    runs: list
    charts: list = field(default_factory=list)  # [(Chart, svg)]: the charts the Word document embeds


def chart_of(data: dict) -> Chart:
    """A stored chart's data (``chart_data``) as the engine's chart: the page draws it as SVG, the document as PNG."""
    values = [None if v in (None, "None") else int(v) if re.fullmatch(r"-?\d+", str(v)) else Decimal(v)
              for v in data["values"]]  # a count stays a whole number (1人次, not 1.00人次); money keeps its cents
    key = data["figure"].replace(".", "_") + ("_monthly" if data["kind"] == "columns" else "")  # unique in the page
    return Chart(key=key, title=data["title"], categories=data["categories"],
                 series=[Series(data["name"], values)], kind=data["kind"], unit=data["unit"])


def charts_shown(generated: Version | None, section_key: str) -> list[Chart]:
    """The section's charts of the generated version that have something to show (the document leaves out a chart
    of nothing but zeros, and so does the page)."""
    if generated is None:
        return []
    return [chart_of(c) for c in generated.charts
            if c["section"] == section_key and any(v not in ("0", "0.00") for v in c["values"])]


def section_views(kind: str, texts: dict, generated: Version | None) -> list[SectionView]:
    figures = generated.figures if generated else {}
    changed = generated.changed if generated else {}
    out = []
    for s in sections(kind):
        rows = []
        for key in s.figures:
            fig = figures.get(key)
            rows.append({"key": key, "name": fig["name"] if fig else key, "shown": fig["shown"] if fig else "",
                         "changed_from": changed.get(key), "missing": key in s.missing()})
        text = texts.get(s.key, "")
        charts = [(c, to_svg(c)) for c in charts_shown(generated, s.key)]
        out.append(SectionView(s, text, rows, fill(text, figures, changed), charts))
    return out


def drafts(union) -> list[Draft]:
    return list(Draft.objects.filter(union=union).order_by("-year", "kind"))


def template_current(union) -> Template | None:
    """The union's own report template in use (the newest), without its content."""
    return Template.objects.filter(union=union).only("name", "created_at").first()


def templates_recent(union, limit: int = 10):
    return Template.objects.filter(union=union).defer("content")[:limit]


def version_of(draft: Draft, number: int) -> Version | None:
    return draft.versions.filter(number=number).first()


def kind_label(kind: str) -> str:
    return str(Kind(kind).label)


def placeholder_choices() -> list[tuple[str, str]]:
    """Every registered figure a text may name: ``{{ key }}`` and its name."""
    return [(f.key, str(f.name)) for f in registry.figures()]

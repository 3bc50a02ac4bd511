"""One chart engine: a chart is laid out once as shapes, then written as SVG (pages) or PNG (documents).

Written by hand on purpose: the charts the union needs are bars (horizontal for named categories, columns for the
months), a few dozen shapes each. An SVG written here is a few kilobytes inline in the page, loads nothing from any
host, carries its own ``<title>`` and ``<desc>`` for screen readers and follows the page's font; the same shapes
drawn with Pillow (already a dependency, for photos) give the PNG a Word document embeds, with the Noto CJK font
Debian ships (``fonts-noto-cjk``). matplotlib would add ~40 MB and its own font handling for the same bars, and
pygal needs cairo for PNG.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

PALETTE = ["#2f6fb0", "#e0893a", "#3f8f52", "#a8456b", "#6b5fb0", "#8a7a2f"]
FONT_PATHS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]
FONT = 12
WIDTH = 560


@dataclass
class Series:
    name: str
    values: list  # numbers (int, float, Decimal) or None, one per category


@dataclass
class Chart:
    key: str
    title: str
    categories: list[str]
    series: list[Series]
    kind: str = "hbar"  # hbar: a row per category; columns: a column group per category (months)
    unit: str = ""  # shown after each value: %, 元, 人…
    max_value: float | None = None  # a fixed scale (100 for rates); otherwise the largest value
    links: list[str] = field(default_factory=list)  # per category: the list of its records
    note: str = ""

    def rows(self) -> list[dict]:
        """The data table beside the chart: one row per category, a cell per series."""
        return [{"label": cat, "url": self.links[i] if i < len(self.links) else "",
                 "cells": [fmt(s.values[i]) for s in self.series]} for i, cat in enumerate(self.categories)]

    @property
    def empty(self) -> bool:
        return not any(v for s in self.series for v in s.values)


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"  # start | middle | end
    size: int = FONT
    fill: str = "#212529"


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = "#ced4da"


def fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def text_width(text: str, size: int = FONT) -> float:
    """An estimate good enough for layout: a Chinese character is one em, a Latin one a little over half."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.6 for ch in text)


def _number(value) -> float:
    return float(value) if value is not None else 0.0


def _scale(chart: Chart) -> float:
    top = chart.max_value or max((_number(v) for s in chart.series for v in s.values), default=0)
    return top if top > 0 else 1.0


def layout(chart: Chart) -> tuple[int, int, list]:
    return _columns(chart) if chart.kind == "columns" else _hbars(chart)


def _legend(chart: Chart, y: float) -> list:
    shapes, x = [], 0.0
    if len(chart.series) < 2:
        return shapes
    for i, s in enumerate(chart.series):
        shapes += [Rect(x, y - 10, 12, 12, PALETTE[i % len(PALETTE)]), Text(x + 16, y, s.name)]
        x += 16 + text_width(s.name) + 18
    return shapes


def _hbars(chart: Chart) -> tuple[int, int, list]:
    n = len(chart.series)
    bar, gap = 14, 8
    label_w = min(180, max((text_width(c) for c in chart.categories), default=40) + 8)
    value_w = max((text_width(fmt(v) + chart.unit) for s in chart.series for v in s.values), default=30) + 8
    plot_w = WIDTH - label_w - value_w
    top = 24 if n > 1 else 4
    shapes = _legend(chart, 14)
    top_value = _scale(chart)
    y = top
    for i, cat in enumerate(chart.categories):
        group_h = n * bar
        shapes.append(Text(label_w - 6, y + group_h / 2 + 4, _clip(cat, label_w - 8), anchor="end"))
        for j, s in enumerate(chart.series):
            value = s.values[i]
            w = max(0.0, plot_w * _number(value) / top_value)
            shapes.append(Rect(label_w, y + j * bar, w, bar - 2, PALETTE[j % len(PALETTE)]))
            shapes.append(Text(label_w + w + 4, y + j * bar + bar - 4, fmt(value) + (chart.unit if value is not None
                                                                                        else ""), size=11))
        y += group_h + gap
    shapes.append(Line(label_w, top - 2, label_w, y - gap + 2, "#6c757d"))
    return WIDTH, int(y + 4), shapes


def _columns(chart: Chart) -> tuple[int, int, list]:
    n, count = len(chart.series), max(1, len(chart.categories))
    left, bottom, plot_h = 8, 22, 180
    top = 24 if n > 1 else 16
    slot = (WIDTH - left) / count
    bar = max(3.0, (slot - 6) / max(1, n))
    top_value = _scale(chart)
    shapes = _legend(chart, 14)
    base = top + plot_h
    shapes += [Line(left, base, WIDTH, base, "#6c757d"), Line(left, top, WIDTH, top),
               Text(WIDTH, top - 4, fmt(top_value if chart.max_value else _max_label(chart)) + chart.unit, size=10,
                    anchor="end", fill="#6c757d")]
    for i, cat in enumerate(chart.categories):
        x = left + i * slot + 3
        for j, s in enumerate(chart.series):
            h = plot_h * _number(s.values[i]) / top_value
            shapes.append(Rect(x + j * bar, base - h, bar - 1, h, PALETTE[j % len(PALETTE)]))
        shapes.append(Text(left + i * slot + slot / 2, base + 15, _clip(cat, slot), anchor="middle", size=11))
    return WIDTH, int(base + bottom), shapes


def _max_label(chart: Chart):
    return max((v for s in chart.series for v in s.values if v is not None), default=0)


def _clip(text: str, width: float) -> str:
    while text and text_width(text) > width:
        text = text[:-2] + "…" if len(text) > 2 else text[:-1]
    return text


def to_svg(chart: Chart) -> str:
    """The chart as inline SVG: scales to the page width, names itself and points to its data table."""
    width, height, shapes = layout(chart)
    cid = f"chart-{chart.key}"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'class="chart" data-chart="{escape(chart.key)}" aria-labelledby="{cid}-title" '
           f'aria-describedby="{cid}-desc" style="max-width:{width}px;height:auto;font-family:inherit">',
           f'<title id="{cid}-title">{escape(chart.title)}</title>',
           f'<desc id="{cid}-desc">{escape(chart.note or chart.title)}</desc>']
    for s in shapes:
        if isinstance(s, Rect):
            out.append(f'<rect x="{s.x:.1f}" y="{s.y:.1f}" width="{s.w:.1f}" height="{s.h:.1f}" fill="{s.fill}"/>')
        elif isinstance(s, Line):
            out.append(f'<line x1="{s.x1:.1f}" y1="{s.y1:.1f}" x2="{s.x2:.1f}" y2="{s.y2:.1f}" stroke="{s.stroke}"/>')
        else:
            out.append(f'<text x="{s.x:.1f}" y="{s.y:.1f}" font-size="{s.size}" fill="{s.fill}" '
                       f'text-anchor="{s.anchor}">{escape(s.text)}</text>')
    out.append("</svg>")
    return "".join(out)


def _font(size: int):
    from PIL import ImageFont

    path = os.environ.get("UNIONHOME_CHART_FONT") or next((p for p in FONT_PATHS if os.path.exists(p)), None)
    if path is None:
        return ImageFont.load_default()
    return ImageFont.truetype(path, size)


def to_png(chart: Chart, *, scale: int = 2) -> bytes:
    """The same shapes drawn with Pillow, ``scale`` times larger (sharp when a document prints it)."""
    from PIL import Image, ImageDraw

    width, height, shapes = layout(chart)
    title_h = 28
    image = Image.new("RGB", (width * scale, (height + title_h) * scale), "white")
    draw = ImageDraw.Draw(image)
    fonts: dict[int, object] = {}

    def font(size):
        if size not in fonts:
            fonts[size] = _font(size * scale)
        return fonts[size]

    draw.text((0, 18 * scale), chart.title, fill="#212529", font=font(14), anchor="ls")
    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for s in shapes:
        if isinstance(s, Rect):
            if s.w > 0 and s.h > 0:
                draw.rectangle([s.x * scale, (s.y + title_h) * scale, (s.x + s.w) * scale - 1,
                                (s.y + s.h + title_h) * scale - 1], fill=s.fill)
        elif isinstance(s, Line):
            draw.line([s.x1 * scale, (s.y1 + title_h) * scale, s.x2 * scale, (s.y2 + title_h) * scale],
                      fill=s.stroke, width=scale)
        else:
            draw.text((s.x * scale, (s.y + title_h) * scale), s.text, fill=s.fill, font=font(s.size),
                      anchor=anchors[s.anchor])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()

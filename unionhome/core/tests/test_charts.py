"""The one chart engine: the same layout as SVG for pages and PNG for documents, each with its data table."""
import io
from decimal import Decimal

from PIL import Image

from unionhome.core.charts import Chart, Series, layout, to_png, to_svg


def chart(**kw):
    return Chart(key="t", title="支出预算与实际", categories=["职工活动支出", "维权支出"],
                 series=[Series("预算", [Decimal("100.00"), Decimal("40.00")]), Series("实际", [Decimal("50.00"), None])],
                 **kw)


def test_bars_are_proportional_to_their_values_and_a_missing_value_draws_nothing():
    _w, _h, shapes = layout(chart())
    bars = [s for s in shapes if type(s).__name__ == "Rect" and s.y > 10]  # not the legend
    widths = [b.w for b in bars]
    assert widths[0] == 2 * widths[1] and widths[3] == 0 and abs(widths[2] / widths[0] - 0.4) < 1e-9


def test_the_svg_names_itself_for_screen_readers_and_escapes_text():
    svg = to_svg(Chart(key="k", title="A & <B>", categories=["<x>"], series=[Series("s", [3])]))
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title id=\"chart-k-title\">A &amp; &lt;B&gt;</title>" in svg
    assert "&lt;x&gt;" in svg and "<x>" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_the_png_is_an_image_of_the_same_chart_at_twice_the_size():
    width, height, _shapes = layout(chart())
    image = Image.open(io.BytesIO(to_png(chart())))
    assert image.format == "PNG" and image.size[0] == 2 * width and image.size[1] > 2 * height
    colours = {c for _n, c in image.getcolors(1_000_000)}
    assert (47, 111, 176) in colours  # the first series' bars are drawn


def test_columns_for_the_months_and_the_data_table_rows():
    months = Chart(key="m", title="每月", categories=[f"{m}月" for m in range(1, 13)], kind="columns",
                   series=[Series("收入", list(range(12)))])
    assert to_svg(months).count("<rect") == 12
    rows = chart(links=["/a", "/b"]).rows()
    assert rows[0] == {"label": "职工活动支出", "url": "/a", "cells": ["100.00", "50.00"]} and rows[1]["cells"][1] == "—"
    assert Chart(key="e", title="空", categories=["a"], series=[Series("s", [0])]).empty

"""P8: the annual report through docxtpl (``reports.document.render``, the template a union edits in Word) against
python-docx writing the same content directly; and a 2,000-row table without quadratic code.

    .venv/bin/python bench/p8_annual_report.py [--repeat 5]

Target (shared performance.md): ≤ 2× python-docx writing the same content directly. Both sides write the same
document: the letterhead, the title, nine sections of narrative with figure runs (changed ones highlighted), the
figure tables, seven chart PNGs (drawn once beforehand by ``core/charts.py`` and embedded by both: drawing the
charts is the same cost either way) and the appendix table; both save to bytes. The content is a union's year as
the demo generates it (20 figures); the second case is the same document whose appendix has 2,000 rows, at 1,000
and 2,000 rows to show the time per row stays flat. No database: the version's figures are built in memory.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._common import machine

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhome.settings")


def _setup():
    import django

    django.setup()


def _version(figures_n: int, appendix_rows: int):
    from django.utils import timezone

    from unionhome.reports.models import Draft, Version
    from unionhome.reports.sections import sections

    keys = [k for s in sections() for k in s.figures][:figures_n]
    figures = {}
    for i in range(max(appendix_rows, len(keys))):
        key = keys[i] if i < len(keys) else f"bench.row{i}"
        figures[key] = {"name": f"指标{i}", "shown": f"{i * 7}人次", "value": str(i * 7), "count": i * 7,
                        "definition": "本年度登记的慰问（结婚、生育、住院、去世、退休、节日、生日），按慰问日期计。",
                        "period": "本年度内", "scope": "全工会", "parts": [],
                        "records": [f"2026-03-{d:02d} 财政局 住院 300.00" for d in range(1, 6)]}
    charts = []
    for s in sections():
        for c in s.charts:
            charts.append({"section": s.key, "figure": c.figure, "kind": "hbar", "title": str(c.title), "unit": "人",
                           "name": "图", "categories": [f"类{j}" for j in range(8)], "values": [str(j * 3 + 1) for j in range(8)]})
    changed = {keys[0]: "1人次", keys[3]: "5人次"}
    draft = Draft(year=2026, kind="annual")
    version = Version(draft=draft, number=2, source="generated", figures=figures, charts=charts, changed=changed,
                      as_of=dt.date(2026, 12, 31), computed_at=timezone.now())
    texts = {s.key: (str(s.text) + "\n") * 3 for s in sections()}
    return draft, version, texts


class _Union:
    name = "示范县政府机关工会"


def _docxtpl(draft, version, texts, template: bytes) -> bytes:
    from unionhome.reports import document

    return document.render(template, union=_Union(), draft=draft, texts=texts, generated=version, marks=True,
                           plan_items=[])


def _python_docx(draft, version, texts, pngs: dict) -> bytes:
    """The same content written directly with python-docx (styles set in code, no template)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
    from docx.shared import Mm, Pt, RGBColor

    from unionhome.core.docx import new_document
    from unionhome.reports import queries
    from unionhome.reports.sections import sections

    doc: Document = new_document(size=16)
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(_Union.name)
    run.font.size, run.font.color.rgb = Pt(26), RGBColor(0xC0, 0, 0)
    doc.add_paragraph(f"{_Union.name}{draft.year}年度工作总结").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("（2026年度 · 数据截至2026年12月31日）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("【修改稿说明】与上次生成相比，有2项数字发生变化。").runs[0].font.highlight_color = WD_COLOR_INDEX.YELLOW
    for s in sections():
        doc.add_heading(str(s.heading), level=1)
        for line in texts[s.key].split("\n"):
            if not line.strip():
                continue
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(32)
            for kind, text in queries.fill(line, version.figures, version.changed):
                r = p.add_run(text)
                if kind == "changed":
                    r.bold, r.font.highlight_color = True, WD_COLOR_INDEX.YELLOW
        rows = [version.figures[k] for k in s.figures if k in version.figures]
        if rows:
            table = doc.add_table(rows=1, cols=3)
            for cell, text in zip(table.rows[0].cells, ("指标", "数值", "统计口径"), strict=True):
                cell.text = text
            for f in rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text, cells[2].text = f["name"], f["shown"], f["period"]
        for c in version.charts:
            if c["section"] == s.key:
                doc.add_picture(io.BytesIO(pngs[c["title"]]), width=Mm(150))
                doc.add_paragraph(c["title"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(_Union.name).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_page_break()
    doc.add_paragraph("数据来源说明").alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ("序号", "指标", "数值", "定义、期间与范围", "所依据的记录"), strict=True):
        cell.text = text
    for n, f in enumerate(version.figures.values(), 1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(n), f["name"], f["shown"]
        cells[3].text = f"{f['definition']}\n{f['period']}；{f['scope']}"
        cells[4].text = f"共{f['count']}条：\n" + "\n".join(f["records"])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    _setup()
    from unionhome.core import charts as chart_engine
    from unionhome.reports import document

    template = document.default_template()
    # Draw each chart once; both sides embed the same PNG bytes.
    pngs: dict[str, bytes] = {}
    real_png = chart_engine.to_png

    def cached(chart, **kw):
        if chart.title not in pngs:
            pngs[chart.title] = real_png(chart, **kw)
        return pngs[chart.title]

    document.to_png = cached
    results = []
    for label, rows in (("a union's year (20 figures)", 20), ("appendix 1,000 rows", 1000), ("appendix 2,000 rows", 2000)):
        draft, version, texts = _version(20, rows)
        _docxtpl(draft, version, texts, template)  # warm up, draws the charts once
        tpl_min, tpl_med = _best(lambda: _docxtpl(draft, version, texts, template), args.repeat)
        raw_min, raw_med = _best(lambda: _python_docx(draft, version, texts, pngs), args.repeat)
        results.append((label, rows, tpl_min, raw_min))
        print(f"{label}: docxtpl {tpl_min * 1000:.0f} ms (median {tpl_med * 1000:.0f}) vs python-docx "
              f"{raw_min * 1000:.0f} ms (median {raw_med * 1000:.0f}) = {tpl_min / raw_min:.2f}×")
    per_1000 = results[1][2] / 1000
    per_2000 = results[2][2] / 2000
    ratio = max(r[2] / r[3] for r in results)
    verdict = "PASS" if ratio <= 2 and per_2000 <= per_1000 * 1.3 else "MISS"
    print(f"P8 {verdict} (target ≤ 2×, per-row time flat): worst ratio {ratio:.2f}×; per appendix row "
          f"{per_1000 * 1e6:.0f} µs at 1,000 vs {per_2000 * 1e6:.0f} µs at 2,000 ({per_2000 / per_1000:.2f}×)")
    print(machine(), dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"))


if __name__ == "__main__":
    main()

"""The report as Word, through docxtpl: the union's template (or the default one in ``docx/``) filled with the
narrative, the figures of the generated version, its charts (PNG from ``core/charts.py``) and the appendix.

docxtpl because a union edits the template in Word — its letterhead, fonts, spacing — and keeps its styles, while
the platform fills the Jinja tags (``{{ union_name }}``, ``{%p for s in sections %}``…); python-docx alone would
put the layout in code, where a union cannot change it.
"""
from __future__ import annotations

import io
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, RichText

from unionhome.core.charts import to_png
from unionhome.core.docx import clean, cn_date
from unionhome.reports import queries
from unionhome.reports.models import Kind, Version
from unionhome.reports.sections import sections

DEFAULT_TEMPLATE = Path(__file__).with_name("docx") / "report_template.docx"
MARK = "FFFF00"  # docxtpl writes it as the run's shading (w:shd), a hex colour


def default_template() -> bytes:
    return DEFAULT_TEMPLATE.read_bytes()


def _rich(runs, marks: bool) -> RichText:
    rt = RichText()
    for kind, text in runs:
        text = clean(text)
        if kind == "changed" and marks:
            rt.add(text, bold=True, highlight=MARK)
        elif kind == "missing":
            rt.add(text, color="C00000")
        else:
            rt.add(text)
    return rt


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n") if p.strip()]


def _plan_paragraphs(items: list[dict]) -> list[str]:
    """The plan's items, one paragraph each (``plans.queries.plan_summary`` rows, wired by the lead)."""
    out = []
    for i, item in enumerate(items, 1):
        links = _("；").join(_("%(label)s（%(date)s）") % {"label": r.get("label", ""), "date": cn_date(r.get("date"))}
                            for r in item.get("links") or item.get("records") or [])
        text = _("（%(n)s）%(title)s：目标%(target)s，完成%(figure)s，%(status)s。%(comment)s") % {
            "n": i, "title": item.get("title", ""), "target": item.get("target", "") or "—",
            "figure": item.get("figure", "") if item.get("figure") is not None else "—",
            "status": item.get("status", ""), "comment": item.get("comment", "")}
        out.append(text + (_("相关记录：%(links)s。") % {"links": links} if links else ""))
    return out


def _chart_image(tpl: DocxTemplate, chart) -> InlineImage:
    return InlineImage(tpl, io.BytesIO(to_png(chart)), width=Mm(150))


def context(tpl: DocxTemplate | None, *, union, draft, texts: dict, generated: Version | None, marks: bool = True,
            as_of=None, plan_items: list | None = None) -> dict:
    figures = generated.figures if generated else {}
    changed = (generated.changed if generated else {}) if marks else {}
    annual = draft.kind == Kind.ANNUAL
    out_sections = []
    for s in sections(draft.kind):
        paras = [_rich(queries.fill(p, figures, changed), marks) for p in _paragraphs(texts.get(s.key, ""))]
        if s.key == "plan" and plan_items:
            paras += [_rich([("text", p)], marks) for p in _plan_paragraphs(plan_items)]
        rows = []
        if annual:
            for key in s.figures:
                fig = figures.get(key)
                if fig is None:
                    continue
                shown = RichText()
                if key in changed:
                    shown.add(fig["shown"], bold=True, highlight=MARK)
                    shown.add(_("（上次：%(old)s）") % {"old": changed[key]}, size=20)
                else:
                    shown.add(fig["shown"])
                rows.append({"name": fig["name"], "shown": shown, "period": fig["period"]})
        charts = []
        if annual and generated and tpl is not None:
            charts = [{"title": c.title, "image": _chart_image(tpl, c)} for c in queries.charts_shown(generated, s.key)]
        out_sections.append({"key": s.key, "heading": str(s.heading), "paragraphs": paras, "rows": rows, "charts": charts})

    appendix = []
    if annual:
        for n, (key, fig) in enumerate(figures.items(), 1):
            definition = RichText(clean(fig["definition"]))
            definition.add("\n" + _("%(period)s；%(scope)s") % {"period": fig["period"], "scope": fig["scope"]})
            shown_records = [clean(r) for r in fig.get("records", [])]
            records = _("共%(count)s条") % {"count": fig["count"]}
            if shown_records:
                records += _("：") + "\n" + "\n".join(shown_records)
            if fig["count"] > len(shown_records):
                records += "\n" + _("其余见台账材料“%(name)s”") % {"name": fig["name"]}
            appendix.append({"n": n, "name": fig["name"], "shown": fig["shown"], "definition": definition,
                             "records": RichText(records)})

    computed = timezone.localtime(generated.computed_at) if generated and generated.computed_at else None
    subtitle = _("（%(year)s年度）") % {"year": draft.year}
    if generated:
        subtitle = _("（%(year)s年度 · 数据截至%(as_of)s，%(computed)s计算）") % {
            "year": draft.year, "as_of": cn_date(generated.as_of),
            "computed": cn_date(computed.date()) + computed.strftime(" %H:%M") if computed else ""}
    marks_note = None
    if changed:
        marks_note = RichText()
        marks_note.add(_("【修改稿说明】与上次生成相比，有%(n)s项数字发生变化，已用黄色标出：%(names)s。定稿前请核对。") % {
            "n": len(changed), "names": _("、").join(figures[k]["name"] for k in changed if k in figures)},
            highlight=MARK)
    title = _("%(union)s%(year)s年度工作总结") if annual else _("%(union)s集体典型事迹材料")
    return {
        "union_name": clean(union.name), "title": clean(title % {"union": union.name, "year": draft.year}),
        "subtitle": subtitle, "marks_note": marks_note, "sections": out_sections,
        "date_text": cn_date(timezone.localdate()), "appendix": appendix,
        "appendix_note": _("本文数字均由平台按登记的统计口径从当年台账记录计算，不手工填写；每项数字列出所依据记录的条数和前%(n)s条。")
        % {"n": queries.FIRST_RECORDS},
        "year": draft.year, "kind": draft.kind,
    }


def render(template: bytes, **kwargs) -> bytes:
    tpl = DocxTemplate(io.BytesIO(template))
    tpl.render(context(tpl, **kwargs), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()

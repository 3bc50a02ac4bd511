"""Builds ``report_template.docx``, the default Word template of the annual report, with python-docx.

Run ``.venv/bin/python -m unionhome.reports.docx.build_template`` after changing it; the .docx beside it is what
the platform uses and what a union downloads to edit in Word (keeping the ``{{ … }}`` / ``{%p … %}`` tags: docxtpl,
Jinja in Word). Conventions of GB/T 9704 (党政机关公文格式): A4, margins 37/35/28/26 mm, body 仿宋_GB2312 三号 (16 pt)
on a 28 pt line, headings 黑体 三号, the title 方正小标宋简体 二号 (22 pt), page numbers "- 1 -" in 宋体 四号 at the
foot. A computer without a font substitutes the one named as its ``altName`` in the font table (仿宋, 黑体, 宋体).
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).with_name("report_template.docx")
BODY, HEADING, TITLE, KAI, SONG = "仿宋_GB2312", "黑体", "方正小标宋简体", "楷体_GB2312", "宋体"
ALT = {BODY: "仿宋", TITLE: "宋体", KAI: "楷体", HEADING: "SimHei", SONG: "SimSun"}


def _fonts(style_or_run, east: str, latin: str = "Times New Roman") -> None:
    rpr = style_or_run.element.get_or_add_rPr() if hasattr(style_or_run, "element") else style_or_run._r.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):  # a theme font wins over a name
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:eastAsia"), east)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _style(doc, name: str, *, east: str, size: float, base: str = "Normal", indent: bool = False,
           align=None, bold: bool = False, line: float | None = 28, kind=WD_STYLE_TYPE.PARAGRAPH):
    style = doc.styles[name] if name in [s.name for s in doc.styles] else doc.styles.add_style(name, kind)
    if name != "Normal":
        style.base_style = doc.styles[base]
    _fonts(style, east)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    color = style.element.rPr.find(qn("w:color"))
    for attr in ("w:themeColor", "w:themeShade"):  # a theme colour wins over the value
        color.attrib.pop(qn(attr), None)
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):  # the default Title's blue rule
        ppr.remove(border)
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    if line:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.first_line_indent = Pt(size * 2) if indent else Pt(0)
    if align is not None:
        fmt.alignment = align
    return style


def _para(doc, text: str = "", style: str = "Normal", align=None):
    p = doc.add_paragraph(text, style=style)
    if align is not None:
        p.alignment = align
    return p


def _page_number(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run("- ")
    _fonts(run, SONG)
    run.font.size = Pt(14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    field.append(r)
    p._p.append(field)
    run = p.add_run(" -")
    _fonts(run, SONG)
    run.font.size = Pt(14)


def _table(doc, header: list[str], loop: str, cells: list[str], widths: list[float]):
    table = doc.add_table(rows=4, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = [header, [loop] + [""] * (len(header) - 1), cells, ["{%tr endfor %}"] + [""] * (len(header) - 1)]
    for row, texts in zip(table.rows, rows, strict=True):
        for i, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            cell.width = Mm(widths[i])
            cell.paragraphs[0].style = doc.styles["UH Table"]
            cell.paragraphs[0].add_run(text).bold = row is table.rows[0]
    return table


def _font_table_alt_names(doc) -> None:
    """Name a fallback for each Chinese official font in the font table (Word and LibreOffice read ``altName``)."""
    from lxml import etree

    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    for name, alt in ALT.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt_el = etree.SubElement(font, qn("w:altName"))
        alt_el.set(qn("w:val"), alt)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build() -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)

    _style(doc, "Normal", east=BODY, size=16)
    _style(doc, "UH Body", east=BODY, size=16, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(doc, "Heading 1", east=HEADING, size=16, indent=True)
    _style(doc, "UH Letterhead", east=TITLE, size=26, align=WD_ALIGN_PARAGRAPH.CENTER, line=None)
    _style(doc, "Title", east=TITLE, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, line=None)
    _style(doc, "UH Subtitle", east=KAI, size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    _style(doc, "UH Caption", east=KAI, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _style(doc, "UH Table", east=BODY, size=12, line=None)
    _style(doc, "UH Signature", east=BODY, size=16, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _style(doc, "UH Note", east=KAI, size=12, line=None)
    doc.styles["Heading 1"].paragraph_format.keep_with_next = True

    # 版头: the union's name in red over a red rule.
    head = _para(doc, "", "UH Letterhead")
    run = head.add_run("{{ union_name }}")
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "4"), ("w:color", "C00000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    head._p.get_or_add_pPr().append(borders)
    _para(doc, "")
    _para(doc, "{{ title }}", "Title")
    _para(doc, "{{ subtitle }}", "UH Subtitle")
    _para(doc, "{%p if marks_note %}")
    _para(doc, "{{r marks_note }}", "UH Note")
    _para(doc, "{%p endif %}")
    _para(doc, "")

    _para(doc, "{%p for s in sections %}")
    _para(doc, "{{ s.heading }}", "Heading 1")
    _para(doc, "{%p for para in s.paragraphs %}")
    _para(doc, "{{r para }}", "UH Body")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p if s.rows %}")
    _table(doc, ["指标", "数值", "统计口径"], "{%tr for f in s.rows %}", ["{{ f.name }}", "{{r f.shown }}", "{{ f.period }}"],
           [70, 45, 40])
    _para(doc, "{%p endif %}")
    _para(doc, "{%p for c in s.charts %}")
    _para(doc, "{{ c.image }}", "UH Caption")
    _para(doc, "{{ c.title }}", "UH Caption")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endfor %}")

    _para(doc, "")
    _para(doc, "{{ union_name }}", "UH Signature")
    _para(doc, "{{ date_text }}", "UH Signature")

    _para(doc, "{%p if appendix %}")
    annex = _para(doc, "附件", "Normal")
    annex.paragraph_format.page_break_before = True
    _fonts(annex.runs[0], HEADING)
    _para(doc, "数据来源说明", "Title")
    _para(doc, "{{ appendix_note }}", "UH Note")
    _table(doc, ["序号", "指标", "数值", "定义、期间与范围", "所依据的记录"], "{%tr for a in appendix %}",
           ["{{ a.n }}", "{{ a.name }}", "{{ a.shown }}", "{{r a.definition }}", "{{r a.records }}"], [10, 28, 22, 50, 46])
    _para(doc, "{%p endif %}")

    _page_number(section)
    _font_table_alt_names(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def main() -> None:
    OUT.write_bytes(build())
    sys.stdout.write(f"{OUT}\n")


if __name__ == "__main__":
    main()

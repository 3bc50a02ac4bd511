"""The score sheet as a workbook (.xlsx) and as a Word document (.docx), with the evidence of each line: the
figure and its value for automatic lines, the note and the attached files for manual ones. The 台账 bundle
includes them: ``sheet_files(union, year)``."""
from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from unionhome.assessment.models import Criterion
from unionhome.assessment.queries import Sheet, assessment_for, sheet
from unionhome.core import figures as registry
from unionhome.core.audit import audit_log
from unionhome.core.docx import DOCX_TYPE, clean, cn_date, new_document, to_bytes
from unionhome.core.xlsx import XlsxWriter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _evidence(sl) -> str:
    if sl.criterion.method == Criterion.Method.AUTO:
        figure = registry.get(sl.criterion.figure)
        name = str(figure.name) if figure else sl.criterion.figure
        return _("登记数字“%(name)s”：%(value)s") % {"name": name, "value": sl.shown or "—"}
    files = _("；").join(e.name for e in sl.evidence)
    return _("；").join(p for p in (sl.line.note, _("佐证：%(files)s") % {"files": files} if files else "") if p)


def _status(s: Sheet) -> str:
    if s.frozen:
        return _("已于%(day)s提交") % {"day": cn_date(timezone.localtime(s.assessment.submitted_at).date())}
    return _("自评中（自动评分项按%(day)s的数字计）") % {"day": cn_date(timezone.localdate())}


def sheet_xlsx(s: Sheet) -> bytes:
    buf = io.BytesIO()
    writer = XlsxWriter(buf, sheet=_("%(year)s年职工之家自评") % {"year": s.assessment.year})
    writer.header([_("编号"), _("方面"), _("评分项目"), _("评分方式"), _("分值"), _("得分"), _("一票否决"), _("评分依据与佐证"),
                   _("标准来源")], [8, 14, 30, 14, 8, 8, 12, 60, 40])
    for sl in s.lines:
        c = sl.criterion
        writer.write([c.code, c.area, c.title, c.get_method_display(), float(c.points),
                      float(sl.points) if sl.points is not None else None,
                      (_("未达标") if sl.vetoed else _("达标")) if c.veto else "", _evidence(sl), c.source])
    writer.write([])
    writer.write(["", "", _("合计"), "", float(s.full), float(s.total),
                  _("一票否决") if s.vetoes else "", _status(s), ""])
    writer.close()
    return buf.getvalue()


def sheet_docx(s: Sheet) -> bytes:
    a = s.assessment
    doc = new_document(size=11)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(clean(_("%(union)s%(year)s年度职工之家建设自评表") % {"union": a.union.name, "year": a.year}))
    run.bold, run.font.size = True, Pt(18)
    doc.add_paragraph(clean(_status(s)))
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, (_("评分项目"), _("分值"), _("得分"), _("评分依据与佐证"), _("标准来源")),
                          strict=True):
        cell.text = text
    for area, lines in s.areas:
        row = table.add_row().cells
        row[0].merge(row[4]).text = clean(area)
        for sl in lines:
            c = sl.criterion
            row = table.add_row().cells
            veto = (_("（一票否决项：未达标）") if sl.vetoed else _("（一票否决项）")) if c.veto else ""
            row[0].text = clean(f"{c.code} {c.title}{veto}")
            row[1].text = str(c.points)
            row[2].text = "" if sl.points is None else str(sl.points)
            row[3].text = clean(_evidence(sl))
            row[4].text = clean(c.source)
    row = table.add_row().cells
    row[0].text, row[1].text, row[2].text = _("合计"), str(s.full), str(s.total)
    if s.vetoes:
        p = doc.add_paragraph()
        p.add_run(clean(_("一票否决：%(items)s未达到规定标准。") % {
            "items": _("、").join(sl.criterion.title for sl in s.vetoes)})).bold = True
    return to_bytes(doc)


def sheet_files(union, year: int) -> dict[str, bytes]:
    """The year's score sheet for the 台账 bundle: {file name: bytes} (.xlsx and .docx); empty without a sheet."""
    assessment = assessment_for(union, year)
    if assessment is None:
        return {}
    s = sheet(assessment)
    stem = _("%(year)s年职工之家自评表") % {"year": year}
    return {f"{stem}.xlsx": sheet_xlsx(s), f"{stem}.docx": sheet_docx(s)}


def sheet_export(*, actor, assessment, kind: str) -> tuple[bytes, str, str, str]:
    """The sheet downloaded from a page or the API (audited): (bytes, file name, ASCII fallback, content type)."""
    s = sheet(assessment)
    year = assessment.year
    stem = _("%(year)s年职工之家自评表") % {"year": year}
    audit_log(actor=actor, action="assessment.sheet.downloaded", target=assessment, note=kind)
    if kind == "xlsx":
        return sheet_xlsx(s), f"{stem}.xlsx", f"assessment-{year}.xlsx", XLSX_TYPE
    return sheet_docx(s), f"{stem}.docx", f"assessment-{year}.docx", DOCX_TYPE

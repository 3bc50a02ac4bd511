"""Roster export to Excel and the downloadable import template.

Exports have the template's columns, so an exported file can be corrected and imported again.
ID numbers and mobiles are masked unless the user holds ``members.reveal`` and asks for them in
full (PIPL art.51, GB/T 35273 §7.1–7.2); every export leaves one audit row with the row count, the
SHA-256 of the file produced and whether it was unmasked.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import dataclass
from typing import IO

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from unionhome.core import idcard
from unionhome.core.audit import audit_log
from unionhome.core.crypto import mask_value
from unionhome.core.errors import Forbidden, RuleViolation
from unionhome.core.text import refuse_unsafe
from unionhome.core.xlsx import XlsxWriter, neutralise
from unionhome.members.choices import ETHNICITIES, Education, EmploymentStatus, MembershipStatus, PoliticalStatus
from unionhome.members.importing import COLUMNS

TEMPLATE_ROWS = 20000  # rows of the template that carry the drop-down lists


@dataclass
class ExportFile:
    file: IO[bytes]
    rows: int
    sha256: str
    filename: str


def _labels(choices) -> dict[str, str]:
    with translation.override("zh-hans"):
        return {value: str(label) for value, label in choices}


def _tmpfile() -> IO[bytes]:
    fh = tempfile.NamedTemporaryFile(prefix="unionhome-export-", suffix=".xlsx", delete=False)
    os.unlink(fh.name)  # gone from the disk when the response closes the handle
    return fh


def _sha256(fh: IO[bytes]) -> str:
    fh.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: fh.read(1 << 20), b""):
        digest.update(chunk)
    fh.seek(0)
    return digest.hexdigest()


def roster_export(*, actor, union, workers: QuerySet, unmasked: bool = False, may_reveal: bool = False,
                  filters: dict | None = None, reason: str = "", progress=None) -> ExportFile:
    """Write ``workers`` (already scoped and filtered for the user) to an xlsx and audit the export.

    Full ID numbers and mobiles only with a stated purpose (PIPL art.6, GB/T 35273 §7.2), kept in the audit row.
    """
    if unmasked and not may_reveal:
        raise Forbidden("reveal_not_allowed", _("您没有导出完整身份证号和手机号的权限"))
    reason = (reason or "").strip()
    if unmasked and not reason:
        raise RuleViolation("export_reason_required", _("导出完整身份证号和手机号须填写用途"), field="reason")
    if unmasked:
        refuse_unsafe(field="reason", label=_("用途"), value=reason)
    gender, employment = _labels([("M", _("男")), ("F", _("女"))]), _labels(EmploymentStatus.choices)
    political, education = _labels(PoliticalStatus.choices), _labels(Education.choices)
    membership = _labels(MembershipStatus.choices)
    show = (lambda v: v or "") if unmasked else mask_value
    fh = _tmpfile()
    writer = XlsxWriter(fh, sheet=_("花名册"))
    writer.header([c.title for c in COLUMNS], [c.width for c in COLUMNS])
    rows = 0
    qs = workers.select_related("unit", "group", "membership").order_by("name_pinyin", "id")
    for w in qs.iterator(chunk_size=2000):
        m = getattr(w, "membership", None)
        writer.write([w.name, gender.get(w.gender, ""), w.ethnicity, w.birth_date, show(w.id_number), show(w.mobile),
                      w.unit.name if w.unit else "", w.group.name if w.group else "", w.post,
                      employment.get(w.employment_status, ""), political.get(w.political_status, ""),
                      education.get(w.education, ""), m.joined_on if m else "", m.card_number if m else "",
                      membership.get(m.status, "") if m else ""])
        rows += 1
        if progress is not None and rows % 2000 == 0:
            progress(rows)
    writer.close()
    sha = _sha256(fh)
    audit_log(actor=actor, action="members.roster.exported", union=union, target_label=_("导出名单 %(rows)s 人") % {"rows": rows},
              after={"rows": rows, "sha256": sha, "unmasked": bool(unmasked), "filters": filters or {},
                     **({"reason": reason} if unmasked else {})},
              note=(_("完整身份证号/手机号；用途：%(reason)s") % {"reason": reason} if unmasked else _("脱敏")))
    return ExportFile(file=fh, rows=rows, sha256=sha, filename=_("花名册-%(localdate)s.xlsx") % {"localdate": format(timezone.localdate(), '%Y%m%d')})


def roster_template(*, union) -> ExportFile:
    """The import template: Chinese headers, an example row, drop-down lists on a hidden sheet."""
    import xlsxwriter

    from unionhome.org.models import UnionGroup, Unit

    fh = _tmpfile()
    book = xlsxwriter.Workbook(fh, {"strings_to_formulas": False, "strings_to_urls": False,
                                    "strings_to_numbers": False})
    sheet = book.add_worksheet(_("花名册"))
    lists = book.add_worksheet(_("选项"))
    head = book.add_format({"bold": True, "bg_color": "#F2DEDE", "border": 1})
    required = book.add_format({"bold": True, "bg_color": "#F2DEDE", "border": 1, "font_color": "#B00020"})
    example = book.add_format({"italic": True, "font_color": "#808080"})
    example_date = book.add_format({"italic": True, "font_color": "#808080", "num_format": "yyyy-mm-dd"})
    text = book.add_format({"num_format": "@"})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    born = dt.date(1985, 3, 1)
    sample = {c.key: c.example for c in COLUMNS}
    sample.update(name="示例：张三", id_number=idcard.make("110101", born, 1, "M"), birth_date=born)
    units = list(Unit.objects.filter(union=union).values_list("name", flat=True))
    groups = list(UnionGroup.objects.filter(union=union).values_list("name", flat=True))
    sample["unit"], sample["group"] = (units[:1] or [""])[0], (groups[:1] or [""])[0]
    choices = {"gender": [_("男"), _("女")], "ethnicity": ETHNICITIES, "unit": units, "group": groups,
               "employment_status": list(_labels(EmploymentStatus.choices).values()),
               "political_status": list(_labels(PoliticalStatus.choices).values()),
               "education": list(_labels(Education.choices).values()),
               "membership_status": [_("在会"), _("保留会籍")]}
    for col, c in enumerate(COLUMNS):
        sheet.write_string(0, col, c.title + ("*" if c.required else ""), required if c.required else head)
        fmt = date if c.key in ("birth_date", "joined_on") else text
        sheet.set_column(col, col, c.width, fmt)
        value = sample[c.key]
        if isinstance(value, dt.date):
            sheet.write_datetime(1, col, value, example_date)
        elif value:
            sheet.write_string(1, col, neutralise(str(value)), example)
        options = choices.get(c.key)
        if options is not None:
            lists.write_string(0, col, c.title)
            for i, option in enumerate(options, start=1):
                lists.write_string(i, col, neutralise(option))
            if options:
                letter = xlsxwriter.utility.xl_col_to_name(col)
                sheet.data_validation(1, col, TEMPLATE_ROWS, col, {
                    "validate": "list", "source": f"='{lists.name}'!${letter}$2:${letter}${len(options) + 1}",
                    "error_title": c.title, "error_message": _("请从下拉列表中选择%(title)s") % {"title": c.title}})
    sheet.freeze_panes(1, 0)
    lists.hide()
    book.close()
    return ExportFile(file=fh, rows=0, sha256=_sha256(fh), filename=_("花名册导入模板.xlsx"))

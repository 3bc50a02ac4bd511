"""Writing the 台账 bundle: the parts' files go into a zip (ZIP_DEFLATED) on a file as they are produced, never
the whole bundle in memory; uploaded evidence is copied from Django's storage in chunks. The index (xlsx and docx)
lists every record with its date, the registered figure it counts toward and its evidence files in the zip."""
from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

import xlsxwriter
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.core.docx import clean, cn_date, new_document, to_bytes
from unionhome.core.errors import RuleViolation
from unionhome.funds.export import safe_text
from unionhome.records.items import AREA_LABELS, AREAS, BundleFile, IndexRow, folder
from unionhome.records.parts import PARTS


def index_paths() -> tuple[str, str]:
    """The index's two files in the zip (in the reader's language)."""
    stem = _("00-台账索引/台账索引")
    return f"{stem}.xlsx", f"{stem}.docx"
CHUNK = 1 << 20


@dataclass
class Written:
    rows: list[IndexRow]
    files: list[str]
    records: int  # index rows that are records (not only a file)


def empty_message(year: int) -> str:
    return _("%(year)s年度没有任何台账记录（会员、活动、会议、慰问、学习、经费等均无记录），无法生成台账包") % {"year": year}


def bundle_write(fh: IO[bytes], *, union, year: int, reveal: bool,
                 progress: Callable[[int, int, str], None] | None = None) -> Written:
    """Write the year's bundle to ``fh`` (an open binary file). Refuses a year without a single record."""
    rows: list[IndexRow] = []
    files: list[str] = []
    used: set[str] = set()
    evidence: list[tuple[BundleFile, str]] = []
    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for i, part in enumerate(PARTS):
            if progress is not None:
                progress(i, len(PARTS) + 1, str(AREA_LABELS[part.area]))
            for item in part.produce(union=union, year=year, reveal=reveal):
                if isinstance(item, IndexRow):
                    rows.append(item)
                    continue
                path = _unique(f"{folder(item.area)}/{item.name}", used)
                if item.data is not None:
                    zf.writestr(path, item.data)
                elif not _copy(zf, item.storage_name, path):
                    rows.append(IndexRow(area=item.area, on=item.on, record=_("%(title)s：文件缺失") % {"title": item.title}, counted=0,
                                         ref=None))
                    continue
                files.append(path)
                evidence.append((item, path))
        records = sum(r.counted for r in rows)
        if not records:
            raise RuleViolation("bundle_empty", empty_message(year))
        by_ref = {}
        for row in rows:
            if row.ref is not None:
                by_ref.setdefault(row.ref, row)
        for item, path in evidence:
            row = by_ref.get(item.ref) if item.ref is not None else None
            if row is None:
                row = IndexRow(area=item.area, on=item.on, record=item.title, ref=item.ref)
                rows.append(row)
                if item.ref is not None:
                    by_ref[item.ref] = row
            row.files.append(path)
        order = {key: i for i, (key, _label) in enumerate(AREAS)}
        rows.sort(key=lambda r: (order[r.area], r.on or dt.date.max, r.figure, r.record))
        if progress is not None:
            progress(len(PARTS), len(PARTS) + 1, _("编制索引"))
        index = index_paths()
        zf.writestr(index[0], index_xlsx(union, year, rows, reveal=reveal))
        zf.writestr(index[1], index_docx(union, year, rows, reveal=reveal))
    return Written(rows=rows, files=files + list(index), records=records)


def _unique(path: str, used: set[str]) -> str:
    stem, dot, ext = path.rpartition(".")
    candidate, n = path, 1
    while candidate in used:
        n += 1
        candidate = f"{stem}-{n}.{ext}" if dot else f"{path}-{n}"
    used.add(candidate)
    return candidate


def _copy(zf: zipfile.ZipFile, name: str, path: str) -> bool:
    if not name or not default_storage.exists(name):
        return False
    with default_storage.open(name, "rb") as src, zf.open(path, "w", force_zip64=True) as dst:
        shutil.copyfileobj(src, dst, CHUNK)
    return True


def _mode(reveal: bool) -> str:
    return _("含完整姓名和会员证号") if reveal else _("个人信息已脱敏")


def index_xlsx(union, year: int, rows: list[IndexRow], *, reveal: bool) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    title = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2", "text_wrap": True})
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet(_("台账索引"))
    sheet.write(0, 0, safe_text(_("%(union)s %(year)s年度台账索引") % {"union": union.name, "year": year}), title)
    sheet.write(1, 0, safe_text(_("生成时间：%(when)s\u3000%(mode)s") % {
        "when": timezone.localtime().strftime("%Y-%m-%d %H:%M"), "mode": _mode(reveal)}))
    header = [_("序号"), _("考核方面"), _("日期"), _("记录"), _("计入的统计数字"), _("佐证文件")]
    for i, (name, width) in enumerate(zip(header, [6, 12, 11, 50, 28, 50])):
        sheet.set_column(i, i, width)
        sheet.write(3, i, name, head)
    for n, r in enumerate(rows, start=1):
        sheet.write_row(3 + n, 0, [n, str(AREA_LABELS[r.area]), r.on.isoformat() if r.on else "",
                                   safe_text(r.record), safe_text(r.figure), safe_text("\n".join(r.files))], cell)
    sheet.freeze_panes(4, 0)
    sheet.autofilter(3, 0, 3 + len(rows), len(header) - 1)
    book.close()
    return out.getvalue()


def index_docx(union, year: int, rows: list[IndexRow], *, reveal: bool) -> bytes:
    doc = new_document(size=10.5)
    doc.add_heading(clean(_("%(union)s %(year)s年度台账索引") % {"union": union.name, "year": year}), level=1)
    doc.add_paragraph(clean(_("生成日期：%(on)s\u3000%(mode)s\u3000共%(n)s条记录") % {
        "on": cn_date(timezone.localdate()), "mode": _mode(reveal), "n": len(rows)}))
    for key, label in AREAS:
        mine = [r for r in rows if r.area == key]
        if not mine:
            continue
        doc.add_heading(clean(str(label)), level=2)
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for i, text in enumerate([_("日期"), _("记录"), _("计入的统计数字"), _("佐证文件")]):
            table.rows[0].cells[i].text = text
        for r in mine:
            cells = table.add_row().cells
            cells[0].text = r.on.isoformat() if r.on else ""
            cells[1].text = clean(r.record)
            cells[2].text = clean(r.figure)
            cells[3].text = clean("\n".join(r.files))
    return to_bytes(doc)

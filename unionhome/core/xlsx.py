"""Safe reading and writing of .xlsx files.

Reading: an upload is refused *before* any parsing when it is too large, is not a zip
(renamed CSV, EXE, old .xls), is not an Excel workbook, has too many zip entries, or
would unpack to far more than its size (zip bomb). Only then does python-calamine read it.
Limits come from settings ``UNIONHOME_MAX_UPLOAD_BYTES``, ``UNIONHOME_MAX_UNPACKED_BYTES`` and
``UNIONHOME_MAX_UNPACK_RATIO`` (OWASP ASVS 5.2.2 magic bytes, 5.2.3 unpacked size and file count).
Then the sheet's XML is streamed (``scan_xlsx``) before the reader sees it: the reader allocates one slot
for every cell of the rectangle from A1 to the farthest cell, so one cell at XFD1048576 in a 2 KB file
asks for 17 billion slots. The farthest column is bounded (``UNIONHOME_XLSX_MAX_COLUMNS``) and the
rectangle by the cells really there (``XLSX_SPARSE_RATIO`` times them plus ``XLSX_SPARSE_SLACK``, never
more than ``UNIONHOME_XLSX_MAX_CELLS``), so memory follows the content.

Writing: xlsxwriter in constant-memory mode; every text cell that a spreadsheet would
take for a formula (= + - @ tab CR, ASVS 1.2.10 "CSV/formula injection") is prefixed with '.
"""
from __future__ import annotations

import datetime as dt
import io
import logging
import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext

from unionhome.core.errors import RuleViolation

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old binary .xls / .doc
MAX_ZIP_ENTRIES_DEFAULT = 500
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")
MAX_COLUMNS_DEFAULT = 256  # the roster template has 15; Excel allows 16384
MAX_CELLS_DEFAULT = 20_000_000  # a million-row roster of 15 columns fits; ≈ 700 MB in the reader
XLSX_SPARSE_RATIO = 16  # the rectangle may hold this many times the cells really filled ...
XLSX_SPARSE_SLACK = 1_000_000  # ... plus this many (≈ 35 MB), for half-empty optional columns
EXCEL_MAX_ROWS, EXCEL_MAX_COLUMNS = 1_048_576, 16_384
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class XlsxLimits:
    max_bytes: int
    max_unpacked: int
    max_ratio: int
    max_entries: int
    max_columns: int = MAX_COLUMNS_DEFAULT
    max_cells: int = MAX_CELLS_DEFAULT

    @classmethod
    def from_settings(cls) -> XlsxLimits:
        return cls(max_bytes=settings.UNIONHOME_MAX_UPLOAD_BYTES, max_unpacked=settings.UNIONHOME_MAX_UNPACKED_BYTES,
                   max_ratio=settings.UNIONHOME_MAX_UNPACK_RATIO,
                   max_entries=getattr(settings, "UNIONHOME_MAX_ZIP_ENTRIES", MAX_ZIP_ENTRIES_DEFAULT),
                   max_columns=getattr(settings, "UNIONHOME_XLSX_MAX_COLUMNS", MAX_COLUMNS_DEFAULT),
                   max_cells=getattr(settings, "UNIONHOME_XLSX_MAX_CELLS", MAX_CELLS_DEFAULT))


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}MB"


def inspect_xlsx(path: str | Path, limits: XlsxLimits | None = None) -> None:
    """Raise ``RuleViolation`` (Chinese message) unless ``path`` looks like a harmless xlsx.

    Reads only the first bytes and the zip's central directory: never decompresses anything.
    """
    limits = limits or XlsxLimits.from_settings()
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        raise RuleViolation("file_empty", gettext("文件是空的"))
    if size > limits.max_bytes:
        raise RuleViolation("file_too_large", gettext("文件过大（%(mb)s），上限为 %(mb2)s") % {"mb": _mb(size), "mb2": _mb(limits.max_bytes)})
    with path.open("rb") as fh:
        head = fh.read(4)
    if head == OLE_MAGIC:
        if _is_encrypted_ooxml(path):  # Excel keeps a password-protected .xlsx in an OLE container too
            raise RuleViolation("file_encrypted", gettext("文件设有打开密码，无法读取。请在 Excel 中取消密码（文件→信息→保护工作簿）后重新上传"))
        raise RuleViolation("file_old_xls", gettext("这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 后再上传"))
    if head != ZIP_MAGIC:
        raise RuleViolation("file_not_xlsx", gettext("文件不是 Excel（.xlsx）文件，请使用下载的模板填写后上传"))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise RuleViolation("file_not_xlsx", gettext("文件已损坏或不是 Excel（.xlsx）文件"))
    if len(infos) > limits.max_entries:
        raise RuleViolation("file_too_many_entries",
                            gettext("文件内部包含 %(len)s 个部件（上限 %(max_entries)s），疑似恶意文件，已拒绝") % {"len": len(infos), "max_entries": limits.max_entries})
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise RuleViolation("file_not_xlsx", gettext("文件不是 Excel（.xlsx）工作簿"))
    unpacked = sum(i.file_size for i in infos)
    if unpacked > limits.max_unpacked:
        raise RuleViolation("file_unpacks_too_large",
                            gettext("文件解压后达 %(mb)s（上限 %(mb2)s），疑似压缩炸弹，已拒绝") % {"mb": _mb(unpacked), "mb2": _mb(limits.max_unpacked)})
    if unpacked > limits.max_ratio * size:
        raise RuleViolation("file_unpack_ratio",
                            gettext("文件解压后是原大小的 %(value)s 倍（上限 %(max_ratio)s 倍），疑似压缩炸弹，已拒绝") % {"value": unpacked // size, "max_ratio": limits.max_ratio})


@dataclass(frozen=True)
class Sheet:
    name: str
    part: str  # its XML inside the zip, e.g. "xl/worksheets/sheet1.xml"
    hidden: bool


@dataclass
class SheetScan:
    """What streaming the workbook found: its sheets, the first sheet's extent and merged ranges."""

    sheets: list[Sheet] = field(default_factory=list)
    cells: int = 0  # cells of the first sheet holding a value
    max_row: int = 0  # 1-based; 0 when the sheet is empty
    max_col: int = 0
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based first row, col, last row, col
    other_sheets_with_data: list[str] = field(default_factory=list)  # visible sheets after the first


def column_letters(col: int) -> str:
    """1 → A, 16384 → XFD."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_position(ref: str) -> tuple[int, int] | None:
    """"XFD1048576" → (1048576, 16384), 1-based; None when not a cell reference inside Excel's grid."""
    match = _CELL_REF.match(ref or "")
    if not match:
        return None
    col = 0
    for ch in match.group(1).upper():
        col = col * 26 + ord(ch) - 64
    row = int(match.group(2))
    if not (1 <= row <= EXCEL_MAX_ROWS and 1 <= col <= EXCEL_MAX_COLUMNS):
        return None
    return row, col


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _broken() -> RuleViolation:
    return RuleViolation("file_unreadable", gettext("无法读取该 Excel 文件（文件内容已损坏），请在 Excel 中打开后另存为 .xlsx 再上传"))


def _sheets(zf: zipfile.ZipFile) -> list[Sheet]:
    """The workbook's sheets in their order (the reader's "first sheet" is the first here)."""
    try:
        rels: dict[str, str] = {}
        with zf.open("xl/_rels/workbook.xml.rels") as fh:
            for _event, elem in ElementTree.iterparse(fh):
                if _local(elem.tag) == "Relationship" and elem.get("Id") and elem.get("Target"):
                    target = elem.get("Target")
                    rels[elem.get("Id")] = (target.lstrip("/") if target.startswith("/")
                                            else posixpath.normpath(posixpath.join("xl", target)))
        sheets = []
        with zf.open("xl/workbook.xml") as fh:
            for _event, elem in ElementTree.iterparse(fh):
                if _local(elem.tag) == "sheet":
                    rid = elem.get(f"{{{_REL_NS}}}id") or elem.get(f"{{{_STRICT_REL_NS}}}id")
                    sheets.append(Sheet(name=elem.get("name", ""), part=rels.get(rid, ""),
                                        hidden=elem.get("state", "visible") != "visible"))
    except (KeyError, ElementTree.ParseError, OSError, zipfile.BadZipFile, EOFError):
        raise _broken()
    return sheets


def _iter_cells(fh) -> Iterator[tuple[str, object]]:
    """("dimension", ref), ("merge", ref) and ("cell", (row, col)) of each cell holding a value, streamed:
    every element is cleared once read, so memory stays small whatever the sheet's size."""
    row = col = 0
    has_value = False
    parent = None
    for event, elem in ElementTree.iterparse(fh, events=("start", "end")):
        name = _local(elem.tag)
        if event == "start":
            if name == "sheetData":
                parent = elem
            elif name == "row":
                r = elem.get("r")
                row = int(r) if r and r.isdigit() else row + 1
                col = 0
            elif name == "c":
                ref = elem.get("r")
                if ref:
                    pos = cell_position(ref)
                    if pos is None:
                        raise RuleViolation("file_bad_cell", gettext("文件中有无效的单元格位置“%(value)s”，请在 Excel 中另存为 .xlsx 后重新上传") % {"value": ref[:20]})
                    row, col = pos  # (a cell's own reference wins over its row's)
                else:
                    col += 1
                has_value = False
            continue
        if name in ("v", "is"):
            has_value = True
        elif name == "c":
            if has_value:
                yield "cell", (row, col)
            elem.clear()
        elif name == "row":
            if parent is not None:
                parent.clear()  # the rows read so far: nothing of them is kept
        elif name == "dimension":
            yield "dimension", elem.get("ref", "")
        elif name == "mergeCell":
            yield "merge", elem.get("ref", "")
            elem.clear()


def _area_ref(ref: str) -> tuple[int, int, int, int] | None:
    first, _, last = (ref or "").partition(":")
    a, b = cell_position(first), cell_position(last or first)
    if a is None or b is None:
        return None
    return min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])


def _refuse_extent(row: int, col: int, cells: int, limits: XlsxLimits, what: str) -> None:
    where = f"{column_letters(col)}{row}"
    if col > limits.max_columns:
        raise RuleViolation("file_too_many_columns",
                            gettext("表格%(what)s延伸到第 %(col)s 列（%(where)s），超出 %(max_columns)s 列的上限。请删除 %(column_letters)s 列以后的内容后重新上传") % {"what": what, "col": col, "where": where, "max_columns": limits.max_columns, "column_letters": column_letters(limits.max_columns)})
    area = row * col
    if area > min(limits.max_cells, XLSX_SPARSE_RATIO * cells + XLSX_SPARSE_SLACK):
        raise RuleViolation("file_sheet_too_sparse",
                            gettext("表格%(what)s从 A1 延伸到 %(where)s（%(area)s 个单元格），而实际只有 %(cells)s 个单元格有内容，无法读取。请删除远离数据区的单元格（如 %(where)s）后重新上传") % {"what": what, "where": where, "area": format(area, ','), "cells": format(cells, ',')})


def scan_xlsx(path: str | Path, limits: XlsxLimits | None = None) -> SheetScan:
    """Stream the workbook's XML (after ``inspect_xlsx``) and refuse a first sheet whose extent is far beyond
    its content; never builds the sheet in memory. Also lists merged ranges and other sheets holding data."""
    limits = limits or XlsxLimits.from_settings()
    scan = SheetScan()
    try:
        with zipfile.ZipFile(path) as zf:
            scan.sheets = _sheets(zf)
            if not scan.sheets or scan.sheets[0].part not in zf.namelist():
                raise _broken()
            with zf.open(scan.sheets[0].part) as fh:
                for kind, value in _iter_cells(fh):
                    if kind == "cell":
                        row, col = value
                        scan.cells += 1
                        if col > scan.max_col:
                            scan.max_col = col
                            if col > limits.max_columns:  # refuse at once, before reading further
                                _refuse_extent(row, col, scan.cells, limits, "")
                        scan.max_row = max(scan.max_row, row)
                    elif kind == "dimension":  # what the file claims, checked before any cell
                        area = _area_ref(value)
                        if area is not None and area[3] > limits.max_columns:
                            _refuse_extent(area[2], area[3], 0, limits, gettext("声明的范围"))
                    elif kind == "merge":
                        area = _area_ref(value)
                        if area is not None:
                            scan.merged.append((area[0] - 1, area[1] - 1, area[2] - 1, area[3] - 1))
            if scan.cells:
                _refuse_extent(scan.max_row, scan.max_col, scan.cells, limits, "")
            for sheet in scan.sheets[1:]:
                if sheet.hidden or sheet.part not in zf.namelist():
                    continue
                with zf.open(sheet.part) as fh:
                    if any(kind == "cell" for kind, _v in _iter_cells(fh)):
                        scan.other_sheets_with_data.append(sheet.name)
    except (ElementTree.ParseError, OSError, zipfile.BadZipFile, EOFError, ValueError):
        raise _broken()
    return scan


@dataclass
class SheetRead:
    scan: SheetScan
    rows: Iterator[list]
    first_col: int = 0  # 0-based column of each row's first value (the reader drops empty leading columns)


def read_sheet(path: str | Path, limits: XlsxLimits | None = None) -> SheetRead:
    """The first sheet (after ``inspect_xlsx`` and ``scan_xlsx``): its rows as lists of
    str/float/bool/date/datetime ('' when empty), and what the scan found."""
    from python_calamine import CalamineError, CalamineWorkbook

    inspect_xlsx(path, limits)
    scan = scan_xlsx(path, limits)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.iter_rows()
        first_col = sheet.start[1] if sheet.start else 0
    except (CalamineError, ValueError, IndexError, OSError) as exc:
        # the reader's own words (XmlError, ZipError ...) mean nothing to the user: logged, not shown
        logger.info("xlsx unreadable: %s: %s", type(exc).__name__, exc)
        raise RuleViolation("file_unreadable", gettext("无法读取该 Excel 文件，请在 Excel 中打开后另存为 .xlsx 再上传"))
    return SheetRead(scan=scan, rows=rows, first_col=first_col)


def _is_encrypted_ooxml(path: Path) -> bool:
    """An encrypted .xlsx is an OLE compound file holding the streams EncryptionInfo and EncryptedPackage
    (MS-OFFCRYPTO §2.3.4); their names are in the directory in UTF-16, which the size limit keeps short to scan."""
    return "EncryptedPackage".encode("utf-16-le") in path.read_bytes()


def read_rows(path: str | Path, limits: XlsxLimits | None = None) -> Iterator[list]:
    """Rows of the first sheet (after ``inspect_xlsx`` and ``scan_xlsx``), as lists of
    str/float/bool/date/datetime ('' when empty)."""
    return read_sheet(path, limits).rows


def neutralise(value: str) -> str:
    """A text cell that Excel/WPS would evaluate as a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


class XlsxWriter:
    """A one-sheet workbook written row by row (constant memory); text cells are neutralised."""

    def __init__(self, target: str | Path | IO[bytes], *, sheet: str = "Sheet1"):
        import xlsxwriter

        self.workbook = xlsxwriter.Workbook(target if not isinstance(target, Path) else str(target),
                                            {"constant_memory": True, "strings_to_formulas": False,
                                             "strings_to_urls": False, "strings_to_numbers": False})
        self.sheet = self.workbook.add_worksheet(sheet)
        self.date_fmt = self.workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.head_fmt = self.workbook.add_format({"bold": True, "bg_color": "#F2DEDE", "border": 1})
        self.row = 0

    def header(self, titles: Iterable[str], widths: Iterable[int] | None = None) -> None:
        titles = list(titles)
        for col, title in enumerate(titles):
            self.sheet.write_string(self.row, col, neutralise(str(title)), self.head_fmt)
        for col, width in enumerate(widths or [14] * len(titles)):
            self.sheet.set_column(col, col, width)
        self.sheet.freeze_panes(1, 0)
        self.row += 1

    def write(self, values: Iterable) -> None:
        sheet, row = self.sheet, self.row
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                sheet.write_string(row, col, neutralise(value))
            elif isinstance(value, bool):
                sheet.write_boolean(row, col, value)
            elif isinstance(value, (int, float)):
                sheet.write_number(row, col, value)
            elif isinstance(value, (dt.date, dt.datetime)):
                sheet.write_datetime(row, col, value, self.date_fmt)
            else:
                sheet.write_string(row, col, neutralise(str(value)))
        self.row += 1

    def close(self) -> None:
        self.workbook.close()


SHEET_NAME_MAX = 31  # Excel's limit
_BAD_SHEET = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


class SheetBook:
    """A small workbook of several sheets in memory (the 台账 bundle's tables): a bold header row, text cells
    neutralised, dates as dates; sheet names cut to Excel's limit and made unique."""

    def __init__(self):
        import xlsxwriter

        self.out = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.out, {"in_memory": True, "strings_to_formulas": False,
                                                   "strings_to_urls": False, "strings_to_numbers": False})
        self.head = self.book.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2", "text_wrap": True})
        self.cell = self.book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        self.date = self.book.add_format({"border": 1, "valign": "top", "num_format": "yyyy-mm-dd"})
        self.names: set[str] = set()

    def sheet(self, name: str, header: list[str], widths: list[int], rows: Iterable[list]) -> None:
        name = (name.translate(_BAD_SHEET).strip("'") or "Sheet")[:SHEET_NAME_MAX]
        base, n = name, 1
        while name.lower() in self.names:
            n += 1
            name = f"{base[:SHEET_NAME_MAX - len(str(n)) - 1]}-{n}"
        self.names.add(name.lower())
        sheet = self.book.add_worksheet(name)
        for col, (title, width) in enumerate(zip(header, widths)):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, str(title), self.head)
        sheet.freeze_panes(1, 0)
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, dt.date):
                    sheet.write_datetime(r, col, dt.datetime.combine(value, dt.time()), self.date)
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    sheet.write_number(r, col, value, self.cell)
                else:
                    sheet.write_string(r, col, neutralise(str(value)), self.cell)

    def close(self) -> bytes:
        self.book.close()
        return self.out.getvalue()

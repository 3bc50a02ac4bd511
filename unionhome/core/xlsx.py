"""Safe reading and writing of .xlsx files.

Reading: an upload is refused *before* any parsing when it is too large, is not a zip
(renamed CSV, EXE, old .xls), is not an Excel workbook, has too many zip entries, or
would unpack to far more than its size (zip bomb). Only then does python-calamine read it.
Limits come from settings ``UNIONHOME_MAX_UPLOAD_BYTES``, ``UNIONHOME_MAX_UNPACKED_BYTES`` and
``UNIONHOME_MAX_UNPACK_RATIO`` (OWASP ASVS 5.2.2 magic bytes, 5.2.3 unpacked size and file count).

Writing: xlsxwriter in constant-memory mode; every text cell that a spreadsheet would
take for a formula (= + - @ tab CR, ASVS 1.2.10 "CSV/formula injection") is prefixed with '.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from django.conf import settings

from unionhome.core.errors import RuleViolation

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old binary .xls / .doc
MAX_ZIP_ENTRIES_DEFAULT = 500
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")


@dataclass(frozen=True)
class XlsxLimits:
    max_bytes: int
    max_unpacked: int
    max_ratio: int
    max_entries: int

    @classmethod
    def from_settings(cls) -> "XlsxLimits":
        return cls(max_bytes=settings.UNIONHOME_MAX_UPLOAD_BYTES, max_unpacked=settings.UNIONHOME_MAX_UNPACKED_BYTES,
                   max_ratio=settings.UNIONHOME_MAX_UNPACK_RATIO,
                   max_entries=getattr(settings, "UNIONHOME_MAX_ZIP_ENTRIES", MAX_ZIP_ENTRIES_DEFAULT))


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
        raise RuleViolation("file_empty", "文件是空的")
    if size > limits.max_bytes:
        raise RuleViolation("file_too_large", f"文件过大（{_mb(size)}），上限为 {_mb(limits.max_bytes)}")
    with path.open("rb") as fh:
        head = fh.read(4)
    if head == OLE_MAGIC:
        raise RuleViolation("file_old_xls", "这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 后再上传")
    if head != ZIP_MAGIC:
        raise RuleViolation("file_not_xlsx", "文件不是 Excel（.xlsx）文件，请使用下载的模板填写后上传")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise RuleViolation("file_not_xlsx", "文件已损坏或不是 Excel（.xlsx）文件")
    if len(infos) > limits.max_entries:
        raise RuleViolation("file_too_many_entries",
                            f"文件内部包含 {len(infos)} 个部件（上限 {limits.max_entries}），疑似恶意文件，已拒绝")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise RuleViolation("file_not_xlsx", "文件不是 Excel（.xlsx）工作簿")
    unpacked = sum(i.file_size for i in infos)
    if unpacked > limits.max_unpacked:
        raise RuleViolation("file_unpacks_too_large",
                            f"文件解压后达 {_mb(unpacked)}（上限 {_mb(limits.max_unpacked)}），疑似压缩炸弹，已拒绝")
    if unpacked > limits.max_ratio * size:
        raise RuleViolation("file_unpack_ratio",
                            f"文件解压后是原大小的 {unpacked // size} 倍（上限 {limits.max_ratio} 倍），疑似压缩炸弹，已拒绝")


def read_rows(path: str | Path, limits: XlsxLimits | None = None) -> Iterator[list]:
    """Rows of the first sheet (after ``inspect_xlsx``), as lists of str/float/bool/date/datetime ('' when empty)."""
    from python_calamine import CalamineError, CalamineWorkbook

    inspect_xlsx(path, limits)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.iter_rows()
    except (CalamineError, ValueError, IndexError, OSError) as exc:
        raise RuleViolation("file_unreadable", f"无法读取该 Excel 文件（{type(exc).__name__}），请另存为 .xlsx 后重试")
    return rows


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

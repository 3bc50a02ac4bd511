"""Builders of roster .xlsx files for the import/export tests."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from unionhome.core import idcard
from unionhome.members.importing import COLUMNS

TITLES = [c.title for c in COLUMNS]


def person(seq: int, *, gender: str = "M", born: dt.date = dt.date(1990, 5, 17), **overrides) -> dict:
    """A valid row (by column title) for a new person; ``overrides`` by column title."""
    row = {"姓名": f"测试{'男' if gender == 'M' else '女'}{seq}", "性别": "男" if gender == "M" else "女", "民族": "汉族",
           "出生日期": born, "身份证号": idcard.make("350102", born, seq, gender), "手机号": f"1390000{seq:04d}",
           "单位": "办公室", "工会小组": "第1小组", "职务/岗位": "科员", "在职状态": "在职", "政治面貌": "群众",
           "学历": "大学本科", "入会日期": dt.date(2015, 7, 1), "会员证号": f"N{seq:05d}", "会籍状态": ""}
    row.update(overrides)
    return row


def write_roster(path: Path, rows: list[dict], titles: list[str] | None = None) -> Path:
    titles = titles or TITLES
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet()
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, titles)
    for r, row in enumerate(rows, start=1):
        for c, title in enumerate(titles):
            value = row.get(title, "")
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, value, date_fmt)
            elif isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            elif value != "":
                sheet.write_string(r, c, str(value))
    book.close()
    return path


def with_cell_at(path: Path, ref: str, *, dimension: str | None = None) -> Path:
    """Rewrite the roster at ``path`` so its sheet also holds a number at ``ref`` (and claims ``dimension``)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    row = re.match(r"[A-Z]+(\d+)", ref).group(1)
    xml = xml.replace("</sheetData>", f'<row r="{row}"><c r="{ref}"><v>1</v></c></row></sheetData>')
    if dimension:
        xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', xml)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path

"""What a real file does is either imported right or said in words: merged cells, other sheets, a name
beginning with 例, a password, an unreadable part, a file with only its header."""
import re
import zipfile

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.core.errors import RuleViolation
from unionhome.core.xlsx import XlsxLimits, inspect_xlsx
from unionhome.members import importing
from unionhome.members.models import Worker
from unionhome.members.tests.io_files import TITLES, person, write_roster

pytestmark = pytest.mark.django_db


def roster_with_merged_unit(path, rows, merge_rows):
    """The roster with its 单位 and 工会小组 columns merged vertically over ``merge_rows`` (1-based data rows)."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("花名册")
    sheet.write_row(0, 0, TITLES)
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    unit_col, group_col = TITLES.index("单位"), TITLES.index("工会小组")
    for r, row in enumerate(rows, start=1):
        for c, title in enumerate(TITLES):
            if c in (unit_col, group_col):
                continue
            value = row[title]
            if hasattr(value, "year"):
                sheet.write_datetime(r, c, value, date_fmt)
            elif value != "":
                sheet.write_string(r, c, str(value))
    first, last = merge_rows
    sheet.merge_range(first, unit_col, last, unit_col, rows[0]["单位"])
    sheet.merge_range(first, group_col, last, group_col, rows[0]["工会小组"])
    book.close()
    return path


def test_merged_unit_and_group_cells_belong_to_every_row_they_cover(cast, tmp_path):
    path = roster_with_merged_unit(tmp_path / "r.xlsx", [person(1), person(2), person(3)], (1, 3))
    report = importing.roster_import(actor=None, union=cast.union, path=path)
    assert report.created == 3
    workers = Worker.objects.filter(name__in=["测试男1", "测试男2", "测试男3"])
    assert {(w.unit, w.group) for w in workers} == {(cast.units[0], cast.groups[0])}
    assert any("合并单元格" in note for note in report.notes)


def test_a_second_sheet_with_data_is_named_in_a_note(cast, tmp_path):
    path = tmp_path / "r.xlsx"
    book = xlsxwriter.Workbook(str(path))
    first = book.add_worksheet("一车间")
    first.write_row(0, 0, TITLES)
    first.write_row(1, 0, [str(v) if not hasattr(v, "year") else v.isoformat() for v in person(1).values()])
    second = book.add_worksheet("二车间")
    second.write_row(0, 0, TITLES)
    hidden = book.add_worksheet("选项")
    hidden.write(0, 0, "男")
    hidden.hide()
    book.close()
    report = importing.roster_import(actor=None, union=cast.union, path=path, dry_run=True)
    assert report.notes == ["只读取了第一个工作表“一车间”；工作表“二车间”中的内容没有导入，需要时请移到第一个工作表"]


def test_the_downloaded_template_has_no_note_for_its_hidden_lists(cast, client_for, tmp_path):
    response = client_for(cast.users["chair"]).get("/members/import/template.xlsx")
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    with pytest.raises(RuleViolation) as exc:  # only the example row: nothing to import, said so
        importing.roster_import(actor=None, union=cast.union, path=path, dry_run=True)
    assert exc.value.code == "roster_empty"


def test_a_real_name_beginning_with_li_is_imported_and_the_example_row_is_not(cast, tmp_path):
    path = write_roster(tmp_path / "r.xlsx", [person(9, 姓名="示例：张三"), person(1, 姓名="例华")])
    report = importing.roster_import(actor=None, union=cast.union, path=path)
    assert report.total == 1 and Worker.objects.get(pk=report.first_id).name == "例华"


def test_a_password_protected_file_is_called_so_not_an_old_xls(tmp_path):
    path = tmp_path / "r.xlsx"
    # the OLE container Excel writes for an encrypted workbook: its directory names EncryptedPackage
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000 + "EncryptionInfo".encode("utf-16-le")
                     + b"\x00" * 50 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500)
    with pytest.raises(RuleViolation) as exc:
        inspect_xlsx(path, XlsxLimits.from_settings())
    assert exc.value.code == "file_encrypted" and "密码" in exc.value.message


def test_an_unreadable_part_gives_a_chinese_message_without_the_readers_words(cast, tmp_path):
    path = write_roster(tmp_path / "r.xlsx", [person(1)])
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts["xl/sharedStrings.xml"] = b"<sst><si><t>broken"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with pytest.raises(RuleViolation) as exc:
        importing.roster_import(actor=None, union=cast.union, path=path, dry_run=True)
    assert exc.value.code == "file_unreadable"
    assert not re.search(r"[A-Za-z]{3,}Error|Xml|Zip", exc.value.message)


def test_a_header_only_file_is_refused_with_a_message_in_the_preview(cast, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    data = write_roster(tmp_path / "r.xlsx", []).read_bytes()
    html = client_for(cast.users["chair"]).post("/members/import/", {
        "file": SimpleUploadedFile("r.xlsx", data)}).content.decode()
    assert "文件中只有表头，没有职工数据" in html and "import-preview" not in html

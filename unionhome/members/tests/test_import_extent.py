"""A sheet whose cells reach far beyond its content is refused before the reader allocates anything."""
import zipfile

import pytest
import python_calamine

from unionhome.core.errors import RuleViolation
from unionhome.core.xlsx import XlsxLimits, read_rows
from unionhome.members import importing
from unionhome.members.tests.io_files import person, with_cell_at, write_roster

LIMITS = XlsxLimits(max_bytes=20 * 1024 * 1024, max_unpacked=400 * 1024 * 1024, max_ratio=100, max_entries=500)


@pytest.fixture
def reader_forbidden(monkeypatch):
    """The reader would allocate the whole rectangle: the test fails if it is ever reached."""
    def boom(*args, **kwargs):
        raise AssertionError("the xlsx reader was called")
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", boom)


def test_a_tiny_file_with_a_cell_at_xfd1048576_is_refused_before_reading(tmp_path, reader_forbidden):
    path = with_cell_at(write_roster(tmp_path / "r.xlsx", [person(1)]), "XFD1048576", dimension="A1:XFD1048576")
    assert path.stat().st_size < 8 * 1024  # a few kilobytes
    with pytest.raises(RuleViolation) as exc:
        read_rows(path, LIMITS)
    assert exc.value.code == "file_too_many_columns"
    assert "16384" in exc.value.message and "XFD" in exc.value.message


def test_a_cell_only_claimed_by_the_dimension_is_refused_too(tmp_path, reader_forbidden):
    path = with_cell_at(write_roster(tmp_path / "r.xlsx", [person(1)]), "B3", dimension="A1:XFD1048576")
    with pytest.raises(RuleViolation) as exc:
        read_rows(path, LIMITS)
    assert exc.value.code == "file_too_many_columns"


def test_a_cell_at_cv1048576_is_refused_as_far_beyond_the_content(tmp_path, reader_forbidden):
    path = with_cell_at(write_roster(tmp_path / "r.xlsx", [person(1)]), "CV1048576")
    with pytest.raises(RuleViolation) as exc:
        read_rows(path, LIMITS)
    assert exc.value.code == "file_sheet_too_sparse"
    assert "CV1048576" in exc.value.message and "请删除" in exc.value.message


def test_a_cell_reference_outside_excel_is_refused(tmp_path, reader_forbidden):
    path = with_cell_at(write_roster(tmp_path / "r.xlsx", [person(1)]), "A99999999")
    with pytest.raises(RuleViolation) as exc:
        read_rows(path, LIMITS)
    assert exc.value.code == "file_bad_cell"


def test_cells_without_references_are_placed_by_their_order(tmp_path, reader_forbidden):
    """A writer may omit r=: the position still counts (1 048 576 rows of one empty cell then one at the end)."""
    path = write_roster(tmp_path / "r.xlsx", [person(1)])
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = xml.replace(
        "</sheetData>", '<row r="1048576">' + "<c/>" * 200 + "<c><v>1</v></c></row></sheetData>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with pytest.raises(RuleViolation) as exc:
        read_rows(path, LIMITS)
    assert exc.value.code == "file_sheet_too_sparse" and "GS1048576" in exc.value.message


def test_a_real_roster_with_a_few_empty_columns_still_reads(tmp_path):
    rows = list(read_rows(write_roster(tmp_path / "r.xlsx", [person(i) for i in range(1, 40)]), LIMITS))
    assert len(rows) == 40


def test_the_page_refuses_the_file_with_a_chinese_message_and_keeps_nothing(cast, client_for, settings, tmp_path,
                                                                           reader_forbidden):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    path = with_cell_at(write_roster(tmp_path / "r.xlsx", [person(1)]), "XFD1048576")
    with path.open("rb") as fh:
        response = client_for(cast.users["chair"]).post("/members/import/", {"file": fh})
    assert response.status_code == 200
    assert "超出 256 列的上限" in response.content.decode()
    assert not list((tmp_path / "media").rglob("*.xlsx"))


def test_the_service_refuses_it_too(cast, tmp_path, reader_forbidden):
    path = with_cell_at(write_roster(tmp_path / "r.xlsx", [person(1)]), "XFD1048576")
    with pytest.raises(RuleViolation):
        importing.roster_import(actor=None, union=cast.union, path=path, dry_run=True)

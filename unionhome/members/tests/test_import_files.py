"""Files that are not a harmless xlsx are refused at once, before any row is read."""
import time
import zipfile

import pytest

from unionhome.core.errors import RuleViolation
from unionhome.core.xlsx import XlsxLimits, inspect_xlsx
from unionhome.members.tests.io_files import person, write_roster

LIMITS = XlsxLimits(max_bytes=20 * 1024 * 1024, max_unpacked=400 * 1024 * 1024, max_ratio=100, max_entries=500)


def refused(path, limits=LIMITS) -> RuleViolation:
    started = time.monotonic()
    with pytest.raises(RuleViolation) as exc:
        inspect_xlsx(path, limits)
    assert time.monotonic() - started < 2
    return exc.value


def _minimal_xlsx_parts(zf: zipfile.ZipFile) -> None:
    zf.writestr("[Content_Types].xml", "<Types/>")
    zf.writestr("xl/workbook.xml", "<workbook/>")


def test_it_accepts_a_real_roster(tmp_path):
    inspect_xlsx(write_roster(tmp_path / "ok.xlsx", [person(1)]), LIMITS)


def test_it_refuses_a_csv_renamed_to_xlsx(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_text("姓名,性别,身份证号\n张三,男,110101198503010031\n", encoding="utf-8")
    error = refused(path)
    assert error.code == "file_not_xlsx" and error.message == "文件不是 Excel（.xlsx）文件，请使用下载的模板填写后上传"


def test_it_refuses_an_executable_renamed_to_xlsx(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500)
    assert refused(path).code == "file_not_xlsx"


def test_it_refuses_an_old_binary_xls_with_advice(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    error = refused(path)
    assert error.code == "file_old_xls" and "另存为" in error.message


def test_it_refuses_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "roster.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert refused(path).code == "file_not_xlsx"


def test_it_refuses_a_file_that_is_too_large(tmp_path):
    path = write_roster(tmp_path / "big.xlsx", [person(i) for i in range(1, 30)])
    small = XlsxLimits(max_bytes=2000, max_unpacked=LIMITS.max_unpacked, max_ratio=100, max_entries=500)
    error = refused(path, small)
    assert error.code == "file_too_large" and error.message.startswith("文件过大")


def test_it_refuses_a_zip_bomb_that_unpacks_to_hundreds_of_megabytes(tmp_path):
    path = tmp_path / "bomb.xlsx"
    chunk = b"0" * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        _minimal_xlsx_parts(zf)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(chunk)
    assert path.stat().st_size < 1024 * 1024  # a tiny file…
    error = refused(path)  # …that would unpack to 300 MB
    assert error.code == "file_unpack_ratio" and "压缩炸弹" in error.message


def test_it_refuses_a_file_that_unpacks_beyond_the_total_limit(tmp_path):
    path = write_roster(tmp_path / "r.xlsx", [person(i) for i in range(1, 30)])
    limits = XlsxLimits(max_bytes=LIMITS.max_bytes, max_unpacked=5000, max_ratio=100, max_entries=500)
    error = refused(path, limits)
    assert error.code == "file_unpacks_too_large" and "解压后" in error.message


def test_it_refuses_a_zip_with_too_many_entries(tmp_path):
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        _minimal_xlsx_parts(zf)
        for i in range(600):
            zf.writestr(f"xl/media/{i}.bin", b"x")
    error = refused(path)
    assert error.code == "file_too_many_entries" and "602 个部件" in error.message


def test_it_refuses_an_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert refused(path).message == "文件是空的"


@pytest.mark.django_db
def test_the_page_refuses_a_renamed_csv_at_once_and_keeps_nothing(cast, client_for, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("花名册.xlsx", "姓名,性别\n张三,男\n".encode(), content_type="application/vnd.ms-excel")
    response = client_for(cast.users["chair"]).post("/members/import/", {"file": upload})
    assert response.status_code == 200
    assert "文件不是 Excel（.xlsx）文件" in response.content.decode()
    assert list(tmp_path.rglob("*.xlsx")) == []


@pytest.mark.django_db
def test_the_page_refuses_an_upload_above_the_size_limit_before_storing_it(cast, client_for, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    settings.UNIONHOME_MAX_UPLOAD_BYTES = 1000
    upload = SimpleUploadedFile("r.xlsx", b"PK\x03\x04" + b"0" * 5000)
    response = client_for(cast.users["chair"]).post("/members/import/", {"file": upload})
    assert "文件过大" in response.content.decode() and list(tmp_path.rglob("*")) == []

"""The page, the command and the API share one import service; the row validator never crashes."""
import datetime as dt
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from unionhome.core import pinyin
from unionhome.core.crypto import blind_index
from unionhome.core.models import AuditEntry
from unionhome.members import importing
from unionhome.members.models import Worker
from unionhome.members.roster_keys import BlindIndex, PinyinKeys
from unionhome.members.tests.io_files import person, write_roster


@pytest.fixture
def spy(monkeypatch):
    calls = []
    original = importing.roster_import

    def wrapped(**kwargs):
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(importing, "roster_import", wrapped)
    return calls


@pytest.mark.django_db
def test_the_command_and_the_api_import_through_the_same_service(cast, tmp_path, spy, client_for, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = write_roster(tmp_path / "a.xlsx", [person(1), person(2, 手机号="1")])
    with pytest.raises(CommandError, match="有 1 行数据有误"):
        call_command("import_roster", str(path), "--union", "T")
    call_command("import_roster", str(path), "--union", "T", "--valid-only")
    assert Worker.objects.filter(name="测试男1").exists() and not Worker.objects.filter(name="测试男2").exists()

    data = write_roster(tmp_path / "b.xlsx", [person(3), person(4, 单位="外星局")]).read_bytes()
    client = client_for(cast.users["chair"])
    refused = client.post("/api/v1/roster/import", {"file": SimpleUploadedFile("b.xlsx", data)})
    assert refused.status_code == 422
    body = refused.json()
    assert body["code"] == "roster_rows_invalid"
    assert body["details"]["errors"] == [{"row": 3, "column": "单位", "message": "单位“外星局”不存在，请先在组织页面添加或改正名称"}]
    done = client.post("/api/v1/roster/import?valid_only=true", {"file": SimpleUploadedFile("b.xlsx", data)})
    assert done.status_code == 200 and done.json()["created"] == 1 and done.json()["invalid_rows"] == 1
    assert [c["union"] for c in spy] == [cast.union] * 4
    assert AuditEntry.objects.filter(action="members.roster.imported").count() == 2
    assert list((tmp_path / "media").rglob("*.xlsx")) == []  # the API keeps no upload


@pytest.mark.django_db
def test_the_command_needs_a_union_when_there_are_several(cast, tmp_path):
    with pytest.raises(CommandError, match="--union"):
        call_command("import_roster", str(write_roster(tmp_path / "a.xlsx", [person(1)])))


@pytest.mark.django_db
def test_the_page_previews_errors_then_imports_the_valid_rows_from_the_stored_upload(cast, client_for, settings, tmp_path,
                                                                                     spy):
    settings.MEDIA_ROOT = tmp_path
    data = write_roster(tmp_path / "in.xlsx", [person(1), person(2, 性别="女")]).read_bytes()
    client = client_for(cast.users["chair"])
    preview = client.post("/members/import/", {"file": SimpleUploadedFile("我的花名册.xlsx", data)})
    html = preview.content.decode()
    assert "<td>3</td><td>性别</td><td>性别与身份证号不一致</td>" in html
    stored = list((tmp_path / "roster-imports").rglob("*.xlsx"))
    assert len(stored) == 1 and "花名册" not in stored[0].name and len(stored[0].stem) == 32
    assert not Worker.objects.filter(name="测试男1").exists()  # the preview writes nothing
    token = stored[0].stem
    refused = client.post("/members/import/confirm/", {"token": token}, follow=True)
    assert "有 1 行数据有误" in refused.content.decode() and not Worker.objects.filter(name="测试男1").exists()
    assert not stored[0].exists()  # a refused import keeps no file: the retry uploads again
    client.post("/members/import/", {"file": SimpleUploadedFile("我的花名册.xlsx", data)})
    token = next((tmp_path / "roster-imports").rglob("*.xlsx")).stem
    done = client.post("/members/import/confirm/", {"token": token, "valid_only": "on"}, follow=True)
    assert "已导入 1 人（其中会员 1 人），跳过有误的 1 行" in done.content.decode()
    assert Worker.objects.filter(name="测试男1").exists() and not list((tmp_path / "roster-imports").rglob("*.xlsx"))
    assert spy[0]["dry_run"] is True and spy[-1]["valid_only"] is True


@pytest.mark.django_db
def test_a_token_of_another_union_finds_no_file(cast, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = write_roster(tmp_path / "in.xlsx", [person(1)]).read_bytes()
    client_for(cast.users["chair"]).post("/members/import/", {"file": SimpleUploadedFile("r.xlsx", data)})
    token = next((tmp_path / "roster-imports").rglob("*.xlsx")).stem
    response = client_for(cast.users["outsider"]).post("/members/import/confirm/", {"token": token}, follow=True)
    assert "上传的文件已过期" in response.content.decode()
    assert not Worker.objects.filter(name="测试男1").exists()


CELL = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.booleans(),
                 st.dates(), st.datetimes(), st.times(), st.timedeltas(),
                 st.sampled_from(["男", "女", "汉族", "回", "在职", "退休", "保留会籍", "11010119850301003X",
                                  "1985-03-01", "办公室", "第1小组"]))


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({c.key: CELL for c in importing.COLUMNS}))
def test_the_row_validator_never_raises_whatever_the_cells_hold(cells):
    lookups = importing.Lookups(units={"办公室": 1}, groups={"第1小组": (1, 1)}, today=dt.date(2026, 11, 24))
    values, errors = importing.row_check(cells, lookups)
    assert (values is None) == bool(errors)
    assert all(key in importing.TITLES and isinstance(message, str) and message for key, message in errors)


def test_the_fast_pinyin_keys_equal_the_single_row_ones():
    keys = PinyinKeys()
    rng = random.Random(7)
    pool = "王李张刘陈杨单解曾朴仇区查乐重长行长孙欧阳司马诸葛尉迟覃翟薛音乐银行中国人民伟强芳娜敏静秀英a1·"
    names = ["单田芳", "曾国藩", "长孙无忌", "乐嘉", "中国", "银行", "阿依古丽·买买提", "张三", "重庆"]
    names += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 4))) for _ in range(3000)]
    for name in names:
        assert keys(name) == (pinyin.full(name), pinyin.initials(name)), name


def test_the_fast_blind_index_equals_the_single_row_one():
    blind = BlindIndex()
    for value in ["11010119850301003x", " 110101198503010031 ", "13800001234", ""]:
        assert blind(value) == blind_index(value)

"""A stored roster upload (ID numbers in clear) lives only while its preview may be confirmed."""
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from unionhome.members import importing
from unionhome.members.models import Worker
from unionhome.members.tests.io_files import person, write_roster

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def stored(media):
    return sorted((media / "roster-imports").rglob("*")) if (media / "roster-imports").exists() else []


def files(media):
    return [p for p in stored(media) if p.is_file()]


def preview(client, tmp_path, rows):
    data = write_roster(tmp_path / "in.xlsx", rows).read_bytes()
    return client.post("/members/import/", {"file": SimpleUploadedFile("r.xlsx", data)})


def test_cancelling_a_preview_deletes_its_file(cast, client_for, media, tmp_path):
    client = client_for(cast.users["chair"])
    assert "cancel-import" in preview(client, tmp_path, [person(1)]).content.decode()
    [path] = files(media)
    response = client.post("/members/import/cancel/", {"token": path.stem}, follow=True)
    assert "已取消导入，上传的文件已删除" in response.content.decode()
    assert files(media) == [] and not Worker.objects.filter(name="测试男1").exists()


def test_a_failed_confirmation_deletes_the_file(cast, client_for, media, tmp_path, monkeypatch):
    client = client_for(cast.users["chair"])
    preview(client, tmp_path, [person(1)])
    [path] = files(media)
    from unionhome.core.errors import Conflict

    def changed(**kwargs):
        raise Conflict("roster_changed", "导入期间花名册被其他人修改")
    monkeypatch.setattr(importing, "_write", changed)
    response = client.post("/members/import/confirm/", {"token": path.stem}, follow=True)
    assert "导入期间花名册被其他人修改" in response.content.decode()
    assert files(media) == []


def test_a_crash_during_the_confirmation_deletes_the_file(cast, client_for, media, tmp_path, monkeypatch):
    client = client_for(cast.users["chair"])
    preview(client, tmp_path, [person(1)])
    [path] = files(media)

    def crash(**kwargs):
        raise RuntimeError("disk full")
    monkeypatch.setattr(importing, "_write", crash)
    response = client.post("/members/import/confirm/", {"token": path.stem}, follow=True)
    assert "处理过程中出错，没有保存任何结果" in response.content.decode()  # a failed job, not a 500
    assert files(media) == []


def test_a_crash_during_the_preview_deletes_the_file(cast, client_for, media, tmp_path, monkeypatch):
    client = client_for(cast.users["chair"])

    def crash(*args, **kwargs):
        raise MemoryError
    monkeypatch.setattr(importing, "_check_file", crash)
    client.raise_request_exception = False
    assert preview(client, tmp_path, [person(1)]).status_code == 500
    assert files(media) == []


def test_a_preview_with_nothing_to_import_keeps_no_file(cast, client_for, media, tmp_path):
    client = client_for(cast.users["chair"])
    html = preview(client, tmp_path, [person(1, 手机号="12")]).content.decode()
    assert "手机号应为以1开头的11位数字" in html and "confirm-form" not in html
    assert files(media) == []


def test_leftovers_older_than_an_hour_are_swept_in_every_union(cast, client_for, media, tmp_path):
    client = client_for(cast.users["chair"])
    preview(client, tmp_path, [person(1)])
    preview(client, tmp_path, [person(2)])
    old, recent = files(media)
    other_union = media / "roster-imports" / "999999"
    other_union.mkdir()
    stray = other_union / ("a" * 32 + ".xlsx")
    stray.write_bytes(b"PK")
    hour_ago = time.time() - 3601
    os.utime(old, (hour_ago, hour_ago))
    os.utime(stray, (hour_ago, hour_ago))
    call_command("sweep_roster_uploads")
    assert files(media) == [recent]
    # and a token whose file is over an hour old is refused even before the sweep runs
    os.utime(recent, (hour_ago, hour_ago))
    response = client.post("/members/import/confirm/", {"token": recent.stem}, follow=True)
    assert "上传的文件已过期" in response.content.decode() and files(media) == []


def test_every_upload_sweeps_the_leftovers(cast, client_for, media, tmp_path):
    client = client_for(cast.users["chair"])
    preview(client, tmp_path, [person(1)])
    [old] = files(media)
    hour_ago = time.time() - 3601
    os.utime(old, (hour_ago, hour_ago))
    preview(client, tmp_path, [person(2)])
    assert old not in files(media) and len(files(media)) == 1

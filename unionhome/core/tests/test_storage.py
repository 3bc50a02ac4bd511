"""Uploads when the disk is full (docs/reliability.md test 20): a clear message in Chinese, no half-written file,
no row pointing to a missing file; and the state several app servers must share is kept where all of them see it."""
import ast
import errno
import os
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from unionhome.activities.models import ActivityPhoto as Photo
from unionhome.activities.tests.helpers import make_activity
from unionhome.core import storage as storage_module
from unionhome.core.errors import Unavailable
from unionhome.core.storage import SafeFileSystemStorage
from unionhome.core.testing import images

APP_ROOT = Path(__file__).resolve().parents[2]


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


class _FullDisk:
    """A file that takes ``room`` bytes, then answers as a full disk does."""

    def __init__(self, fh, room):
        self.fh, self.room = fh, room

    def write(self, data):
        if len(data) > self.room:
            self.fh.write(data[: self.room])
            self.room = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return self.fh.write(data)

    def __getattr__(self, name):
        return getattr(self.fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


@pytest.fixture
def full_disk(monkeypatch):
    real = os.fdopen
    monkeypatch.setattr(storage_module.os, "fdopen", lambda fd, mode: _FullDisk(real(fd, mode), room=10))


def test_a_file_is_stored_whole_and_never_replaces_another(tmp_path):
    store = SafeFileSystemStorage(location=tmp_path)
    assert store.save("a/b.bin", ContentFile(b"first")) == "a/b.bin"
    second = store.save("a/b.bin", ContentFile(b"second"))
    assert second != "a/b.bin"
    assert (tmp_path / "a/b.bin").read_bytes() == b"first" and (tmp_path / second).read_bytes() == b"second"
    assert _files(tmp_path) == sorted(["a/b.bin", second])  # no temporary file left


def test_a_write_cut_short_by_a_full_disk_leaves_nothing(tmp_path, full_disk):
    store = SafeFileSystemStorage(location=tmp_path)
    with pytest.raises(OSError) as err:
        store.save("scans/x.pdf", ContentFile(b"%PDF-" + b"0" * 10_000))
    assert err.value.errno == errno.ENOSPC
    assert _files(tmp_path) == []


@pytest.mark.django_db
def test_a_photo_upload_on_a_full_disk_says_so_and_keeps_no_row(cast, client_for, settings, tmp_path, full_disk):
    settings.MEDIA_ROOT = tmp_path
    activity = make_activity(cast)
    client = client_for(cast.users["chair"])
    response = client.post(f"/api/v1/activities/{activity.pk}/photos",
                           {"file": SimpleUploadedFile("p.png", images.PNG, content_type="image/png")})
    assert response.status_code == 503
    assert response.json() == {"code": "storage_full", "field": "file",
                               "message": "服务器存储空间已满，文件没有保存，请稍后再试或联系管理员"}
    assert not Photo.objects.filter(activity=activity).exists()
    assert _files(tmp_path) == []


@pytest.mark.django_db
def test_a_photo_posted_from_the_page_on_a_full_disk_shows_the_message(cast, client_for, settings, tmp_path,
                                                                        full_disk):
    settings.MEDIA_ROOT = tmp_path
    activity = make_activity(cast)
    client = client_for(cast.users["chair"])
    response = client.post(f"/activities/{activity.pk}/photos/",
                           {"file": SimpleUploadedFile("p.png", images.PNG, content_type="image/png")}, follow=True)
    assert response.status_code == 200
    assert "服务器存储空间已满" in response.content.decode()
    assert not Photo.objects.filter(activity=activity).exists() and _files(tmp_path) == []


@pytest.mark.django_db
def test_a_roster_upload_on_a_full_disk_says_so_and_leaves_no_file(cast, client_for, settings, tmp_path,
                                                                   monkeypatch):
    from unionhome.members import uploads

    settings.MEDIA_ROOT = tmp_path

    class Full(ContentFile):  # the disk fills up after the first chunk
        def chunks(self, chunk_size=None):
            yield b"PK\x03\x04"
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(Unavailable) as err:
        uploads.upload_store(cast.union, Full(b"PK", name="r.xlsx"))
    assert err.value.code == "storage_full" and err.value.status == 503
    assert _files(tmp_path) == []


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 64 KB file system (tmpfs); needs root, as in the CI container."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode:
        pytest.skip("cannot mount a tmpfs here (needs root): " + done.stderr.decode(errors="replace")[:200])
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_really_full_disk_leaves_no_half_written_file_and_the_earlier_files_whole(tiny_disk):
    store = SafeFileSystemStorage(location=tiny_disk)
    kept = store.save("ok.bin", ContentFile(b"k" * 8_000))
    with pytest.raises(OSError) as err:
        store.save("big.bin", ContentFile(b"b" * 200_000))
    assert err.value.errno in storage_module.NO_SPACE
    assert _files(tiny_disk) == [kept] and (tiny_disk / kept).read_bytes() == b"k" * 8_000
    # once there is room again, the same upload goes through
    store.delete(kept)
    assert (tiny_disk / store.save("small.bin", ContentFile(b"s" * 1000))).stat().st_size == 1000


# --- What several servers share ---------------------------------------------------------------------------------

def test_the_shared_state_lives_in_the_database():
    assert django_settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert django_settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    assert isinstance(default_storage, SafeFileSystemStorage)


def test_no_module_relies_on_the_per_process_cache():
    """Django's default cache is memory in each process: a lockout, a rate limit or a one-time code kept there
    would differ between servers. Should a feature ever need a cache, configure a shared one (DatabaseCache)
    in settings first, then change this test."""
    users = []
    for path in APP_ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else (
                [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            if any(n.startswith("django.core.cache") or n.endswith("decorators.cache") and
                   isinstance(node, ast.ImportFrom) and any(a.name != "never_cache" for a in node.names)
                   for n in names):
                users.append(str(path.relative_to(APP_ROOT)))
    assert users == []


def test_every_uploaded_file_goes_through_the_default_storage():
    """A field with a storage of its own would escape the shared directory (and the backups)."""
    own = [f"{m._meta.label}.{f.name}" for m in apps.get_models() for f in m._meta.get_fields()
           if isinstance(f, models.FileField) and f.storage is not default_storage]
    assert own == []


def test_no_module_reads_or_writes_the_media_directory_as_files():
    """Every stored file goes through Django's storage API (core/storage.py), so the bucket backend works the same:
    a path under MEDIA_ROOT in a module would miss the bucket on every server."""
    users = [str(path.relative_to(APP_ROOT)) for path in APP_ROOT.rglob("*.py")
             if not {"tests", "testing", "migrations"} & set(path.parts)
             and path.relative_to(APP_ROOT).as_posix() not in ("settings.py", "core/storage.py")  # the directory's
             and "MEDIA_ROOT" in path.read_text(encoding="utf-8")]
    assert users == []

"""The restore drill (docs/reliability.md): build data, back up, destroy, restore, compare every table and file.

Runs on the database the suite runs on: SQLite by default, PostgreSQL with ``DB=pg ./test``."""
from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from conftest import build_cast
from unionhome.backups import services
from unionhome.backups.sealing import OpeningReader, SealingWriter
from unionhome.core.audit_maintenance import audit_maintenance
from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "activities" / "2026").mkdir(parents=True)
    (settings.MEDIA_ROOT / "activities" / "2026" / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 50)
    (settings.MEDIA_ROOT / "receipts").mkdir()
    (settings.MEDIA_ROOT / "receipts" / "发票.pdf").write_bytes(b"%PDF-1.4 receipt")
    return settings.MEDIA_ROOT


@pytest.fixture
def backup_dir(tmp_path):
    return tmp_path / "backups"


def every_table() -> dict[str, list]:
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(map(repr, cursor.fetchall()))
    return rows


def every_file(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def destroy(media_root: Path) -> None:
    with audit_maintenance():
        call_command("flush", "--noinput", verbosity=0)
    for path in sorted(media_root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def test_drill_backup_destroy_restore_gives_back_every_row_and_file(media, backup_dir):
    build_cast()
    tables, files = every_table(), every_file(media)
    assert tables["core_auditentry"] and tables["members_worker"]
    result = services.backup_create(directory=backup_dir)
    assert result.manifest["tables"]["members_worker"] == len(tables["members_worker"])
    raw = result.path.read_bytes()
    assert "张三".encode() not in raw and b"photo.jpg" not in raw  # sealed: nothing readable at rest

    destroy(media)
    assert not AuditEntry.objects.exists() and not every_file(media)

    report = services.backup_restore(archive=result.path)
    assert report["files"] == 2
    restored = every_table()
    # The restore itself is audited: one row more in the audit trail, nothing else changed.
    assert AuditEntry.objects.filter(action="backups.restored").count() == 1
    restored["core_auditentry"] = [r for r in restored["core_auditentry"] if "backups.restored" not in r]
    assert restored == tables
    assert every_file(media) == files
    with pytest.raises(DatabaseError), transaction.atomic():  # the audit trail is append-only again
        AuditEntry.objects.update(action="tampered")


def test_commands_back_up_and_restore(media, backup_dir):
    build_cast()
    before = every_table()
    out = io.StringIO()
    call_command("backup", "--dir", str(backup_dir), stdout=out)
    archive = services.backup_list(backup_dir)[0]
    assert str(archive) in out.getvalue()
    destroy(media)
    call_command("restore", str(archive), "--yes", stdout=out)
    assert "恢复完成" in out.getvalue()
    after = every_table()
    after["core_auditentry"] = [r for r in after["core_auditentry"] if "backups.restored" not in r]
    assert after == before


def _reseal(source: Path, target: Path, change_manifest) -> None:
    """Open an archive, change its manifest, seal it again under the same key (as a newer version would write)."""
    key = services.backup_key()
    with open(source, "rb") as raw:
        members = []
        with tarfile.open(fileobj=OpeningReader(raw, key), mode="r|") as tar:
            for member in tar:
                members.append((member, tar.extractfile(member).read() if member.isfile() else None))
    with open(target, "wb") as raw:
        writer = SealingWriter(raw, key, b"\x01" * 16)
        with tarfile.open(fileobj=writer, mode="w|") as tar:
            for member, data in members:
                if member.name == "manifest.json":
                    data = json.dumps(change_manifest(json.loads(data))).encode()
                    member.size = len(data)
                tar.addfile(member, io.BytesIO(data))
        writer.close()


@pytest.mark.parametrize("damage, code", [
    (lambda b: b[: len(b) // 2], "backup_truncated"),
    (lambda b: b[:200] + bytes([b[200] ^ 1]) + b[201:], "backup_corrupt"),
    (lambda b: b"PK\x03\x04 not ours", "backup_not_archive"),
])
def test_a_damaged_archive_is_refused_and_nothing_changes(media, backup_dir, damage, code):
    build_cast()
    archive = services.backup_create(directory=backup_dir).path
    archive.write_bytes(damage(archive.read_bytes()))
    before, files = every_table(), every_file(media)
    with pytest.raises(RuleViolation) as err:
        services.backup_restore(archive=archive)
    assert err.value.code == code
    assert every_table() == before and every_file(media) == files


def test_an_archive_sealed_with_another_key_is_refused(media, backup_dir, settings):
    build_cast()
    archive = services.backup_create(directory=backup_dir).path
    settings.BACKUP_KEY = "YW5vdGhlci1rZXktMDEyMzQ1Njc4OWFiY2RlZjAxMjM="
    with pytest.raises(RuleViolation) as err:
        services.backup_restore(archive=archive)
    assert err.value.code == "backup_wrong_key"


def test_an_archive_from_a_newer_version_is_refused(media, backup_dir, tmp_path):
    build_cast()
    archive = services.backup_create(directory=backup_dir).path

    def newer(manifest):
        manifest["migrations"].setdefault("members", []).append("9999_from_the_future")
        return manifest

    _reseal(archive, tmp_path / "newer.uhbk", newer)
    before = every_table()
    with pytest.raises(RuleViolation) as err:
        services.backup_restore(archive=tmp_path / "newer.uhbk")
    assert err.value.code == "backup_newer_version" and "9999_from_the_future" in err.value.message
    assert every_table() == before


def test_an_interrupted_backup_leaves_the_previous_one_intact(media, backup_dir, monkeypatch):
    build_cast()
    first = services.backup_create(directory=backup_dir).path
    first_bytes = first.read_bytes()

    def disk_full(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tarfile.TarFile, "addfile", disk_full)
    with pytest.raises(OSError):
        services.backup_create(directory=backup_dir, keep=1)
    assert services.backup_list(backup_dir) == [first] and first.read_bytes() == first_bytes
    assert not [p for p in backup_dir.iterdir() if p.name.endswith(".part") or p.name.startswith(".work-")]


def test_retention_keeps_the_newest_archives(media, backup_dir):
    build_cast()
    made = [services.backup_create(directory=backup_dir, keep=2).path for _ in range(3)]
    assert services.backup_list(backup_dir) == sorted(made[1:], key=lambda p: p.name, reverse=True)


def test_production_refuses_a_backup_without_its_own_key(media, backup_dir, settings):
    settings.BACKUP_KEY = ""
    with pytest.raises(RuleViolation) as err:
        services.backup_create(directory=backup_dir)
    assert err.value.code == "backup_key_missing"


def test_what_a_killed_backup_left_is_removed_by_the_next(media, backup_dir):
    build_cast()
    first = services.backup_create(directory=backup_dir).path
    # what `kill -9` in the middle leaves: a half archive and the working folder with the dump in clear
    half = backup_dir / (first.name.replace(".uhbk", "-x.uhbk") + ".part")
    half.write_bytes(b"half an archive")
    (backup_dir / ".work-dead").mkdir()
    (backup_dir / ".work-dead" / "db.dump").write_bytes(b"unsealed rows")
    assert services.backup_list(backup_dir) == [first]  # never taken for an archive
    second = services.backup_create(directory=backup_dir).path
    assert services.backup_list(backup_dir) == [second, first]
    assert not half.exists() and not (backup_dir / ".work-dead").exists()

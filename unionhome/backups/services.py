"""Backup and restore of a whole installation: the database and the uploaded files in one sealed archive.

An archive (``unionhome-<time>-<vendor>.uhbk``) holds the database (SQLite: the online backup API, a consistent copy
while the platform runs; PostgreSQL: ``pg_dump`` in custom format, taken in the same snapshot as the row counts),
every stored file (through Django's storage API: the shared directory's or the S3 bucket's objects), and a
manifest: format, the migrations applied, the rows of every table, the audit trail's length and last entry, and a
SHA-256 of every file. It is sealed with ``UNIONHOME_BACKUP_KEY`` (see ``sealing``).

Restore refuses an archive that is not ours, sealed with another key, cut short, altered, from a newer version
(migrations this code does not have) or from the other kind of database, before it changes anything; it then
replaces the database in one step (SQLite backup API; PostgreSQL in one transaction) and the uploaded files, and
checks the row counts and the audit trail against the manifest.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import io
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.backups.sealing import OpeningReader, SealingWriter, parse_key
from unionhome.core.audit import audit_log
from unionhome.core.errors import RuleViolation
from unionhome.core.storage import stored_names, stored_replace

FORMAT = 1
PREFIX, SUFFIX = "unionhome-", ".uhbk"
AUDIT_TABLE = "core_auditentry"


@dataclass
class BackupResult:
    path: Path
    manifest: dict


def backup_key() -> bytes:
    text = settings.BACKUP_KEY
    if not text:
        raise RuleViolation("backup_key_missing", _("未设置备份密钥：请设置环境变量 UNIONHOME_BACKUP_KEY（base64 编码的 32 字节）"))
    return parse_key(text)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_tool(name: str) -> str:
    folder = settings.PG_BIN_DIR
    path = str(Path(folder) / name) if folder else shutil.which(name)
    if not path or not Path(path).exists():
        raise RuleViolation("backup_pg_tool_missing",
                            _("找不到 PostgreSQL 工具 %(name)s：请安装 postgresql-client 或设置 UNIONHOME_PG_BIN") % {"name": name})
    return path


def _pg_env() -> tuple[dict, list[str]]:
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["-h", db.get("HOST") or "localhost", "-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres"]
    return env, args


def _run(cmd: list[str], env: dict, what: str) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuleViolation("backup_tool_failed", _("%(what)s失败：%(value)s") % {"what": what, "value": done.stderr.strip()[-500:]})


def _applied_migrations(cursor) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _counts(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _audit_mark(cursor, quote) -> dict:
    cursor.execute(f"SELECT COUNT(*), MAX(id) FROM {quote(AUDIT_TABLE)}")
    count, last = cursor.fetchone()
    return {"count": count, "last_id": last}


def _dump_sqlite(work: Path) -> tuple[Path, dict]:
    target = work / "db.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)  # a consistent copy even while others write
        cursor = copy.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        tables = [row[0] for row in cursor.fetchall()]
        quote = lambda name: '"' + name.replace('"', '""') + '"'  # noqa: E731
        facts = {"tables": _counts(cursor, tables, quote), "audit": _audit_mark(cursor, quote),
                 "migrations": _applied_migrations(cursor)}
    finally:
        copy.close()
    return target, facts


def _dump_postgresql(work: Path) -> tuple[Path, dict]:
    target = work / "db.pgdump"
    env, args = _pg_env()
    quote = connection.ops.quote_name
    # The counts and the dump see one snapshot: pg_dump joins the snapshot this transaction exports.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = connection.introspection.table_names(cursor)
        facts = {"tables": _counts(cursor, tables, quote), "audit": _audit_mark(cursor, quote),
                 "migrations": _applied_migrations(cursor)}
        _run([_pg_tool("pg_dump"), *args, "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
              "-f", str(target), connection.settings_dict["NAME"]], env, _("数据库导出（pg_dump）"))
    return target, facts


def _spool(name: str, work: Path) -> tuple[Path, str, int]:
    """Copy a stored file (directory or bucket) to the working folder in chunks; returns (copy, SHA-256, size): the
    hash is of the bytes archived, and a large file never sits in memory."""
    digest, size = hashlib.sha256(), 0
    copy = work / "spool"
    with default_storage.open(name, "rb") as src, open(copy, "wb") as dst:
        while chunk := src.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
            dst.write(chunk)
    return copy, digest.hexdigest(), size


def _modified(name: str) -> int:
    try:
        return int(default_storage.get_modified_time(name).timestamp())
    except (NotImplementedError, OSError):
        return 0


def _archive_name(vendor: str) -> str:
    stamp = timezone.now().astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
    return f"{PREFIX}{stamp}-{secrets.token_hex(2)}-{vendor}{SUFFIX}"


def backup_create(*, directory: Path | None = None, actor=None, keep: int | None = None,
                  max_age_days: int | None = None) -> BackupResult:
    """Write a sealed archive of the database and the uploaded files; prune old archives by count and age.

    The archive is written under a temporary name and renamed only when complete and synced, so an interrupted
    backup (a full disk, a killed process) leaves the earlier archives as they were and no half archive. One
    backup at a time per directory (a lock file): what a killed one left — its half archive and its working
    folder, which holds the database dump unsealed — is removed by the next."""
    key = backup_key()
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed, also when the process is killed
        _sweep_leftovers(directory)
        return _backup_create(directory=directory, key=key, actor=actor, keep=keep, max_age_days=max_age_days)


def _sweep_leftovers(directory: Path) -> None:
    """Remove the half archives and working folders of backups killed before they could clean up (called with the
    directory's lock held, so none of them is being written)."""
    for part in directory.glob(f"{PREFIX}*{SUFFIX}.part"):
        part.unlink(missing_ok=True)
    for work in directory.glob(".work-*"):
        shutil.rmtree(work, ignore_errors=True)


def _backup_create(*, directory: Path, key: bytes, actor, keep: int | None, max_age_days: int | None) -> BackupResult:
    vendor = connection.vendor
    final = directory / _archive_name(vendor)
    part = final.with_name(final.name + ".part")
    with tempfile.TemporaryDirectory(dir=directory, prefix=".work-") as work_dir:
        work = Path(work_dir)
        db_file, facts = (_dump_postgresql if vendor == "postgresql" else _dump_sqlite)(work)
        manifest = {"format": FORMAT, "created_at": timezone.now().isoformat(), "vendor": vendor,
                    "database": {"file": f"db/{db_file.name}", "sha256": _sha256(db_file)},
                    **facts, "files": {}}
        try:
            with open(part, "wb") as raw:
                writer = SealingWriter(raw, key, secrets.token_bytes(16))
                with tarfile.open(fileobj=writer, mode="w|") as tar:
                    tar.add(db_file, arcname=manifest["database"]["file"])
                    for name in stored_names():  # every stored file: the directory's or the bucket's
                        copy, manifest["files"][name], size = _spool(name, work)
                        info = tarfile.TarInfo(f"media/{name}")
                        info.size, info.mtime = size, _modified(name)
                        with open(copy, "rb") as fh:
                            tar.addfile(info, fh)
                    body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                    info = tarfile.TarInfo("manifest.json")
                    info.size = len(body)
                    tar.addfile(info, io.BytesIO(body))
                writer.close()
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(part, final)
        finally:
            part.unlink(missing_ok=True)
    pruned = backup_prune(directory=directory, keep=keep, max_age_days=max_age_days, newest=final)
    audit_log(actor=actor, action="backups.created", target_label=final.name,
              after={"rows": sum(manifest["tables"].values()), "files": len(manifest["files"]),
                     "bytes": final.stat().st_size, "pruned": [p.name for p in pruned]})
    return BackupResult(path=final, manifest=manifest)


def backup_list(directory: Path | None = None) -> list[Path]:
    """The archives in a directory, newest first."""
    directory = Path(directory or settings.BACKUP_DIR)
    if not directory.exists():
        return []
    return sorted(directory.glob(f"{PREFIX}*{SUFFIX}"), key=lambda p: p.name, reverse=True)


def backup_prune(*, directory: Path, keep: int | None, max_age_days: int | None, newest: Path) -> list[Path]:
    """Delete archives beyond the newest ``keep`` and those older than ``max_age_days``; never the newest one."""
    archives = [p for p in backup_list(directory) if p != newest]
    cutoff = timezone.now() - dt.timedelta(days=max_age_days) if max_age_days is not None else None
    doomed = []
    for index, path in enumerate(archives, start=1):  # the newest archive is number 0
        too_many = keep is not None and index >= keep
        too_old = cutoff is not None and dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC) < cutoff
        if too_many or too_old:
            doomed.append(path)
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def _open_archive(archive: Path, work: Path) -> dict:
    """Authenticate and unpack an archive into ``work``; returns its manifest. Changes nothing else."""
    key = backup_key()
    try:
        with open(archive, "rb") as raw:
            reader = OpeningReader(raw, key)
            with tarfile.open(fileobj=reader, mode="r|") as tar:
                tar.extractall(work, filter="data")
    except FileNotFoundError as exc:
        raise RuleViolation("backup_missing", _("找不到备份文件：%(archive)s") % {"archive": archive}) from exc
    except (tarfile.TarError, EOFError) as exc:
        raise RuleViolation("backup_corrupt", _("备份文件已损坏，不能恢复")) from exc
    try:
        manifest = json.loads((work / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise RuleViolation("backup_corrupt", _("备份文件缺少清单（manifest），不能恢复")) from exc
    return manifest


def _check_archive(manifest: dict, work: Path) -> None:
    if manifest.get("format") != FORMAT:
        raise RuleViolation("backup_format", _("备份文件的格式版本不受支持，请用生成它的版本恢复"))
    if manifest.get("vendor") != connection.vendor:
        raise RuleViolation("backup_vendor", _("备份来自 %(get)s 数据库，当前是 %(vendor)s，不能直接恢复") % {"get": manifest.get('vendor'), "vendor": connection.vendor})
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [f"{app}.{name}" for app, names in manifest.get("migrations", {}).items() for name in names
               if (app, name) not in known]
    if unknown:
        raise RuleViolation("backup_newer_version",
                            _("备份来自更新的版本（本程序没有这些迁移：%(join)s），请先升级程序再恢复") % {"join": ', '.join(unknown[:5])})
    if _sha256(work / manifest["database"]["file"]) != manifest["database"]["sha256"]:
        raise RuleViolation("backup_corrupt", _("备份中的数据库文件校验不符，不能恢复"))
    for rel, digest in manifest["files"].items():
        path = work / "media" / rel
        if not path.is_file() or _sha256(path) != digest:
            raise RuleViolation("backup_corrupt", _("备份中的文件 %(rel)s 校验不符，不能恢复") % {"rel": rel})


def _restore_sqlite(db_file: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(db_file)
    try:
        source.backup(connection.connection)  # replaces the whole database in one step
    finally:
        source.close()


def _restore_postgresql(db_file: Path) -> None:
    env, args = _pg_env()
    script = db_file.with_suffix(".sql")
    _run([_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "-f", str(script), str(db_file)], env,
         _("读取数据库备份（pg_restore）"))
    connections.close_all()
    # One transaction: the old schema goes and the archived one comes, or nothing changes.
    _run([_pg_tool("psql"), *args, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
          "-c", "DROP SCHEMA public CASCADE", "-c", "CREATE SCHEMA public", "-f", str(script),
          "-d", connection.settings_dict["NAME"]], env, _("恢复数据库（psql）"))


def _restore_media(work: Path, manifest: dict) -> None:
    """Put back every archived file through the storage (directory or bucket), each replaced whole, then delete
    the stored files the archive does not have. Not one step for the whole set (a bucket has none): a restore
    cut short here is finished by running it again."""
    archived = manifest["files"]
    for name in sorted(archived):
        with open(work / "media" / name, "rb") as fh:
            stored_replace(name, File(fh))
    for name in list(stored_names()):
        if name not in archived:
            default_storage.delete(name)


def _verify_restored(manifest: dict) -> dict:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = _counts(cursor, list(manifest["tables"]), quote)
        audit = _audit_mark(cursor, quote)
    wrong = {t: (counts[t], n) for t, n in manifest["tables"].items() if counts[t] != n}
    if wrong or audit != manifest["audit"]:
        raise RuleViolation("restore_check_failed",
                            _("恢复后核对不符：%(len)s 张表的行数或审计记录与备份清单不同，请勿使用并联系管理员") % {"len": len(wrong)})
    return counts


def backup_restore(*, archive: Path, actor=None) -> dict:
    """Replace the database and the uploaded files with those of an archive, after checking it whole."""
    work_root = Path(settings.VAR_DIR)
    with tempfile.TemporaryDirectory(dir=work_root, prefix=".restore-") as work_dir:
        work = Path(work_dir)
        manifest = _open_archive(Path(archive), work)
        _check_archive(manifest, work)
        db_file = work / manifest["database"]["file"]
        if connection.vendor == "postgresql":
            _restore_postgresql(db_file)
        else:
            _restore_sqlite(db_file)
        _restore_media(work, manifest)
    counts = _verify_restored(manifest)
    audit_log(actor=actor, action="backups.restored", target_label=Path(archive).name,
              after={"created_at": manifest["created_at"], "rows": sum(counts.values()),
                     "files": len(manifest["files"])})
    return {"manifest": manifest, "rows": sum(counts.values()), "files": len(manifest["files"])}

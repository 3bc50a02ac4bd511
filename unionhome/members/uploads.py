"""Roster files between the preview and the confirmation: under MEDIA_ROOT, per union, with a generated name.

The user's file name is never used in a path (OWASP ASVS 5.3.2); a token is 32 hex digits, so it
cannot point outside the union's folder. A stored file holds ID numbers in clear (PIPL art.19: kept no
longer than needed), so it lives only while its preview may still be confirmed: it is deleted when the
import completes, fails or is cancelled, when the preview shows nothing to import, and every file older
than ``MAX_AGE_SECONDS`` is swept — in every union's folder — on each upload and by
``manage.py sweep_roster_uploads`` (run it from cron every few minutes; README, "Production").
"""
from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

from django.conf import settings

from unionhome.core.storage import is_no_space, storage_full

TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
MAX_AGE_SECONDS = 3600


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "roster-imports"


def _folder(union) -> Path:
    folder = _root() / str(int(union.pk))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def upload_sweep(*, max_age: int = MAX_AGE_SECONDS, now: float | None = None) -> int:
    """Delete every stored roster file (any union, any name) older than ``max_age`` seconds; returns how many."""
    now = time.time() if now is None else now
    removed = 0
    root = _root()
    if not root.is_dir():
        return 0
    for old in root.glob("*/*"):
        try:
            if old.is_file() and now - old.stat().st_mtime > max_age:
                old.unlink()
                removed += 1
        except OSError:
            pass
    return removed


def upload_store(union, chunks) -> tuple[str, Path]:
    """Save an upload's chunks; returns (token, path). A failed write leaves nothing behind; a full disk is
    ``Unavailable("storage_full")``."""
    upload_sweep()
    folder = _folder(union)
    token = uuid.uuid4().hex
    path = folder / f"{token}.xlsx"
    try:
        with path.open("wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
    except BaseException as exc:
        path.unlink(missing_ok=True)
        if is_no_space(exc):
            raise storage_full() from None
        raise
    return token, path


def upload_path(union, token: str) -> Path | None:
    """The stored file of ``token`` in this union's folder, or None (unknown, expired, malformed)."""
    if not TOKEN_RE.match(token or ""):
        return None
    path = _folder(union) / f"{token}.xlsx"
    if not path.is_file():
        return None
    if time.time() - path.stat().st_mtime > MAX_AGE_SECONDS:  # expired, even if not yet swept
        path.unlink(missing_ok=True)
        return None
    return path


def upload_discard(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)

"""Roster files between the preview and the confirmation: under MEDIA_ROOT, per union, with a generated name.

The user's file name is never used in a path (OWASP ASVS 5.3.2); a token is 32 hex digits, so it
cannot point outside the union's folder. Files older than a day are removed on the next upload.
"""
from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

from django.conf import settings

TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
MAX_AGE_SECONDS = 24 * 3600


def _folder(union) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "roster-imports" / str(int(union.pk))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def upload_store(union, chunks) -> tuple[str, Path]:
    """Save an upload's chunks; returns (token, path)."""
    folder = _folder(union)
    now = time.time()
    for old in folder.glob("*.xlsx"):
        try:
            if now - old.stat().st_mtime > MAX_AGE_SECONDS:
                old.unlink()
        except OSError:
            pass
    token = uuid.uuid4().hex
    path = folder / f"{token}.xlsx"
    with path.open("wb") as fh:
        for chunk in chunks:
            fh.write(chunk)
    return token, path


def upload_path(union, token: str) -> Path | None:
    """The stored file of ``token`` in this union's folder, or None (unknown, expired, malformed)."""
    if not TOKEN_RE.match(token or ""):
        return None
    path = _folder(union) / f"{token}.xlsx"
    return path if path.is_file() else None


def upload_discard(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)

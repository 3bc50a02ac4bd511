"""Roster files between the preview and the confirmation: in the storage (the shared directory or the bucket),
under ``roster-imports/<union>/``, with a generated name.

The user's file name is never used in a name (OWASP ASVS 5.3.2); a token is 32 hex digits, so it
cannot point outside the union's folder. A stored file holds ID numbers in clear (PIPL art.19: kept no
longer than needed), so it lives only while its preview may still be confirmed: it is deleted when the
import completes, fails or is cancelled, when the preview shows nothing to import, and every file older
than ``MAX_AGE_SECONDS`` is swept — in every union's folder — on each upload and by
``manage.py sweep_roster_uploads`` (run it from cron every few minutes; README, "Production").

The xlsx reader needs a file on this machine's disk (it seeks in the zip): ``upload_local`` gives it a temporary
copy, removed as soon as the check or the import is done, so any server can confirm a preview another showed.
"""
from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.storage import default_storage

from unionhome.core.storage import is_no_space, storage_full, stored_local_copy, stored_names

TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
MAX_AGE_SECONDS = 3600
ROOT = "roster-imports"


def _name(union, token: str) -> str:
    return f"{ROOT}/{int(union.pk)}/{token}.xlsx"


def _age(name: str, now: float) -> float:
    return now - default_storage.get_modified_time(name).timestamp()


def upload_sweep(*, max_age: int = MAX_AGE_SECONDS, now: float | None = None) -> int:
    """Delete every stored roster file (any union, any name) older than ``max_age`` seconds; returns how many."""
    now = time.time() if now is None else now
    removed = 0
    for name in list(stored_names(ROOT)):
        try:
            if _age(name, now) > max_age:
                default_storage.delete(name)
                removed += 1
        except OSError:
            pass
    return removed


def upload_store(union, upload) -> tuple[str, str]:
    """Save an uploaded file; returns (token, stored name). A failed write leaves nothing behind (core/storage.py);
    a full disk is ``Unavailable("storage_full")``."""
    upload_sweep()
    token = uuid.uuid4().hex
    try:
        name = default_storage.save(_name(union, token), upload)
    except OSError as exc:
        if is_no_space(exc):
            raise storage_full() from None
        raise
    return token, name


def upload_name(union, token: str) -> str | None:
    """The stored file of ``token`` in this union's folder, or None (unknown, expired, malformed)."""
    if not TOKEN_RE.match(token or ""):
        return None
    name = _name(union, token)
    if not default_storage.exists(name):  # (a bucket answers a missing object's time with an error, not OSError)
        return None
    if _age(name, time.time()) > MAX_AGE_SECONDS:  # expired, even if not yet swept
        default_storage.delete(name)
        return None
    return name


def upload_size(name: str) -> int:
    return default_storage.size(name)


@contextmanager
def upload_local(name: str) -> Iterator[Path]:
    """A temporary copy on this server's disk for the xlsx reader; removed on leaving."""
    with stored_local_copy(name, suffix=".xlsx") as path:
        yield path


def upload_discard(name: str | None) -> None:
    if name:
        default_storage.delete(name)

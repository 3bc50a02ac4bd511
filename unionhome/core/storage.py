"""Where uploaded files are kept: a shared directory (Django's file-system storage, made safe for a full disk and
several servers) or an S3-compatible bucket (``UNIONHOME_STORAGE=s3``, django-storages). Every stored file is read
and written through Django's storage API (``default_storage``), never by a path: the helpers below cover what the
API lacks (replacing a file whole, walking every name, a local copy for a reader that needs a path).

A file is written under a hidden temporary name beside its place, flushed to the disk, and only then given its
name (a hard link, which never replaces a file already there). So a write cut short — the disk full, the quota
reached, the process killed — never leaves a half-written file under a name a row could point to, and a server
reading the shared directory never sees one being written. The temporary file is removed on failure.

``UNIONHOME_MEDIA_ROOT`` is the directory: for several app servers, one shared directory (NFS or similar) mounted
on every server (README, "Several app servers").

In a bucket the same guarantee comes from S3 itself: an object appears only when its PUT (or the last part of a
multipart upload) has completed, whole, and replacing an object is atomic; reads after a write see it (S3 and the
usual compatible stores are strongly consistent). Objects are private: the platform never hands out a bucket URL
(``url()`` refuses); every file is served by the app's permission-checked views, streamed from the bucket.
"""
from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.utils.translation import gettext_lazy

from unionhome.core.errors import Unavailable

# What the operating system answers when there is no room left for a file.
NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
STORAGE_FULL_MESSAGE = gettext_lazy("服务器存储空间已满，文件没有保存，请稍后再试或联系管理员")


def storage_full() -> Unavailable:
    return Unavailable("storage_full", STORAGE_FULL_MESSAGE, field="file")


STORAGE_UNAVAILABLE_MESSAGE = gettext_lazy("文件存储暂时无法访问，文件没有保存，请稍后再试或联系管理员")


def storage_unavailable() -> Unavailable:
    """The bucket did not answer or refused the write (core/storage_s3.py): nothing was stored."""
    return Unavailable("storage_unavailable", STORAGE_UNAVAILABLE_MESSAGE, field="file")


def is_no_space(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in NO_SPACE


class SafeFileSystemStorage(FileSystemStorage):
    def replace(self, name: str, content) -> str:
        """Write ``content`` under ``name`` whole, replacing the file there in one step (a reader sees the old file
        or the new one, never a part)."""
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        fd, part = tempfile.mkstemp(dir=directory, prefix=".upload-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                _copy_into(content, fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(part, full_path)
        finally:
            try:
                os.unlink(part)
            except FileNotFoundError:
                pass
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        return name

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        fd, part = tempfile.mkstemp(dir=directory, prefix=".upload-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                if hasattr(content, "seek"):
                    content.seek(0)
                for chunk in content.chunks():
                    fh.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                fh.flush()
                os.fsync(fh.fileno())
            while True:
                try:
                    os.link(part, full_path)  # never replaces a file that is there
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
                except OSError as exc:  # a file system without hard links: rename, after a look for the name
                    if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EMLINK) or os.path.exists(full_path):
                        raise
                    os.replace(part, full_path)
                    break
                else:
                    break
        finally:
            try:
                os.unlink(part)
            except FileNotFoundError:
                pass
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        return str(name).replace("\\", "/")


def _copy_into(content, fh) -> None:
    if hasattr(content, "seek"):
        content.seek(0)
    for chunk in content.chunks():
        fh.write(chunk if isinstance(chunk, bytes) else chunk.encode())


# --- What the storage API lacks ------------------------------------------------------------------------------------

def stored_replace(name: str, data: bytes | File, *, storage: Storage | None = None) -> str:
    """Write ``data`` under exactly ``name``, replacing what is there (``save`` would pick another name)."""
    storage = storage or default_storage
    content = ContentFile(data) if isinstance(data, bytes) else data
    replace = getattr(storage, "replace", None)
    if replace is not None:
        return replace(name, content)
    storage.delete(name)  # pragma: no cover - a storage of ours always has replace
    return storage.save(name, content)


def stored_names(prefix: str = "", *, storage: Storage | None = None) -> Iterator[str]:
    """Every stored file's name under ``prefix`` (a folder; "" for all), depth first, in name order. Hidden
    working files of the directory backend (a write under way) are left out."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(prefix)
    except FileNotFoundError:
        return
    for name in sorted(files):
        if not (name.startswith(".upload-") and name.endswith(".part")):
            yield f"{prefix}/{name}" if prefix else name
    for folder in sorted(folders):
        yield from stored_names(f"{prefix}/{folder}" if prefix else folder, storage=storage)


@contextmanager
def stored_local_copy(name: str, *, suffix: str = "", storage: Storage | None = None) -> Iterator[Path]:
    """A copy of a stored file on this machine's disk, for a reader that truly needs a path (the xlsx reader seeks
    in the zip; LibreOffice converts files); removed on leaving, also on error."""
    storage = storage or default_storage
    fd, tmp = tempfile.mkstemp(suffix=suffix, prefix=".stored-")
    try:
        with os.fdopen(fd, "wb") as dst, storage.open(name, "rb") as src:
            shutil.copyfileobj(src, dst, 1024 * 1024)
        yield Path(tmp)
    finally:
        os.unlink(tmp)


def stored_take(name: str, *, storage: Storage | None = None):
    """A stored file's bytes in an open, anonymous temporary file, so the stored file may be deleted before the
    download is sent (an open file on disk outlives its name; an object deleted from a bucket does not)."""
    storage = storage or default_storage
    spool = tempfile.TemporaryFile()
    with storage.open(name, "rb") as src:
        shutil.copyfileobj(src, spool, 1024 * 1024)
    spool.seek(0)
    return spool

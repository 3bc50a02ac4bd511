"""Where uploaded files are kept: Django's file-system storage, made safe for a full disk and several servers.

A file is written under a hidden temporary name beside its place, flushed to the disk, and only then given its
name (a hard link, which never replaces a file already there). So a write cut short — the disk full, the quota
reached, the process killed — never leaves a half-written file under a name a row could point to, and a server
reading the shared directory never sees one being written. The temporary file is removed on failure.

``UNIONHOME_MEDIA_ROOT`` is the directory: for several app servers, one shared directory (NFS or similar) mounted
on every server (README, "Several app servers").
"""
from __future__ import annotations

import errno
import os
import tempfile

from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy

from unionhome.core.errors import Unavailable

# What the operating system answers when there is no room left for a file.
NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
STORAGE_FULL_MESSAGE = gettext_lazy("服务器存储空间已满，文件没有保存，请稍后再试或联系管理员")


def storage_full() -> Unavailable:
    return Unavailable("storage_full", STORAGE_FULL_MESSAGE, field="file")


def is_no_space(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in NO_SPACE


class SafeFileSystemStorage(FileSystemStorage):
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

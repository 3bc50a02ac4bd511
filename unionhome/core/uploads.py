"""Uploaded photos and documents: what a file really is, how large it may be, and the name it is kept under.

The kind of a file is read from its first bytes, never from its name or the browser's content type
(OWASP ASVS 5.2.2); the size limit is checked before anything is stored (5.2.1); the uploader's file name
never reaches the disk (5.3.2). Used by activity photos, visit photos and receipt attachments; each keeps
its own error codes and wording through an ``Accept``.
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from unionhome.core.errors import RuleViolation

HEAD_BYTES = 16  # enough for every signature below


@dataclass(frozen=True)
class FileKind:
    ext: str                          # the extension a stored file gets
    content_type: str
    names: tuple[str, ...]            # the extensions an uploader's file name may carry for this kind
    matches: Callable[[bytes], bool]  # does a file starting with these bytes have this kind?


JPEG = FileKind("jpg", "image/jpeg", ("jpg", "jpeg"), lambda head: head.startswith(b"\xff\xd8\xff"))
PNG = FileKind("png", "image/png", ("png",), lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"))
GIF = FileKind("gif", "image/gif", ("gif",), lambda head: head.startswith((b"GIF87a", b"GIF89a")))
WEBP = FileKind("webp", "image/webp", ("webp",), lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP")
PDF = FileKind("pdf", "application/pdf", ("pdf",), lambda head: head.startswith(b"%PDF-"))
IMAGES = (JPEG, PNG, GIF, WEBP)


@dataclass(frozen=True)
class Accept:
    """What one kind of upload may be, and how a refusal reads.

    ``too_large`` is a (code, message) whose message may use ``{mb}`` (the limit in MB).
    With ``name_mismatch`` set, the file name's extension must be one of the kinds' and agree with the
    bytes (a receipt named .png must be a PNG); otherwise the name is ignored.
    """

    kinds: tuple[FileKind, ...]
    wrong_type: tuple[str, str]
    too_large: tuple[str, str]
    name_mismatch: str = ""


# Activity and visit photos: pictures a phone takes or a chat app forwards.
PHOTO = Accept(kinds=IMAGES, wrong_type=("photo_not_image", "只能上传 JPG、PNG、GIF 或 WebP 图片"),
               too_large=("photo_too_large", "照片不能超过 {mb} MB"))


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def upload_check(upload, *, accept: Accept, max_bytes: int, field: str = "file") -> FileKind:
    """Refuse an empty, too large or wrongly typed upload; return the kind its bytes show.

    The upload is left at its start, ready to be stored with ``upload_store``.
    """
    ext = _extension((getattr(upload, "name", "") or "").strip())
    if accept.name_mismatch and not any(ext in kind.names for kind in accept.kinds):
        raise RuleViolation(*accept.wrong_type, field=field)
    if not upload.size:
        raise RuleViolation("upload_empty", "文件是空的，请重新选择", field=field)
    if upload.size > max_bytes:
        code, message = accept.too_large
        raise RuleViolation(code, message.format(mb=max_bytes // (1024 * 1024)), field=field)
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    kind = next((k for k in accept.kinds if k.matches(head)), None)
    if accept.name_mismatch and (kind is None or ext not in kind.names):
        raise RuleViolation(accept.wrong_type[0], accept.name_mismatch, field=field)
    if kind is None:
        raise RuleViolation(*accept.wrong_type, field=field)
    return kind


def generated_name(filename: str) -> str:
    """A random file name keeping only a short plain extension of ``filename`` (for ``upload_to``)."""
    ext = _extension(filename)
    return f"{uuid.uuid4().hex}.{ext if re.fullmatch(r'[a-z0-9]{1,5}', ext) else 'bin'}"


def upload_store(file, upload, kind: FileKind) -> str:
    """Save a checked upload into a model's file field (the row itself is not saved) under a generated
    name with the extension of its kind; returns the stored name."""
    upload.seek(0)
    file.save(f"{uuid.uuid4().hex}.{kind.ext}", upload, save=False)
    return file.name

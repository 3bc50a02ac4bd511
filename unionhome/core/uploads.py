"""Uploaded photos and documents: what a file really is, how large it may be, and the name it is kept under.

The kind of a file is read from its first bytes, never from its name or the browser's content type
(OWASP ASVS 5.2.2); the size limit is checked before anything is stored (5.2.1); the uploader's file name
never reaches the disk (5.3.2). Used by activity photos, visit photos and receipt attachments; each keeps
its own error codes and wording through an ``Accept``.
"""
from __future__ import annotations

import io
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhome.core.errors import RuleViolation
from unionhome.core.storage import is_no_space, storage_full

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
PHOTO = Accept(kinds=IMAGES, wrong_type=("photo_not_image", gettext_lazy("只能上传 JPG、PNG、GIF 或 WebP 图片")),
               too_large=("photo_too_large", gettext_lazy("照片不能超过 {mb} MB")))


def stored_file_response(field, *, content_type: str, filename: str = "") -> FileResponse:
    """Serve back a file an upload stored (a ``FileField``), shown in the browser under ``filename`` if given;
    404 when the field is empty or the file is gone from storage. Pages and the API alike call this after
    fetching the row through their own permission and union checks."""
    if not field:
        raise Http404
    try:
        return FileResponse(field.open("rb"), content_type=content_type, filename=filename)
    except (FileNotFoundError, ValueError):
        raise Http404 from None


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
        raise RuleViolation("upload_empty", _("文件是空的，请重新选择"), field=field)
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


# A phone photo is ~12–50 megapixels; far beyond that is a decompression bomb, not a picture.
MAX_IMAGE_PIXELS = 80_000_000
_PIL_FORMATS = {"jpg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}


def image_reencoded(upload, kind: FileKind, *, field: str = "file") -> bytes:
    """The picture drawn again from its pixels: whatever rode after or inside the image data
    (an appended archive or script, EXIF with the place it was taken) is left behind; a phone's
    rotation is applied to the pixels. A file that does not decode as the kind its bytes claim is refused."""
    from PIL import Image, ImageOps

    unreadable = RuleViolation("image_unreadable", _("图片已损坏或无法读取，请换一张"), field=field)
    upload.seek(0)
    try:
        with Image.open(upload) as img:
            if img.format != _PIL_FORMATS[kind.ext]:
                raise unreadable
            if img.width * img.height > MAX_IMAGE_PIXELS:
                raise RuleViolation("image_too_many_pixels", _("图片尺寸过大，请缩小后再上传"), field=field)
            frames = getattr(img, "n_frames", 1)
            img.load()
            out = io.BytesIO()
            if frames > 1:  # an animated GIF/WebP/PNG keeps its frames, each redrawn
                img.save(out, format=img.format, save_all=True)
            elif kind is JPEG:
                picture = ImageOps.exif_transpose(img)
                if picture.mode not in ("RGB", "L", "CMYK"):
                    picture = picture.convert("RGB")
                picture.save(out, format="JPEG", quality=90)
            else:
                img.save(out, format=img.format)
    except RuleViolation:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        raise unreadable from None
    finally:
        upload.seek(0)
    return out.getvalue()


def upload_store(file, upload, kind: FileKind) -> str:
    """Save a checked upload into a model's file field (the row itself is not saved) under a generated
    name with the extension of its kind; returns the stored name. Images are re-encoded
    (``image_reencoded``); other kinds (PDF) are kept as sent. A full disk is ``Unavailable("storage_full")`` (503)
    with nothing stored, so the row that would point to the file is never saved."""
    upload.seek(0)
    content = ContentFile(image_reencoded(upload, kind)) if kind in IMAGES else upload
    try:
        file.save(f"{uuid.uuid4().hex}.{kind.ext}", content, save=False)
    except OSError as exc:
        if is_no_space(exc):  # the storage left nothing under the name (core/storage.py); say so in words
            raise storage_full() from None
        raise
    return file.name

"""The S3-compatible bucket behind ``UNIONHOME_STORAGE=s3`` (AWS S3, MinIO, 阿里云 OSS, 腾讯云 COS …), via
django-storages. Its own module so that boto3 is imported only by an installation that uses a bucket.

An object appears only when its PUT (or the last part of a multipart upload) has completed, so a write cut short
leaves nothing under a name a row could point to: the bucket's own whole-or-nothing, as ``SafeFileSystemStorage``
gives on a disk. Objects are private (no ACL is set, so the bucket's own private default applies) and ``url()``
refuses: every file is served by the app's permission-checked views, read from the bucket by the app."""
from __future__ import annotations

import logging

from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

from unionhome.core.storage import storage_unavailable

logger = logging.getLogger(__name__)


class PrivateS3Storage(S3Storage):
    def _save(self, name, content):
        """A bucket that does not answer, or refuses the write, is ``Unavailable("storage_unavailable")`` (503, a
        message in words, as a full disk is): no object was made, so no row will point at one."""
        try:
            return super()._save(name, content)
        except (BotoCoreError, ClientError) as exc:
            logger.warning("storing %s in the bucket failed: %s", name, exc)
            raise storage_unavailable() from exc

    def url(self, name, *args, **kwargs):
        raise NotImplementedError("Stored files are served by the app's views, never by a bucket URL")

    def replace(self, name: str, content) -> str:
        """One PUT under exactly ``name``: S3 replaces an object atomically (``core.storage.stored_replace``)."""
        return self._save(name, content)

"""The S3-compatible bucket behind ``UNIONHOME_STORAGE=s3`` (AWS S3, MinIO, 阿里云 OSS, 腾讯云 COS …), via
django-storages. Its own module so that boto3 is imported only by an installation that uses a bucket.

An object appears only when its PUT (or the last part of a multipart upload) has completed, so a write cut short
leaves nothing under a name a row could point to: the bucket's own whole-or-nothing, as ``SafeFileSystemStorage``
gives on a disk. Objects are private (no ACL is set, so the bucket's own private default applies) and ``url()``
refuses: every file is served by the app's permission-checked views, read from the bucket by the app."""
from __future__ import annotations

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    def url(self, name, *args, **kwargs):
        raise NotImplementedError("Stored files are served by the app's views, never by a bucket URL")

    def replace(self, name: str, content) -> str:
        """One PUT under exactly ``name``: S3 replaces an object atomically (``core.storage.stored_replace``)."""
        return self._save(name, content)

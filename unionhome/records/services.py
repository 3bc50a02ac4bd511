"""Writes of the 台账 bundle: asking for one (a background job builds it), keeping it, downloading it."""
from __future__ import annotations

import datetime as dt
import os
import tempfile

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, Forbidden, RuleViolation
from unionhome.core.rules import rule_value
from unionhome.core.storage import stored_take
from unionhome.jobs.services import job_start
from unionhome.records.bundle import bundle_write, empty_message
from unionhome.records.models import Bundle
from unionhome.records.queries import has_records, is_expired

JOB_KIND = "records.bundle"
# Up to this many people on the roster the bundle is built in the request; above it, by the background worker
# with a progress bar (the documents and photos of a large union take minutes).
RUN_NOW_LIMIT = 300


def bundle_request(*, actor, union, year: int, reveal: bool = False, may_reveal: bool = False,
                   run_now: bool | None = None) -> Bundle:
    """Ask for the year's bundle. Personal data is masked unless ``reveal`` is asked for by a role that may see
    it (``members.reveal``). A year with no record at all is refused with a message, before any work starts."""
    if not 2000 <= int(year) <= timezone.localdate().year:
        raise RuleViolation("year_invalid", gettext("年度应在2000年至今年之间"), field="year")
    if reveal and not may_reveal:
        raise Forbidden("reveal_not_allowed", gettext("您没有导出完整姓名和会员证号的权限，台账包将脱敏生成"))
    if not has_records(union, year):
        raise RuleViolation("bundle_empty", empty_message(year), field="year")
    bundles_expire()
    with transaction.atomic():
        bundle = Bundle.objects.create(union=union, year=year, reveal=reveal, requested_by=actor,
                                       once=bool(rule_value("records.bundle_once", union=union)))
        audit_log(actor=actor, union=union, action="records.bundle.requested", target=bundle,
                  after={"year": year, "reveal": reveal})
    if run_now is None:
        from unionhome.members.models import Worker

        run_now = Worker.objects.filter(union=union).count() <= RUN_NOW_LIMIT
    job = job_start(actor=actor, union=union, kind=JOB_KIND, params={"bundle": bundle.pk}, run_now=run_now)
    Bundle.objects.filter(pk=bundle.pk).update(job=job)
    bundle.refresh_from_db()
    return bundle


def bundle_build(bundle: Bundle, *, progress=None) -> Bundle:
    """The job's work: write the zip to a local temporary file (the zip's central directory is written by seeking
    back), then keep it in the storage (directory or bucket) for ``records.bundle_days``."""
    fd, tmp = tempfile.mkstemp(suffix=".zip")
    try:
        with os.fdopen(fd, "w+b") as fh:
            try:
                written = bundle_write(fh, union=bundle.union, year=bundle.year, reveal=bundle.reveal,
                                       progress=progress)
            except RuleViolation as exc:
                Bundle.objects.filter(pk=bundle.pk).update(status=Bundle.Status.FAILED, message=exc.message)
                raise
            size = fh.tell()
            fh.seek(0)
            days = int(rule_value("records.bundle_days", union=bundle.union))
            with transaction.atomic():
                bundle = Bundle.objects.select_for_update().get(pk=bundle.pk)
                bundle.file.save(f"bundle-{bundle.year}.zip", File(fh), save=False)
                bundle.size, bundle.files, bundle.records = size, len(written.files), written.records
                bundle.status = Bundle.Status.READY
                bundle.expires_at = timezone.now() + dt.timedelta(days=days)
                bundle.message = gettext("共%(records)s条记录、%(files)s个文件，保留至%(until)s") % {
                    "records": written.records, "files": len(written.files),
                    "until": timezone.localtime(bundle.expires_at).strftime("%Y-%m-%d %H:%M")}
                bundle.save()
                audit_log(actor=bundle.requested_by, union=bundle.union, action="records.bundle.built",
                          target=bundle, after={"records": bundle.records, "files": bundle.files, "size": size})
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return bundle


@transaction.atomic
def bundle_download(*, actor, bundle: Bundle):
    """The zip for the officer who asked, as an open file; every download is audited. A bundle past its keeping
    period is deleted and refused; a bundle for one download is deleted after it."""
    bundle = Bundle.objects.select_for_update().select_related("union").get(pk=bundle.pk)
    if bundle.status != Bundle.Status.READY or not bundle.file:
        raise Conflict("bundle_not_ready", gettext("台账包尚未生成或已清理，请重新生成"))
    if is_expired(bundle):
        _forget(bundle)
        raise Conflict("bundle_expired", gettext("台账包已过保留期并已清理，请重新生成"))
    # A bundle for one download is taken into a local temporary file before its stored file is deleted (an
    # object deleted from a bucket is gone for every reader, unlike an open file on disk); otherwise it is
    # streamed from the storage.
    handle = stored_take(bundle.file.name, storage=bundle.file.storage) if bundle.once else bundle.file.open("rb")
    bundle.downloads += 1
    bundle.save(update_fields=["downloads", "updated_at"])
    audit_log(actor=actor, union=bundle.union, action="records.bundle.downloaded", target=bundle,
              note=gettext("完整姓名和会员证号") if bundle.reveal else gettext("脱敏"))
    if bundle.once:
        _forget(bundle)
    return handle


def _forget(bundle: Bundle) -> None:
    if bundle.file:
        bundle.file.storage.delete(bundle.file.name)
    bundle.file = ""
    bundle.status = Bundle.Status.GONE
    bundle.save(update_fields=["file", "status", "updated_at"])


def bundles_expire(*, now=None) -> int:
    """Delete the files of every bundle past its keeping period (run on each new request; no file outlives it
    by more than the time to the next request or ``manage.py`` run)."""
    now = now or timezone.now()
    gone = 0
    for bundle in Bundle.objects.filter(status=Bundle.Status.READY, expires_at__lte=now):
        with transaction.atomic():
            _forget(bundle)
            audit_log(actor=None, union=bundle.union, action="records.bundle.expired", target=bundle)
        gone += 1
    return gone

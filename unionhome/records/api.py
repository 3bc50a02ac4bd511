"""The 台账 bundle over the API: ask for a year's bundle, follow its progress, download it."""
from __future__ import annotations

import datetime as dt

from django.http import FileResponse
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status

from unionhome.core.permissions import api_require
from unionhome.jobs.services import job_progress
from unionhome.records import queries, services

router = Router(tags=[gettext_lazy("台账包")])


class BundleIn(Schema):
    year: int
    reveal: bool = False


class BundleOut(Schema):
    id: int
    year: int
    reveal: bool
    status: str
    message: str
    percent: int
    job_id: int | None
    records: int
    files: int
    size: int
    expires_at: dt.datetime | None
    downloads: int


def _out(bundle) -> dict:
    percent = 100 if bundle.status == "ready" else (job_progress(bundle.job)["percent"] if bundle.job else 0)
    status, message = bundle.status, bundle.message
    if status == "queued" and bundle.job and bundle.job.status == "failed":
        status, message = "failed", bundle.job.message
    return {"id": bundle.pk, "year": bundle.year, "reveal": bundle.reveal, "status": status, "message": message,
            "percent": percent, "job_id": bundle.job_id, "records": bundle.records, "files": bundle.files,
            "size": bundle.size, "expires_at": bundle.expires_at, "downloads": bundle.downloads}


@router.post("/bundles", response={201: BundleOut}, url_name="records_bundles")
def bundle_request(request, body: BundleIn):
    """Ask for the year's bundle (masked unless ``reveal`` and the role may see personal data); built in the
    background for a large union: follow ``GET /records/bundles/{id}``."""
    ctx = api_require(request, "records.bundle")
    bundle = services.bundle_request(actor=request.user, union=ctx.union, year=body.year, reveal=body.reveal,
                                     may_reveal=ctx.has("members.reveal"))
    return Status(201, _out(queries.own_bundle_or_404(ctx, bundle.pk)))


@router.get("/bundles/{int:bundle_id}", response=BundleOut, url_name="records_bundle")
def bundle_detail(request, bundle_id: int):
    """The bundle's progress and, once ready, its size and keeping period."""
    ctx = api_require(request, "records.bundle")
    return _out(queries.own_bundle_or_404(ctx, bundle_id))


@router.get("/bundles/{int:bundle_id}/download", url_name="records_bundle_download")
def bundle_download(request, bundle_id: int):
    """The zip (audited; refused once the keeping period has passed)."""
    ctx = api_require(request, "records.bundle")
    bundle = queries.own_bundle_or_404(ctx, bundle_id)
    handle = services.bundle_download(actor=request.user, bundle=bundle)
    return FileResponse(handle, as_attachment=True, filename=bundle.download_name, content_type="application/zip")

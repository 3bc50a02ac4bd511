"""The 台账 bundle's page: ask for a year's bundle (built in the background), see the bundles asked for, download."""
from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from unionhome.core.permissions import require
from unionhome.core.views import attempt, form_page
from unionhome.records import queries, services
from unionhome.records.forms import BundleForm


@require("records.bundle")
def home(request):
    may_reveal = request.ctx.has("members.reveal")
    form = BundleForm(request.POST or None, may_reveal=may_reveal)
    return form_page(
        request, form, lambda d: services.bundle_request(
            actor=request.user, union=request.ctx.union, year=d["year"], reveal=d.get("reveal", False),
            may_reveal=may_reveal),
        template="records/home.html", status=422,
        context=lambda: {"bundles": queries.own_bundles(request.ctx)[:20], "may_reveal": may_reveal},
        ok=lambda b: _("已开始生成%(year)s年度台账包") % {"year": b.year},
        to=lambda b: reverse("jobs:detail", args=[b.job_id]) if b.job_id else reverse("records:home"))


@require("records.bundle")
def download(request, pk: int):
    bundle = queries.own_bundle_or_404(request.ctx, pk)
    outcome = attempt(lambda: services.bundle_download(actor=request.user, bundle=bundle), request=request)
    if not outcome:
        return redirect("records:home")
    messages.info(request, _("台账包下载已记录在操作日志中"))
    return FileResponse(outcome.value, as_attachment=True, filename=bundle.download_name,
                        content_type="application/zip")

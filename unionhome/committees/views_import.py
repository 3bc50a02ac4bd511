"""The organisation template page: download it, fill it, import it (all or nothing, with row errors)."""
from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhome.committees.org_import import org_import_upload, org_template
from unionhome.core.forms import BootstrapFormMixin
from unionhome.core.permissions import require
from unionhome.core.views import attempt

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class OrgImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=gettext_lazy("组织架构文件（.xlsx）"))
    dry_run = forms.BooleanField(label=gettext_lazy("只检查，不导入"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UNIONHOME_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件过大"))
        return upload


@require("org.manage", "committees.manage")
def org_import_view(request):
    form = OrgImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "errors": []}
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: org_import_upload(actor=request.user, union=request.ctx.union,
                                                    chunks=form.cleaned_data["file"].chunks(),
                                                    dry_run=form.cleaned_data["dry_run"]), form=form, field="file")
        if not outcome:
            context["errors"] = outcome.error.details.get("errors", [])
        else:
            report = outcome.value
            if not report.written:
                context["report"] = report
            else:
                messages.success(request, _("组织架构已导入：单位 %(units)s 个、小组 %(groups)s 个、小组负责人 %(leaders)s 名、"
                                            "届次 %(terms)s 个、职务 %(positions)s 个") % report.created)
                return redirect("org:home")
    return render(request, "committees/org_import.html", context)


@require("org.manage", "committees.manage")
def org_template_view(request):
    response = HttpResponse(org_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="org-template.xlsx"'
    return response

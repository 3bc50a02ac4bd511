"""Report pages: the chair writes the narrative around the figures on a phone, generates, downloads; versions
and the union's Word template. Services run through ``core.views`` (``form_page`` / ``form_action`` /
``button_action``)."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.core.docx import attachment
from unionhome.core.permissions import require
from unionhome.core.views import button_action, form_action, form_page
from unionhome.reports import forms, queries, services
from unionhome.reports.models import Kind, Version
from unionhome.reports.sections import sections


def _year_kind(year: int, kind: str) -> tuple[int, str]:
    if kind not in Kind.values or not services.FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404
    return year, kind


def _to(year: int, kind: str) -> str:
    return reverse("reports:draft", args=[year, kind])


@require("reports.view")
def home(request):
    union = request.ctx.union
    this_year = timezone.localdate().year
    found = {(d.year, d.kind): d for d in queries.drafts(union)}
    rows = [{"year": y, "kinds": [{"kind": k, "label": label, "draft": found.get((y, k))} for k, label in Kind.choices]}
            for y in range(this_year, this_year - 5, -1)]
    return render(request, "reports/home.html", {
        "rows": rows, "can_edit": request.ctx.has("reports.edit"),
        "template": queries.template_current(union)})


def _file_name(union, year: int, kind: str) -> str:
    return _("%(union)s%(year)s年%(kind)s.docx") % {"union": union.name, "year": year, "kind": queries.kind_label(kind)}


@require("reports.view")
def draft(request, year: int, kind: str):
    year, kind = _year_kind(year, kind)
    union = request.ctx.union
    d = queries.draft_for(union, year, kind)
    texts = queries.texts_of(d, kind)
    form = forms.NarrativeForm(request.POST or None, kind=kind, texts=texts)
    if request.method == "POST" and not request.ctx.has("reports.edit"):
        raise PermissionDenied

    def context():
        generated = queries.generated_before(d) if d else None
        return {"year": year, "kind": kind, "kind_label": queries.kind_label(kind), "draft": d,
                "rows": [(v, form[f"text_{v.section.key}"]) for v in queries.section_views(kind, texts, generated)],
                "generated": generated, "placeholders": queries.placeholder_choices(),
                "versions": list(d.versions.select_related("created_by")[:30]) if d else [],
                "can_edit": request.ctx.has("reports.edit"), "generate_form": forms.GenerateForm(),
                "other_kinds": [(k, label) for k, label in Kind.choices if k != kind]}

    return form_page(request, form, lambda data: services.narrative_save(
        actor=request.user, union=union, year=year, kind=kind, texts=form.texts()),
        template="reports/draft.html", context=context, ok=_("已保存为新版本"), to=_to(year, kind))


@require_POST
@require("reports.edit")
def generate(request, year: int, kind: str):
    year, kind = _year_kind(year, kind)

    def ok(version: Version):
        if version.changed:
            return messages.WARNING, _("已重新生成：%(n)s项数字有变化，已标出") % {"n": len(version.changed)}
        return _("已生成数字（数据截至%(day)s）") % {"day": version.as_of}

    return form_action(request, forms.GenerateForm(request.POST), lambda data: services.report_generate(
        actor=request.user, union=request.ctx.union, year=year, kind=kind, as_of=data.get("as_of")),
        ok=ok, to=_to(year, kind))


def _version(d, number) -> Version | None:
    if number in (None, ""):
        return None
    if not str(number).isdigit() or d is None:
        raise Http404
    version = queries.version_of(d, int(number))
    if version is None:
        raise Http404
    return version


@require("reports.view")
def download(request, year: int, kind: str):
    year, kind = _year_kind(year, kind)
    union = request.ctx.union
    d = queries.draft_for(union, year, kind)
    version = _version(d, request.GET.get("version"))
    content = services.report_docx(actor=request.user, union=union, year=year, kind=kind, version=version,
                                   marks=request.GET.get("clean") != "1")
    return attachment(content, _file_name(union, year, kind), fallback=f"report-{year}-{kind}.docx")


@require("reports.view")
def version_detail(request, year: int, kind: str, number: int):
    year, kind = _year_kind(year, kind)
    d = queries.draft_for(request.ctx.union, year, kind)
    version = _version(d, number)
    generated = queries.generated_before(d, version.number)
    return render(request, "reports/version.html", {
        "year": year, "kind": kind, "kind_label": queries.kind_label(kind), "version": version, "generated": generated,
        "views": queries.section_views(kind, queries.texts_of(d, kind, version), generated)})


@require("reports.edit")
def template_page(request):
    union = request.ctx.union
    form = forms.TemplateForm(request.POST or None, request.FILES or None)
    return form_page(request, form, lambda data: services.template_upload(actor=request.user, union=union,
                                                                          upload=data["template"]),
                     template="reports/template.html", ok=_("已上传，生成的文稿将使用本会模板"),
                     to=reverse("reports:template"),
                     context=lambda: {"templates": queries.templates_recent(union),
                                      "sections": sections()})


@require_POST
@require("reports.edit")
def template_reset(request):
    return button_action(request, lambda: services.template_reset(actor=request.user, union=request.ctx.union),
                         ok=_("已恢复默认模板"), to=reverse("reports:template"))


@require("reports.view")
def template_download(request):
    content = services.template_download(actor=request.user, union=request.ctx.union)
    return attachment(content, _("年度工作总结模板.docx"), fallback="report-template.docx")

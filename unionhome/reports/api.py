"""JSON API of the annual report: read the draft, save the narrative, generate, list and read versions, download
the document; the union's template. The same services, permissions and error codes as the pages."""
from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from unionhome.core.docx import DOCX_TYPE, attachment
from unionhome.core.errors import RuleViolation
from unionhome.core.permissions import api_require
from unionhome.reports import queries, services
from unionhome.reports.models import Kind, Version

router = Router(tags=[gettext_lazy("年度总结")])
DOCX = {200: {"description": "a Word document", "content": {DOCX_TYPE: {"schema": {"type": "string", "format": "binary"}}}}}


class FigureOut(Schema):
    key: str
    name: str
    shown: str
    changed_from: str | None
    missing: bool


class SectionOut(Schema):
    key: str
    heading: str
    text: str
    figures: list[FigureOut]


class VersionOut(Schema):
    number: int
    source: str
    created_by: str | None
    created_at: dt.datetime
    as_of: dt.date | None
    computed_at: dt.datetime | None
    changed: dict


class DraftOut(Schema):
    year: int
    kind: str
    sections: list[SectionOut]
    generated: VersionOut | None
    latest: int | None


class NarrativeIn(Schema):
    texts: dict[str, str]


class GenerateIn(Schema):
    as_of: dt.date | None = None


class VersionDetailOut(VersionOut):
    texts: dict
    figures: dict


class DraftRowOut(Schema):
    year: int
    kind: str
    kind_label: str
    latest: int | None
    generated: VersionOut | None


class TemplateOut(Schema):
    id: int
    name: str
    size: int


def _year_kind(year: int, kind: str) -> None:
    if kind not in Kind.values or not services.FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404


def _version_out(v: Version | None) -> dict | None:
    if v is None:
        return None
    return {"number": v.number, "source": v.source, "created_by": v.created_by.get_username() if v.created_by else None,
            "created_at": v.created_at, "as_of": v.as_of, "computed_at": v.computed_at, "changed": v.changed}


def _draft_out(union, year: int, kind: str) -> dict:
    d = queries.draft_for(union, year, kind)
    texts = queries.texts_of(d, kind)
    generated = queries.generated_before(d) if d else None
    latest = queries.latest(d) if d else None
    return {"year": year, "kind": kind, "generated": _version_out(generated), "latest": latest.number if latest else None,
            "sections": [{"key": v.section.key, "heading": str(v.section.heading), "text": v.text, "figures": v.figures}
                         for v in queries.section_views(kind, texts, generated)]}


@router.get("", response=list[DraftRowOut], url_name="reports_list")
def draft_list(request):
    """The union's drafts, newest year first (what the reports page lists): each one's latest version and its
    last generation."""
    ctx = api_require(request, "reports.view")
    out = []
    for d in queries.drafts(ctx.union):
        latest = queries.latest(d)
        out.append({"year": d.year, "kind": d.kind, "kind_label": queries.kind_label(d.kind),
                    "latest": latest.number if latest else None, "generated": _version_out(queries.generated_before(d))})
    return out


@router.get("/template", url_name="reports_template_download", openapi_extra={"responses": DOCX})
def template_download(request):
    """The Word template in use (the union's, else the default) to edit in Word; audited."""
    ctx = api_require(request, "reports.view")
    content = services.template_download(actor=request.user, union=ctx.union)
    return attachment(content, gettext("年度工作总结模板.docx"), fallback="report-template.docx")


@router.post("/template", response={201: TemplateOut}, url_name="reports_template_upload")
def template_upload(request, template: UploadedFile = File(None)):
    """The union's own template (multipart field ``template``, .docx). 422 ``template_not_docx``,
    ``template_too_large``, ``template_invalid``, ``template_tags_broken``: nothing is kept."""
    ctx = api_require(request, "reports.edit")
    if template is None:
        raise RuleViolation("file_required", gettext("请选择模板文件"), field="template")
    t = services.template_upload(actor=request.user, union=ctx.union, upload=template)
    return Status(201, {"id": t.pk, "name": t.name, "size": t.size})


@router.post("/template/reset", url_name="reports_template_reset")
def template_reset(request):
    """Back to the default template (the union's uploads removed)."""
    ctx = api_require(request, "reports.edit")
    return {"removed": services.template_reset(actor=request.user, union=ctx.union)}


@router.get("/{int:year}/{kind}", response=DraftOut, url_name="reports_draft")
def draft(request, year: int, kind: str):
    """The draft of ``kind`` (annual | deeds): each section's text and figures (changed ones with the value before)."""
    ctx = api_require(request, "reports.view")
    _year_kind(year, kind)
    return _draft_out(ctx.union, year, kind)


@router.put("/{int:year}/{kind}/narrative", response=DraftOut, url_name="reports_narrative_save")
def narrative_save(request, year: int, kind: str, data: NarrativeIn):
    """Save the narrative (section key → text; placeholders such as ``{{ care.visits }}``) as a new version.
    422 ``report_unknown_figure``, ``report_text_too_long``."""
    ctx = api_require(request, "reports.edit")
    _year_kind(year, kind)
    services.narrative_save(actor=request.user, union=ctx.union, year=year, kind=kind, texts=data.texts)
    return _draft_out(ctx.union, year, kind)


@router.post("/{int:year}/{kind}/generate", response=VersionOut, url_name="reports_generate")
def generate(request, year: int, kind: str, data: GenerateIn):
    """Compute the figures (as of ``as_of``, default the year's end or today) as a new version; ``changed`` lists
    the figures that differ from the previous generation."""
    ctx = api_require(request, "reports.edit")
    _year_kind(year, kind)
    return _version_out(services.report_generate(actor=request.user, union=ctx.union, year=year, kind=kind,
                                                 as_of=data.as_of))


@router.get("/{int:year}/{kind}/versions", response=list[VersionOut], url_name="reports_versions")
def versions(request, year: int, kind: str):
    ctx = api_require(request, "reports.view")
    _year_kind(year, kind)
    d = queries.draft_for(ctx.union, year, kind)
    return [_version_out(v) for v in d.versions.select_related("created_by")] if d else []


def _version(union, year: int, kind: str, number: int) -> Version:
    d = queries.draft_for(union, year, kind)
    version = d.versions.filter(number=number).first() if d else None
    if version is None:
        raise Http404
    return version


@router.get("/{int:year}/{kind}/versions/{int:number}", response=VersionDetailOut, url_name="reports_version")
def version(request, year: int, kind: str, number: int):
    ctx = api_require(request, "reports.view")
    _year_kind(year, kind)
    v = _version(ctx.union, year, kind, number)
    return {**_version_out(v), "texts": v.texts, "figures": v.figures}


@router.get("/{int:year}/{kind}/document", url_name="reports_download", openapi_extra={"responses": DOCX})
def download(request, year: int, kind: str, version: int | None = None, clean: bool = False):
    """The document as Word (``version``: that version's text; ``clean``: without the change marks); audited."""
    ctx = api_require(request, "reports.view")
    _year_kind(year, kind)
    v = _version(ctx.union, year, kind, version) if version is not None else None
    content = services.report_docx(actor=request.user, union=ctx.union, year=year, kind=kind, version=v,
                                   marks=not clean)
    name = gettext("%(union)s%(year)s年%(kind)s.docx") % {"union": ctx.union.name, "year": year,
                                                         "kind": queries.kind_label(kind)}
    return attachment(content, name, fallback=f"report-{year}-{kind}.docx")

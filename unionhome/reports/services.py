"""Writes of the report: the chair's narrative (a new version per save), the generation of the figures (a new
version keeping what was counted and which figures changed since the last generation), the union's template;
and the document (each download audited). Every write is audited in its transaction."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhome.core import uploads
from unionhome.core.audit import audit_log
from unionhome.core.docx import DOCX_TYPE
from unionhome.core.errors import RuleViolation
from unionhome.core.rules import rule_value
from unionhome.reports import document, queries
from unionhome.reports.models import Draft, Kind, Template, Version
from unionhome.reports.sections import sections

FIRST_YEAR = 2000

DOCX = uploads.FileKind("docx", DOCX_TYPE, ("docx",), lambda head: head.startswith(b"PK\x03\x04"))
TEMPLATE = uploads.Accept(kinds=(DOCX,), wrong_type=("template_not_docx", gettext_lazy("模板必须是 Word 文档（.docx）")),
                          too_large=("template_too_large", gettext_lazy("模板不能超过 {mb} MB")))


def _check(year: int, kind: str) -> None:
    if kind not in Kind.values:
        raise RuleViolation("report_kind_unknown", _("没有这种文稿"), field="kind")
    if not FIRST_YEAR <= int(year) <= timezone.localdate().year + 1:
        raise RuleViolation("report_year_out_of_range", _("年度不在可选范围内"), field="year")


def _draft(*, actor, union, year: int, kind: str) -> Draft:
    _check(year, kind)
    draft, created = Draft.objects.select_for_update().get_or_create(union=union, year=year, kind=kind)
    if created:
        audit_log(actor=actor, action="reports.draft.created", target=draft, after={"year": year, "kind": kind})
    return draft


def _next_number(draft: Draft) -> int:
    last = draft.versions.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def _clean_texts(union, kind: str, texts: dict) -> dict:
    keys = {s.key for s in sections(kind)}
    out = {k: (str(v) if v is not None else "").replace("\r\n", "\n").strip() for k, v in texts.items() if k in keys}
    limit = rule_value("reports.section_max_chars", union=union)
    for key, text in out.items():
        if len(text) > limit:
            raise RuleViolation("report_text_too_long", _("每部分文字不能超过%(n)s字") % {"n": limit}, field=f"text_{key}")
    unknown = queries.unknown_placeholders(out)
    if unknown:
        raise RuleViolation("report_unknown_figure",
                            _("文中的数字占位符没有对应的登记数字：%(keys)s。数字只能引用平台登记的数字，不能手填。")
                            % {"keys": _("、").join(unknown)}, field="texts", details={"keys": unknown})
    return out


@transaction.atomic
def narrative_save(*, actor, union, year: int, kind: str = Kind.ANNUAL, texts: dict) -> Version:
    """Save the chair's narrative as a new version (the figures stay those of the last generation)."""
    draft = _draft(actor=actor, union=union, year=year, kind=kind)
    current = queries.texts_of(draft, kind)
    cleaned = {**current, **_clean_texts(union, kind, texts)}
    version = Version.objects.create(draft=draft, number=_next_number(draft), source=Version.Source.SAVED,
                                     texts=cleaned, created_by=actor if getattr(actor, "pk", None) else None)
    audit_log(actor=actor, action="reports.narrative.saved", target=draft,
              before={k: v for k, v in current.items() if cleaned.get(k) != v},
              after={k: v for k, v in cleaned.items() if current.get(k) != v}, note=f"v{version.number}")
    return version


def _keys(kind: str, texts: dict) -> list[str]:
    from unionhome.reports.sections import figure_keys

    keys = figure_keys(kind)
    for text in texts.values():
        keys += [k for k in queries.placeholders(text) if k not in keys]
    return keys


def _computed(union, year: int, kind: str, texts: dict, as_of: dt.date | None) -> dict:
    when = queries.when_for(year, as_of)
    figures = queries.figure_snapshot(union, when, _keys(kind, texts))
    charts = [c for s in sections(kind) for c in queries.chart_data(s, union, when, figures)] if kind == Kind.ANNUAL else []
    return {"figures": figures, "charts": charts, "as_of": when.as_of, "computed_at": timezone.now()}


@transaction.atomic
def report_generate(*, actor, union, year: int, kind: str = Kind.ANNUAL, as_of: dt.date | None = None) -> Version:
    """Compute the document's figures from the registry as of ``as_of`` (the year's end, or today for the running
    year) and keep them as a new version; figures whose printed value differs from the previous generation's are
    marked (``changed``: key → the value printed before)."""
    draft = _draft(actor=actor, union=union, year=year, kind=kind)
    texts = queries.texts_of(draft, kind)
    previous = queries.generated_before(draft)
    data = _computed(union, year, kind, texts, as_of)
    before = previous.figures if previous else {}
    changed = {k: before[k]["shown"] for k, f in data["figures"].items() if k in before and before[k]["shown"] != f["shown"]}
    version = Version.objects.create(draft=draft, number=_next_number(draft), source=Version.Source.GENERATED,
                                     texts=texts, changed=changed, created_by=actor if getattr(actor, "pk", None) else None,
                                     **data)
    audit_log(actor=actor, action="reports.report.generated", target=draft, note=f"v{version.number}",
              before={k: before[k]["shown"] for k in changed},
              after={"as_of": str(version.as_of), "figures": len(data["figures"]),
                     "changed": {k: data["figures"][k]["shown"] for k in changed}})
    return version


def template_bytes(union) -> bytes:
    own = Template.objects.filter(union=union).order_by("-pk").values_list("content", flat=True).first()
    return bytes(own) if own else document.default_template()


def _document(*, union, draft: Draft, version: Version | None, marks: bool, template: bytes | None = None) -> bytes:
    version = version or queries.latest(draft)
    texts = queries.texts_of(draft, draft.kind, version)
    generated = queries.generated_before(draft, version.number if version else None)
    if generated is None:  # never generated: the figures as of now, nothing kept
        data = _computed(union, draft.year, draft.kind, texts, None)
        generated = Version(draft=draft, number=0, source=Version.Source.GENERATED, texts=texts, **data)
    from unionhome.reports.sections import _plan_items

    plan = _plan_items(union, draft.year, generated.as_of) if draft.kind == Kind.ANNUAL else []
    return document.render(template or template_bytes(union), union=union, draft=draft, texts=texts,
                           generated=generated, marks=marks, plan_items=plan)


def report_docx(*, actor, union, year: int, kind: str = Kind.ANNUAL, version: Version | None = None,
                marks: bool = True) -> bytes:
    """The document as Word: ``version``'s narrative (default: the latest) with the figures of the generation at or
    before it (marked where they changed, unless ``marks`` is off for the clean copy); audited."""
    _check(year, kind)
    draft = queries.draft_for(union, year, kind) or Draft(union=union, year=year, kind=kind)
    content = _document(union=union, draft=draft, version=version, marks=marks)
    audit_log(actor=actor, union=union, action="reports.report.downloaded", target=draft if draft.pk else None,
              target_label=str(draft), after={"year": year, "kind": kind, "version": version.number if version else None,
                                              "bytes": len(content)})
    return content


def annual_report_bytes(*, union, year: int) -> bytes:
    """The clean 年度工作总结 (no change marks), not audited by itself: for the 台账 bundle, whose build and download
    are audited as one."""
    _check(year, Kind.ANNUAL)
    draft = queries.draft_for(union, year, Kind.ANNUAL) or Draft(union=union, year=year, kind=Kind.ANNUAL)
    return _document(union=union, draft=draft, version=None, marks=False)


def annual_report_docx(*, union, year: int, actor) -> bytes:
    """The year's 年度工作总结 as .docx (the latest draft and generation; the figures as of now when it was never
    generated), clean of change marks — what the assessor's 台账 bundle includes. Audited as a download."""
    return report_docx(actor=actor, union=union, year=year, kind=Kind.ANNUAL, marks=False)


def _template_ok(content: bytes) -> None:
    bad = RuleViolation("template_invalid", _("模板文件无法使用：请从平台下载默认模板，在 Word 中修改后另存为 .docx 再上传"),
                        field="template")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            if "word/document.xml" not in z.namelist():
                raise bad
    except zipfile.BadZipFile:
        raise bad from None
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    try:
        tpl = DocxTemplate(io.BytesIO(content))
        tpl.get_undeclared_template_variables()
    except TemplateError as exc:
        raise RuleViolation("template_tags_broken", _("模板中的标记有误（%(error)s），请对照默认模板修改") % {"error": exc},
                            field="template") from None
    except Exception:  # any parser failure of a user's file is a refusal, not a 500
        raise bad from None


@transaction.atomic
def template_upload(*, actor, union, upload) -> Template:
    """The union's own template (edited in Word from the default one): a Word file whose tags parse; a bad file
    is refused and nothing is kept."""
    uploads.upload_check(upload, accept=TEMPLATE, field="template",
                         max_bytes=rule_value("reports.template_max_bytes", union=union))
    upload.seek(0)
    content = upload.read()
    _template_ok(content)
    name = (getattr(upload, "name", "") or "").strip()[-200:]
    template = Template.objects.create(union=union, name=name, content=content, size=len(content),
                                       uploaded_by=actor if getattr(actor, "pk", None) else None)
    audit_log(actor=actor, action="reports.template.uploaded", target=template, after={"name": name, "size": len(content)})
    return template


@transaction.atomic
def template_reset(*, actor, union) -> int:
    """Back to the default template: the union's uploads are removed (audited)."""
    qs = Template.objects.filter(union=union)
    names = list(qs.values_list("name", flat=True))
    n = len(names)
    qs.delete()
    audit_log(actor=actor, union=union, action="reports.template.reset", before={"templates": names})
    return n


def template_download(*, actor, union) -> bytes:
    """The template in use (the union's, else the default) to edit in Word; audited."""
    content = template_bytes(union)
    audit_log(actor=actor, union=union, action="reports.template.downloaded", after={"bytes": len(content)})
    return content

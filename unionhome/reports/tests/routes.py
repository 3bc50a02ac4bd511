"""Every reports route × every role. ``reports.view``: committee, women's committee, auditor, chair, admin;
``reports.edit``: chair, admin. Drafts are the union's own: the outsider (another union's chair) reads and writes
their own union's draft, never ours; a version of ours is 404 to them."""
from django.utils import timezone

from unionhome.core.testing.matrix import Route, by_perm

VIEW = by_perm("reports.view")
EDIT = by_perm("reports.edit")
POST_EDIT = by_perm("reports.edit", ok=302)
OWN_UNION = {"outsider": False}


def _year():
    return timezone.localdate().year


def _draft(cast):
    return {"year": str(_year()), "kind": "annual"}  # a year, not an id: no other union's row to probe


def _with_version(cast):
    from unionhome.reports import services

    v = services.narrative_save(actor=cast.users["chair"], union=cast.union, year=_year(), texts={"care": "慰问。"})
    return {"year": str(_year()), "kind": "annual", "number": str(v.number)}


def _with_template(cast):
    from unionhome.reports.models import Template

    Template.objects.create(union=cast.union, name="t.docx", content=b"PK", size=2)
    return {}


def _versions(cast, kw):
    from unionhome.reports.models import Version

    return Version.objects.filter(draft__union=cast.union, source="saved").count()


def _generated(cast, kw):
    from unionhome.reports.models import Version

    return Version.objects.filter(draft__union=cast.union, source="generated").count()


def _templates(cast, kw):
    from unionhome.reports.models import Template

    return Template.objects.filter(union=cast.union).count()


def _docx(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from unionhome.reports.document import default_template

    return {"template": SimpleUploadedFile("本会模板.docx", default_template(),
                                           content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")}




ROUTES = [
    Route("reports:home", expect=VIEW),
    Route("reports:draft", kwargs=_draft, expect=VIEW),
    Route("reports:draft", method="post", kwargs=_draft, data={"text_care": "全年慰问{{ care.visits }}。"},
          expect=POST_EDIT, probe=_versions, changes=OWN_UNION),
    Route("reports:generate", method="post", kwargs=_draft, data={}, expect=POST_EDIT, probe=_generated,
          changes=OWN_UNION),
    Route("reports:download", kwargs=_draft, expect=VIEW),
    Route("reports:version", kwargs=_with_version, expect=by_perm("reports.view", outsider=404)),
    Route("reports:template", expect=EDIT),
    Route("reports:template", method="post", data=_docx, expect=by_perm("reports.edit", ok=302), probe=_templates,
          changes=OWN_UNION),
    Route("reports:template_reset", method="post", kwargs=_with_template, expect=POST_EDIT, probe=_templates,
          changes=OWN_UNION),
    Route("reports:template_download", expect=VIEW),
    Route("api:reports_list", expect=VIEW),
    Route("api:reports_draft", kwargs=_draft, expect=VIEW),
    Route("api:reports_narrative_save", method="put", json=True, kwargs=_draft,
          data={"texts": {"care": "全年慰问{{ care.visits }}。"}}, expect=EDIT, probe=_versions, changes=OWN_UNION),
    Route("api:reports_generate", method="post", json=True, kwargs=_draft, data={}, expect=EDIT, probe=_generated,
          changes=OWN_UNION),
    Route("api:reports_versions", kwargs=_draft, expect=VIEW),
    Route("api:reports_version", kwargs=_with_version, expect=by_perm("reports.view", outsider=404)),
    Route("api:reports_download", kwargs=_draft, expect=VIEW),
    Route("api:reports_template_download", expect=VIEW),
    Route("api:reports_template_upload", method="post", data=_docx, expect=by_perm("reports.edit", ok=201),
          probe=_templates, changes=OWN_UNION),
    Route("api:reports_template_reset", method="post", kwargs=_with_template, expect=EDIT, probe=_templates,
          changes=OWN_UNION),
]

"""Every assessment route × every role. ``assessment.view``: committee, women's committee, auditor, chair, admin;
``assessment.manage``: committee, chair, admin; ``assessment.submit``: the chair; ``assessment.answer``: every
role of the union but the federation. The outsider (another union's chair) gets 404 for our rows."""
import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.core.testing.matrix import ROLES, Route, by_perm

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _free_year(model, union) -> int:
    """A year without a row (the default criteria are in force from 2015): the oldest row goes when all are taken."""
    taken = set(model.objects.filter(union=union).values_list("year", flat=True))
    free = [y for y in range(dt.date.today().year + 1, 2015, -1) if y not in taken]
    if free:
        return free[0]
    oldest = model.objects.filter(union=union).order_by("year").first()
    model.objects.filter(pk=oldest.pk).delete()
    return oldest.year


def _sheet(cast):
    from unionhome.assessment.models import Assessment
    from unionhome.assessment.services import assessment_open

    return assessment_open(actor=cast.users["chair"], union=cast.union, year=_free_year(Assessment, cast.union))


def _scored_sheet(cast):
    from unionhome.assessment.services import line_score

    a = _sheet(cast)
    for line in a.lines.filter(criterion__method="manual").select_related("criterion"):
        line_score(actor=cast.users["chair"], line=line, points=1)
    return a


def _manual_line(cast):
    return _sheet(cast).lines.filter(criterion__code="ORG-2").get()


def _evidence(cast):
    from unionhome.assessment.services import evidence_add

    return evidence_add(actor=cast.users["chair"], line=_manual_line(cast), upload=SimpleUploadedFile("a.pdf", PDF))


def _survey(cast, open_=False):
    from unionhome.assessment.models import Survey
    from unionhome.assessment.services_survey import survey_create, survey_open

    s = survey_create(actor=cast.users["chair"], union=cast.union, year=_free_year(Survey, cast.union), title="评家",
                      questions=["满意吗？", "总体？"])
    return survey_open(actor=cast.users["chair"], survey=s) if open_ else s


def sheet_pk(cast):
    return {"pk": _sheet(cast).pk}


def scored_pk(cast):
    return {"pk": _scored_sheet(cast).pk}


def api_sheet(cast):
    return {"assessment_id": _sheet(cast).pk}


def api_scored(cast):
    return {"assessment_id": _scored_sheet(cast).pk}


def line_pk(cast):
    return {"pk": _manual_line(cast).pk}


def evidence_pk(cast):
    return {"pk": _evidence(cast).pk}


def survey_pk(cast):
    return {"pk": _survey(cast).pk}


def open_survey_pk(cast):
    return {"pk": _survey(cast, open_=True).pk}


def api_line(cast):
    return {"line_id": _manual_line(cast).pk}


def api_evidence(cast):
    return {"evidence_id": _evidence(cast).pk}


def api_survey(cast):
    return {"survey_id": _survey(cast).pk}


def api_open_survey(cast):
    return {"survey_id": _survey(cast, open_=True).pk}


def _our(model):
    def probe(cast, kw):
        from unionhome.assessment import models

        return getattr(models, model).objects.filter(union=cast.union).count()
    return probe


def _line_points(cast, kw):
    from unionhome.assessment.models import ScoreLine

    return ScoreLine.objects.get(pk=kw.get("pk") or kw["line_id"]).points


def _evidence_count(cast, kw):
    from unionhome.assessment.models import Evidence

    return Evidence.objects.filter(line_id=kw.get("pk") or kw["line_id"]).count()


def _evidence_exists(cast, kw):
    from unionhome.assessment.models import Evidence

    return Evidence.objects.filter(pk=kw.get("pk") or kw["evidence_id"]).exists()


def _status(model, key):
    def probe(cast, kw):
        from unionhome.assessment import models

        m = getattr(models, model)
        return m.objects.get(pk=kw.get("pk") or kw[key]).status
    return probe


def _respondents(cast, kw):
    from unionhome.assessment.models import Respondent

    return Respondent.objects.filter(survey_id=kw.get("pk") or kw["survey_id"]).count()


def _new_year(model):
    def data(cast):
        from unionhome.assessment import models

        return {"year": _free_year(getattr(models, model), cast.union)}
    return data


def _survey_data(cast):
    from unionhome.assessment.models import Survey

    return {"year": _free_year(Survey, cast.union), "title": "评家", "questions": "满意吗？\n总体？"}


def _survey_json(cast):
    d = _survey_data(cast)
    return dict(d, questions=d["questions"].split("\n"))


VIEW = by_perm("assessment.view")
VIEW_OBJ = by_perm("assessment.view", outsider=404)
MANAGE_POST = by_perm("assessment.manage", ok=302, outsider=404)
MANAGE_API = by_perm("assessment.manage", outsider=404)
ANSWER = by_perm("assessment.answer")
ANSWER_OBJ = by_perm("assessment.answer", outsider=404)
NOT_OUTSIDER = {"outsider": False}


def _weight(cast):
    from unionhome.assessment.models import Criterion

    day = dt.date(2026, 1, 1) + dt.timedelta(days=Criterion.objects.filter(union=cast.union).count())
    return {"code": "BAS-1", "points": "6", "effective_from": day.isoformat(), "reason": "委员会决定"}


def _weight_json(cast):
    return {k: v for k, v in _weight(cast).items() if k != "code"}


ONE_CHANGES = dict.fromkeys(ROLES, True)  # each role's write lands on its own new row

ROUTES = [
    Route("assessment:home", expect=VIEW),
    Route("assessment:criteria", expect=VIEW),
    # the outsider opens a sheet in their own union: nothing changes in ours
    Route("assessment:open", method="post", data=_new_year("Assessment"), expect=by_perm("assessment.manage", ok=302),
          probe=_our("Assessment"), changes=NOT_OUTSIDER),
    Route("assessment:criterion_weight", method="post", data=_weight, expect=by_perm("assessment.manage", ok=302),
          probe=_our("Criterion"), changes=NOT_OUTSIDER),
    Route("assessment:sheet", kwargs=sheet_pk, expect=VIEW_OBJ),
    Route("assessment:sheet_xlsx", kwargs=sheet_pk, expect=VIEW_OBJ),
    Route("assessment:sheet_docx", kwargs=sheet_pk, expect=VIEW_OBJ),
    Route("assessment:submit", kwargs=scored_pk, method="post", expect=by_perm("assessment.submit", ok=302, outsider=404),
          probe=_status("Assessment", "assessment_id")),
    Route("assessment:line_score", kwargs=line_pk, method="post", data={"points": "5", "note": "好"},
          expect=MANAGE_POST, probe=_line_points),
    Route("assessment:evidence_add", kwargs=line_pk, method="post",
          data=lambda c: {"file": SimpleUploadedFile("b.pdf", PDF)}, expect=MANAGE_POST, probe=_evidence_count),
    Route("assessment:evidence", kwargs=evidence_pk, expect=VIEW_OBJ),
    Route("assessment:evidence_remove", kwargs=evidence_pk, method="post", expect=MANAGE_POST,
          probe=_evidence_exists),
    Route("assessment:survey_new", expect=by_perm("assessment.manage")),
    Route("assessment:survey_new", method="post", data=_survey_data, expect=by_perm("assessment.manage", ok=302),
          probe=_our("Survey"), changes=NOT_OUTSIDER),
    Route("assessment:survey", kwargs=survey_pk, expect=VIEW_OBJ),
    Route("assessment:survey_open", kwargs=survey_pk, method="post", expect=MANAGE_POST,
          probe=_status("Survey", "survey_id")),
    Route("assessment:survey_close", kwargs=open_survey_pk, method="post", expect=MANAGE_POST,
          probe=_status("Survey", "survey_id")),
    Route("assessment:survey_mine", expect=ANSWER),
    Route("assessment:survey_answer", kwargs=open_survey_pk, expect=ANSWER_OBJ),
    Route("assessment:survey_answer", kwargs=open_survey_pk, method="post", data={"q0": "S", "q1": "B"},
          expect=by_perm("assessment.answer", ok=302, outsider=404), probe=_respondents),
    # API
    Route("api:assessment_criteria", expect=VIEW),
    Route("api:assessment_criterion_weight", kwargs=lambda c: {"code": "BAS-1"}, method="post", json=True,
          data=_weight_json,
          expect=by_perm("assessment.manage", ok=201), probe=_our("Criterion"), changes=NOT_OUTSIDER),
    Route("api:assessment_open", method="post", json=True, data=_new_year("Assessment"),
          expect=by_perm("assessment.manage", ok=201), probe=_our("Assessment"), changes=NOT_OUTSIDER),
    Route("api:assessment_sheet", kwargs=api_sheet, expect=VIEW_OBJ),
    Route("api:assessment_sheet_xlsx", kwargs=api_sheet, expect=VIEW_OBJ),
    Route("api:assessment_sheet_docx", kwargs=api_sheet, expect=VIEW_OBJ),
    Route("api:assessment_submit", kwargs=api_scored, method="post",
          expect=by_perm("assessment.submit", outsider=404), probe=_status("Assessment", "assessment_id")),
    Route("api:assessment_line_score", kwargs=api_line, method="post", json=True, data={"points": 5, "note": "好"},
          expect=MANAGE_API, probe=_line_points),
    Route("api:assessment_evidence_add", kwargs=api_line, method="post",
          data=lambda c: {"file": SimpleUploadedFile("b.pdf", PDF)}, expect=by_perm("assessment.manage", ok=201, outsider=404),
          probe=_evidence_count),
    Route("api:assessment_evidence", kwargs=api_evidence, expect=VIEW_OBJ),
    Route("api:assessment_evidence_remove", kwargs=api_evidence, method="delete",
          expect=by_perm("assessment.manage", ok=204, outsider=404), probe=_evidence_exists),
    Route("api:assessment_surveys", expect=ANSWER),
    Route("api:assessment_survey_create", method="post", json=True, data=_survey_json,
          expect=by_perm("assessment.manage", ok=201), probe=_our("Survey"), changes=NOT_OUTSIDER),
    Route("api:assessment_survey", kwargs=api_survey, expect=VIEW_OBJ),
    Route("api:assessment_survey_open", kwargs=api_survey, method="post", expect=MANAGE_API,
          probe=_status("Survey", "survey_id")),
    Route("api:assessment_survey_close", kwargs=api_open_survey, method="post", expect=MANAGE_API,
          probe=_status("Survey", "survey_id")),
    Route("api:assessment_survey_answer", kwargs=api_open_survey, method="post", json=True,
          data={"choices": ["S", "B"], "comments": []}, expect=by_perm("assessment.answer", ok=201, outsider=404),
          probe=_respondents),
]

"""The self-assessment pages: the chair opens the year's sheet, scores the manual lines with evidence, sees the
automatic lines from the figures and the veto items, downloads the sheet and submits it; the committee runs the
会员评家; a member answers it on a phone."""
from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.assessment import documents, queries, services, services_survey
from unionhome.assessment.forms import AnswerForm, EvidenceForm, ScoreForm, SurveyForm, WeightForm, YearForm
from unionhome.assessment.models import Assessment, Evidence, ScoreLine, Survey
from unionhome.core import figures, uploads
from unionhome.core.docx import attachment
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import attempt, button_action, form_action, form_page


def _worker(request):
    profile = getattr(request.user, "profile", None)
    return getattr(profile, "worker", None) if profile is not None else None


@require("assessment.view")
def home(request):
    union = request.ctx.union
    return render(request, "assessment/home.html", {
        "assessments": queries.assessments_of(union), "surveys": queries.surveys_of(union),
        "year": timezone.localdate().year, "can_manage": request.ctx.has("assessment.manage"),
        "criteria": queries.criteria_in_force(union, timezone.localdate())})


@require_POST
@require("assessment.manage")
def open_year(request):
    return form_action(request, YearForm(request.POST), lambda d: services.assessment_open(
        actor=request.user, union=request.ctx.union, year=d["year"]), ok=_("已建立自评表"),
        to=lambda d: _year_page(request, d["year"]), invalid_to="assessment:home")


def _year_page(request, year: int) -> str:
    a = queries.assessment_for(request.ctx.union, year)
    return reverse("assessment:sheet", args=[a.pk]) if a else reverse("assessment:home")


def _assessment(request, pk: int) -> Assessment:
    return get_in_union_or_404(Assessment, request.ctx.union, pk=pk)


@require("assessment.view")
def sheet(request, pk: int):
    a = _assessment(request, pk)
    manage = request.ctx.has("assessment.manage") and not a.is_frozen
    return render(request, "assessment/sheet.html", {
        "a": a, "s": queries.sheet(a), "can_manage": manage, "can_submit": request.ctx.has("assessment.submit"),
        "score_form": ScoreForm(), "evidence_form": EvidenceForm(),
        # a criterion's figure links to its records only for who may open them (the figure page answers 403)
        "open_figures": {f.key for f in figures.visible(request.ctx)}})


def _line(request, pk: int) -> ScoreLine:
    return get_in_union_or_404(ScoreLine.objects.select_related("assessment", "criterion"), request.ctx.union, pk=pk)


def _back(line) -> str:
    return reverse("assessment:sheet", args=[line.assessment_id]) + f"#line-{line.criterion.code}"


@require_POST
@require("assessment.manage")
def line_score(request, pk: int):
    line = _line(request, pk)
    return form_action(request, ScoreForm(request.POST), lambda d: services.line_score(
        actor=request.user, line=line, points=d["points"], note=d["note"]), ok=_("已打分"), to=_back(line))


@require_POST
@require("assessment.manage")
def evidence_add(request, pk: int):
    line = _line(request, pk)
    return form_action(request, EvidenceForm(request.POST, request.FILES), lambda d: services.evidence_add(
        actor=request.user, line=line, upload=d["file"]), ok=_("已上传佐证"), to=_back(line),
        invalid=_("请选择佐证文件"))


def _evidence(request, pk: int) -> Evidence:
    return get_in_union_or_404(Evidence.objects.select_related("line__assessment", "line__criterion"),
                               request.ctx.union, pk=pk)


@require("assessment.view")
def evidence(request, pk: int):
    e = _evidence(request, pk)
    return uploads.stored_file_response(e.file, content_type=e.content_type, filename=e.name)


@require_POST
@require("assessment.manage")
def evidence_remove(request, pk: int):
    e = _evidence(request, pk)
    line = e.line
    return button_action(request, lambda: services.evidence_remove(actor=request.user, evidence=e),
                         ok=_("已删除佐证"), to=_back(line))


@require_POST
@require("assessment.submit")
def submit(request, pk: int):
    a = _assessment(request, pk)
    return button_action(request, lambda: services.assessment_submit(actor=request.user, assessment=a),
                         ok=_("自评已提交"), to=reverse("assessment:sheet", args=[pk]))


def _download(request, pk: int, kind: str):
    a = _assessment(request, pk)
    data, name, fallback, content_type = documents.sheet_export(actor=request.user, assessment=a, kind=kind)
    return attachment(data, name, fallback=fallback, content_type=content_type)


@require("assessment.view")
def sheet_xlsx(request, pk: int):
    return _download(request, pk, "xlsx")


@require("assessment.view")
def sheet_docx(request, pk: int):
    return _download(request, pk, "docx")


@require("assessment.view")
def criteria(request):
    union = request.ctx.union
    return render(request, "assessment/criteria.html", {
        "criteria": queries.criteria_in_force(union, timezone.localdate()),
        "own": queries.criteria_own(union),
        "can_manage": request.ctx.has("assessment.manage"), "form": WeightForm()})


@require_POST
@require("assessment.manage")
def criterion_weight(request):
    return form_action(request, WeightForm(request.POST), lambda d: services.criterion_weight_set(
        actor=request.user, union=request.ctx.union, code=d["code"], points=d["points"],
        effective_from=d["effective_from"], reason=d["reason"]), ok=_("已设定本会分值"), to="assessment:criteria")


# 会员评家

@require("assessment.manage")
def survey_new(request):
    form = SurveyForm(request.POST or None, initial={
        "year": timezone.localdate().year, "title": _("%(year)s年度会员评家") % {"year": timezone.localdate().year},
        "questions": "\n".join(str(q) for q in services_survey.DEFAULT_QUESTIONS)})
    return form_page(request, form, lambda d: services_survey.survey_create(
        actor=request.user, union=request.ctx.union, year=d["year"], title=d["title"], questions=d["questions"]),
        template="assessment/survey_new.html", ok=_("已建立会员评家"),
        to=lambda s: reverse("assessment:survey", args=[s.pk]))




def _survey(request, pk: int) -> Survey:
    return get_in_union_or_404(Survey, request.ctx.union, pk=pk)


@require("assessment.view")
def survey(request, pk: int):
    s = _survey(request, pk)
    return render(request, "assessment/survey.html", {
        "survey": s, "results": queries.survey_results(s), "can_manage": request.ctx.has("assessment.manage"),
        "respondents": queries.respondent_count(s)})


@require_POST
@require("assessment.manage")
def survey_open(request, pk: int):
    s = _survey(request, pk)
    return button_action(request, lambda: services_survey.survey_open(actor=request.user, survey=s),
                         ok=_("会员评家已开始，会员可在手机上参加"), to=reverse("assessment:survey", args=[pk]))


@require_POST
@require("assessment.manage")
def survey_close(request, pk: int):
    s = _survey(request, pk)
    return button_action(request, lambda: services_survey.survey_close(actor=request.user, survey=s),
                         ok=_("会员评家已结束"), to=reverse("assessment:survey", args=[pk]))


@require("assessment.answer")
def survey_mine(request):
    worker = _worker(request)
    rows = [(s, queries.has_answered(s, worker)) for s in queries.open_surveys_for(request.ctx.union)]
    return render(request, "assessment/survey_mine.html", {"rows": rows})


@require("assessment.answer")
def survey_answer(request, pk: int):
    s = _survey(request, pk)
    worker = _worker(request)
    if queries.has_answered(s, worker):
        return render(request, "assessment/survey_done.html", {"survey": s})
    refused = attempt(lambda: services_survey.survey_check(survey=s, worker=worker))
    if not refused:
        return render(request, "assessment/survey_done.html", {"survey": s, "refused": refused.message})
    form = AnswerForm(request.POST or None, questions=s.questions)
    return form_page(request, form, lambda d: services_survey.survey_answer(
        actor=request.user, survey=s, worker=worker, choices=form.answers()[0], comments=form.answers()[1]),
        template="assessment/survey_answer.html", context={"survey": s}, ok=_("谢谢您参加会员评家"),
        to="assessment:survey_mine")



"""The self-assessment API (/api/v1/assessment): the same services and queries as the pages — criteria and a
union's weights, the year's sheet (scores, evidence, submit, .xlsx/.docx), the 会员评家 and a member's answer."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext, gettext_lazy
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from unionhome.assessment import documents, queries, services, services_survey
from unionhome.assessment.models import Assessment, Evidence, ScoreLine, Survey
from unionhome.core import uploads
from unionhome.core.docx import attachment
from unionhome.core.errors import RuleViolation
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema

router = Router(tags=[gettext_lazy("职工之家自评")])
BINARY = {"schema": {"type": "string", "format": "binary"}}


class CriterionOut(Schema):
    code: str
    area: str
    title: str
    guidance: str
    points: Decimal
    method: str
    figure: str
    veto: bool
    source: str
    effective_from: dt.date
    own: bool


class WeightIn(CleanTextSchema):
    points: Decimal = Field(ge=0, le=100)
    effective_from: dt.date
    reason: str = Field(max_length=300)


class EvidenceOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


class LineOut(Schema):
    id: int
    code: str
    area: str
    title: str
    method: str
    full: Decimal
    points: Decimal | None
    figure: str
    figure_value: str
    veto: bool
    vetoed: bool
    note: str
    evidence: list[EvidenceOut]


class SheetOut(Schema):
    id: int
    year: int
    status: str
    submitted_at: dt.datetime | None
    total: Decimal
    full: Decimal
    vetoed: bool
    unscored: int
    lines: list[LineOut]


class YearIn(Schema):
    year: int = Field(ge=2000, le=2100)


class ScoreIn(CleanTextSchema):
    points: Decimal = Field(ge=0, le=100)
    note: str = Field("", max_length=2000)


class SurveyIn(CleanTextSchema):
    year: int = Field(ge=2000, le=2100)
    title: str = Field(max_length=120)
    questions: list[str] = Field(max_length=50)


class ResultsOut(Schema):
    closed: bool
    answers: int | None = None
    satisfied: int | None = None
    rate: float | None = None
    respondents: int | None = None
    questions: list[dict] | None = None
    comments: list[dict] | None = None


class SurveyOut(Schema):
    id: int
    year: int
    title: str
    questions: list[str]
    status: str
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    entitled: int
    answered: bool
    results: ResultsOut


class AnswerIn(CleanTextSchema):
    choices: list[str] = Field(max_length=50, description="S satisfied / B basically satisfied / D dissatisfied, one per question")
    comments: list[str] = Field([], max_length=50)


def _criterion(c) -> dict:
    return {"code": c.code, "area": c.area, "title": c.title, "guidance": c.guidance, "points": c.points,
            "method": c.method, "figure": c.figure, "veto": c.veto, "source": c.source,
            "effective_from": c.effective_from, "own": c.union_id is not None}


def _sheet(a: Assessment) -> dict:
    s = queries.sheet(a)
    return {"id": a.pk, "year": a.year, "status": a.status, "submitted_at": a.submitted_at, "total": s.total, "full": s.full,
            "vetoed": bool(s.vetoes), "unscored": s.unscored, "lines": [{
                "id": sl.line.pk, "code": sl.criterion.code, "area": sl.criterion.area, "title": sl.criterion.title,
                "method": sl.criterion.method, "full": sl.criterion.points, "points": sl.points,
                "figure": sl.criterion.figure, "figure_value": sl.shown, "veto": sl.criterion.veto,
                "vetoed": sl.vetoed, "note": sl.line.note,
                "evidence": [{"id": e.pk, "name": e.name, "content_type": e.content_type, "size": e.size}
                             for e in sl.evidence]} for sl in s.lines]}


def _worker(request):
    profile = getattr(request.user, "profile", None)
    return getattr(profile, "worker", None) if profile is not None else None


def _survey(s: Survey, request) -> dict:
    return {"id": s.pk, "year": s.year, "title": s.title, "questions": s.questions, "status": s.status,
            "opens_at": s.opens_at, "closes_at": s.closes_at, "entitled": s.entitled,
            "answered": queries.has_answered(s, _worker(request)), "results": queries.survey_results(s)}


@router.get("/criteria", response=list[CriterionOut], url_name="assessment_criteria")
def criteria(request, on: dt.date | None = None):
    """The criteria in force on ``on`` (default today): the union's own weights over the shipped default set."""
    ctx = api_require(request, "assessment.view")
    return [_criterion(c) for c in queries.criteria_in_force(ctx.union, on or dt.date.today())]


@router.post("/criteria/{code}/weight", response={201: CriterionOut}, url_name="assessment_criterion_weight")
def criterion_weight(request, code: str, payload: WeightIn):
    ctx = api_require(request, "assessment.manage")
    c = services.criterion_weight_set(actor=request.user, union=ctx.union, code=code, points=payload.points,
                                      effective_from=payload.effective_from, reason=payload.reason)
    return Status(201, _criterion(c))


@router.post("", response={201: SheetOut}, url_name="assessment_open")
def open_year(request, payload: YearIn):
    """Open the year's sheet (one line per criterion in force on 31 December)."""
    ctx = api_require(request, "assessment.manage")
    return Status(201, _sheet(services.assessment_open(actor=request.user, union=ctx.union, year=payload.year)))


def _assessment(ctx, pk: int) -> Assessment:
    return get_in_union_or_404(Assessment, ctx.union, pk=pk)


@router.get("/{int:assessment_id}", response=SheetOut, url_name="assessment_sheet")
def sheet(request, assessment_id: int):
    ctx = api_require(request, "assessment.view")
    return _sheet(_assessment(ctx, assessment_id))


@router.post("/{int:assessment_id}/submit", response=SheetOut, url_name="assessment_submit")
def submit(request, assessment_id: int):
    """The chair submits (freezes) the sheet; every manual line must be scored."""
    ctx = api_require(request, "assessment.submit")
    return _sheet(services.assessment_submit(actor=request.user, assessment=_assessment(ctx, assessment_id)))


def _download(request, assessment_id: int, kind: str):
    ctx = api_require(request, "assessment.view")
    data, name, fallback, content_type = documents.sheet_export(actor=request.user,
                                                                assessment=_assessment(ctx, assessment_id), kind=kind)
    return attachment(data, name, fallback=fallback, content_type=content_type)


@router.get("/{int:assessment_id}/sheet.xlsx", url_name="assessment_sheet_xlsx", openapi_extra={"responses": {200: {
    "description": "the score sheet (.xlsx)", "content": {documents.XLSX_TYPE: BINARY}}}})
def sheet_xlsx(request, assessment_id: int):
    return _download(request, assessment_id, "xlsx")


@router.get("/{int:assessment_id}/sheet.docx", url_name="assessment_sheet_docx", openapi_extra={"responses": {200: {
    "description": "the score sheet (.docx)", "content": {"application/vnd.openxmlformats-officedocument."
                                                          "wordprocessingml.document": BINARY}}}})
def sheet_docx(request, assessment_id: int):
    return _download(request, assessment_id, "docx")


def _line(ctx, pk: int) -> ScoreLine:
    return get_in_union_or_404(ScoreLine.objects.select_related("assessment", "criterion"), ctx.union, pk=pk)


@router.post("/lines/{int:line_id}/score", response=SheetOut, url_name="assessment_line_score")
def line_score(request, line_id: int, payload: ScoreIn):
    ctx = api_require(request, "assessment.manage")
    line = services.line_score(actor=request.user, line=_line(ctx, line_id), points=payload.points,
                               note=payload.note)
    return _sheet(line.assessment)


@router.post("/lines/{int:line_id}/evidence", response={201: EvidenceOut}, url_name="assessment_evidence_add")
def evidence_add(request, line_id: int, file: UploadedFile = File(None)):
    """Attach evidence to a manual line (multipart field ``file``: PDF or an image)."""
    ctx = api_require(request, "assessment.manage")
    if file is None:
        raise RuleViolation("file_required", gettext("请选择佐证文件"), field="file")
    e = services.evidence_add(actor=request.user, line=_line(ctx, line_id), upload=file)
    return Status(201, {"id": e.pk, "name": e.name, "content_type": e.content_type, "size": e.size})


def _evidence(ctx, pk: int) -> Evidence:
    return get_in_union_or_404(Evidence.objects.select_related("line"), ctx.union, pk=pk)


@router.get("/evidence/{int:evidence_id}", url_name="assessment_evidence", openapi_extra={"responses": {200: {
    "description": "the evidence file (PDF or image)", "content": {"application/octet-stream": BINARY}}}})
def evidence(request, evidence_id: int):
    ctx = api_require(request, "assessment.view")
    e = _evidence(ctx, evidence_id)
    return uploads.stored_file_response(e.file, content_type=e.content_type, filename=e.name)


@router.delete("/evidence/{int:evidence_id}", response={204: None}, url_name="assessment_evidence_remove")
def evidence_remove(request, evidence_id: int):
    ctx = api_require(request, "assessment.manage")
    services.evidence_remove(actor=request.user, evidence=_evidence(ctx, evidence_id))
    return Status(204, None)


# 会员评家

@router.get("/surveys", response=list[SurveyOut], url_name="assessment_surveys")
def surveys(request):
    """Officers see every round; members see the open ones they may answer."""
    ctx = api_require(request, "assessment.answer")
    qs = Survey.objects.filter(union=ctx.union)
    if not ctx.has("assessment.view"):
        qs = queries.open_surveys_for(ctx.union)
    return [_survey(s, request) for s in qs]


@router.post("/surveys", response={201: SurveyOut}, url_name="assessment_survey_create")
def survey_create(request, payload: SurveyIn):
    ctx = api_require(request, "assessment.manage")
    s = services_survey.survey_create(actor=request.user, union=ctx.union, year=payload.year, title=payload.title,
                                      questions=payload.questions)
    return Status(201, _survey(s, request))


def _get_survey(ctx, pk: int) -> Survey:
    return get_in_union_or_404(Survey, ctx.union, pk=pk)


@router.get("/surveys/{int:survey_id}", response=SurveyOut, url_name="assessment_survey")
def survey(request, survey_id: int):
    ctx = api_require(request, "assessment.view")
    return _survey(_get_survey(ctx, survey_id), request)


@router.post("/surveys/{int:survey_id}/open", response=SurveyOut, url_name="assessment_survey_open")
def survey_open(request, survey_id: int):
    ctx = api_require(request, "assessment.manage")
    return _survey(services_survey.survey_open(actor=request.user, survey=_get_survey(ctx, survey_id)), request)


@router.post("/surveys/{int:survey_id}/close", response=SurveyOut, url_name="assessment_survey_close")
def survey_close(request, survey_id: int):
    ctx = api_require(request, "assessment.manage")
    return _survey(services_survey.survey_close(actor=request.user, survey=_get_survey(ctx, survey_id)), request)


@router.post("/surveys/{int:survey_id}/answer", response={201: None}, url_name="assessment_survey_answer")
def survey_answer(request, survey_id: int, payload: AnswerIn):
    """A member answers, once: one choice per question (S/B/D) and optional comments. Nothing is returned that
    could pair the member with the answer."""
    ctx = api_require(request, "assessment.answer")
    services_survey.survey_answer(actor=request.user, survey=_get_survey(ctx, survey_id), worker=_worker(request),
                                  choices=payload.choices, comments=payload.comments)
    return Status(201, None)

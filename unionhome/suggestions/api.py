"""The suggestions API (/api/v1/suggestions): the same services and queries as the pages. An anonymous
suggestion's author is never in an answer, except to the author."""
from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from unionhome.core import uploads
from unionhome.core.docx import attachment
from unionhome.core.errors import RuleViolation
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.org.models import UnionGroup
from unionhome.suggestions import exports, queries, services
from unionhome.suggestions.models import Suggestion, SuggestionPhoto

router = Router(tags=[gettext_lazy("合理化建议")])


class StepOut(Schema):
    kind: str
    note: str
    at: dt.datetime


class SuggestionOut(Schema):
    id: int
    code: str
    title: str
    text: str
    category: str
    author: str
    mine: bool
    anonymous: bool
    status: str
    answer_due: dt.date
    outcome: str
    reason: str
    answer: str
    answered_at: dt.datetime | None
    done_on: dt.date | None
    rating: int | None
    photo_ids: list[int]
    steps: list[StepOut]


class CountOut(Schema):
    status: str
    label: str
    n: int


class BoardOut(Schema):
    year: int
    counts: list[CountOut]
    suggestions: list[SuggestionOut]


class SubmitIn(CleanTextSchema):
    title: str = Field(max_length=120)
    text: str = Field(max_length=4000)
    category: str = Field(max_length=20)
    anonymous: bool = False
    group_id: int | None = None


class AssignIn(Schema):
    assignee_id: int


class AnswerIn(CleanTextSchema):
    outcome: str = Field(max_length=20)
    answer: str = Field(max_length=4000)
    reason: str = Field("", max_length=2000)


class ProgressIn(CleanTextSchema):
    note: str = Field(max_length=2000)
    done: bool = False


class RateIn(CleanTextSchema):
    rating: int = Field(ge=1, le=5)
    note: str = Field("", max_length=300)


def _out(s: Suggestion, user) -> dict:
    return {"id": s.pk, "code": s.code, "title": s.title, "text": s.text, "category": s.category,
            "author": s.shown_author, "mine": s.submitted_by_id == user.pk, "anonymous": s.anonymous,
            "status": s.status, "answer_due": s.answer_due, "outcome": s.outcome, "reason": s.reason,
            "answer": s.answer, "answered_at": s.answered_at, "done_on": s.done_on, "rating": s.rating,
            "photo_ids": [p.pk for p in s.photos.all()],
            "steps": [{"kind": st.kind, "note": st.note, "at": st.created_at} for st in s.steps.all()]}


def _rows(qs, user) -> list[dict]:
    return [_out(s, user) for s in qs.prefetch_related("photos", "steps")]


def _suggestion(ctx, pk: int) -> Suggestion:
    return get_in_union_or_404(Suggestion.objects.select_related("author", "group"), ctx.union, pk=pk)


@router.get("", response=BoardOut, url_name="suggestions_board")
def board(request, year: int | None = None, status: str = ""):
    """The board: the year's suggestions with their answers and the counts by status."""
    ctx = api_require(request, "suggestions.view")
    year = year if year and 2000 <= year <= 2100 else timezone.localdate().year
    return {"year": year, "counts": queries.status_counts(ctx.union, year),
            "suggestions": _rows(queries.suggestion_list(ctx.union, year=year, status=status), request.user)}


@router.get("/mine", response=list[SuggestionOut], url_name="suggestions_mine")
def mine(request):
    ctx = api_require(request, "suggestions.view")
    return _rows(queries.mine(request.user).filter(union=ctx.union), request.user)


@router.post("", response={201: SuggestionOut}, url_name="suggestions_submit")
def submit(request, payload: SubmitIn):
    """Submit a suggestion (photos: ``POST /{id}/photos`` afterwards). ``group_id``: a group the caller leads."""
    ctx = api_require(request, "suggestions.view")
    group = get_in_union_or_404(UnionGroup, ctx.union, pk=payload.group_id) if payload.group_id else None
    s = services.suggestion_submit(actor=request.user, union=ctx.union, title=payload.title, text=payload.text,
                                   category=payload.category, anonymous=payload.anonymous, group=group)
    return Status(201, _out(s, request.user))


@router.get("/export", url_name="suggestions_export", openapi_extra={"responses": {200: {
    "description": "the year's suggestions (.xlsx)",
    "content": {exports.XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}}}}})
def export(request, year: int | None = None):
    ctx = api_require(request, "suggestions.manage")
    year = year if year and 2000 <= year <= 2100 else timezone.localdate().year
    data = exports.year_xlsx(actor=request.user, union=ctx.union, year=year)
    return attachment(data, gettext("%(year)s年合理化建议.xlsx") % {"year": year},
                      fallback=f"suggestions-{year}.xlsx", content_type=exports.XLSX_TYPE)


@router.get("/{int:suggestion_id}", response=SuggestionOut, url_name="suggestions_detail")
def detail(request, suggestion_id: int):
    ctx = api_require(request, "suggestions.view")
    return _out(_suggestion(ctx, suggestion_id), request.user)


@router.post("/{int:suggestion_id}/photos", response={201: SuggestionOut}, url_name="suggestions_photo_add")
def photo_add(request, suggestion_id: int, photo: UploadedFile = File(None)):
    """The author adds a photo (multipart field ``photo``: JPEG/PNG/GIF/WebP) before the answer."""
    ctx = api_require(request, "suggestions.view")
    s = _suggestion(ctx, suggestion_id)
    if photo is None:
        raise RuleViolation("file_required", gettext("请选择照片"), field="photo")
    services.suggestion_photo_add(actor=request.user, suggestion=s, upload=photo)
    return Status(201, _out(s, request.user))


@router.get("/{int:suggestion_id}/photos/{int:photo_id}", url_name="suggestions_photo",
            openapi_extra={"responses": {200: {"description": "the photo (an image)", "content": {
                "image/*": {"schema": {"type": "string", "format": "binary"}}}}}})
def photo(request, suggestion_id: int, photo_id: int):
    ctx = api_require(request, "suggestions.view")
    p = get_object_or_404(SuggestionPhoto, suggestion=_suggestion(ctx, suggestion_id), pk=photo_id)
    return uploads.stored_file_response(p.file, content_type=p.content_type)


@router.post("/{int:suggestion_id}/assign", response=SuggestionOut, url_name="suggestions_assign")
def assign(request, suggestion_id: int, payload: AssignIn):
    ctx = api_require(request, "suggestions.manage")
    s = _suggestion(ctx, suggestion_id)
    assignee = queries.assignee_choices(ctx.union).filter(pk=payload.assignee_id).first()
    if assignee is None:
        raise RuleViolation("assignee_not_officer", gettext("承办人须是本工会的委员或主席"), field="assignee_id")
    return _out(services.suggestion_assign(actor=request.user, suggestion=s, assignee=assignee), request.user)


@router.post("/{int:suggestion_id}/answer", response=SuggestionOut, url_name="suggestions_answer")
def answer(request, suggestion_id: int, payload: AnswerIn):
    """The assessment (proposal / adopted / noted / not_adopted, the last with a reason) and the answer."""
    ctx = api_require(request, "suggestions.manage")
    s = services.suggestion_answer(actor=request.user, suggestion=_suggestion(ctx, suggestion_id),
                                   outcome=payload.outcome, answer=payload.answer, reason=payload.reason)
    return _out(s, request.user)


@router.post("/{int:suggestion_id}/progress", response=SuggestionOut, url_name="suggestions_progress")
def progress(request, suggestion_id: int, payload: ProgressIn):
    ctx = api_require(request, "suggestions.manage")
    s = services.suggestion_progress(actor=request.user, suggestion=_suggestion(ctx, suggestion_id),
                                     note=payload.note, done=payload.done)
    return _out(s, request.user)


@router.post("/{int:suggestion_id}/rate", response=SuggestionOut, url_name="suggestions_rate")
def rate(request, suggestion_id: int, payload: RateIn):
    """The author rates the answer (1–5), once."""
    ctx = api_require(request, "suggestions.view")
    s = services.suggestion_rate(actor=request.user, suggestion=_suggestion(ctx, suggestion_id),
                                 rating=payload.rating, note=payload.note)
    return _out(s, request.user)

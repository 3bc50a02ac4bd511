"""Suggestion pages: a member submits on a phone and follows the answer; the committee assigns, answers and tracks;
everyone reads the board with its counts by status."""
from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.core import uploads
from unionhome.core.docx import attachment
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import form_action, form_page
from unionhome.org.models import UnionGroup
from unionhome.suggestions import exports, queries, services
from unionhome.suggestions.forms import AnswerForm, AssignForm, ProgressForm, RateForm, SuggestionForm, YearForm
from unionhome.suggestions.models import Suggestion, SuggestionPhoto


def _suggestion(request, pk) -> Suggestion:
    return get_in_union_or_404(Suggestion.objects.select_related("author", "group", "assignee"), request.ctx.union,
                               pk=pk)


def _filters(request) -> tuple[int, str]:
    form = YearForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    return data.get("year") or timezone.localdate().year, data.get("status") or ""


@require("suggestions.view")
def board(request):
    union = request.ctx.union
    year, status = _filters(request)
    return render(request, "suggestions/board.html", {
        "year": year, "status": status, "years": sorted({year, *queries.years(union)}, reverse=True),
        "rows": queries.suggestion_list(union, year=year, status=status), "counts": queries.status_counts(union, year),
        "can_manage": request.ctx.has("suggestions.manage"),
        "overdue": queries.overdue(union, timezone.localdate()).count() if request.ctx.has("suggestions.manage") else 0})


def _groups(request):
    return UnionGroup.objects.filter(union=request.ctx.union, pk__in=request.ctx.group_ids)


@require("suggestions.view")
def suggestion_new(request):
    form = SuggestionForm(request.POST or None, request.FILES or None, groups=_groups(request))
    # a refusal comes back on the form with what the member typed (form_page), never a redirect that loses it
    return form_page(request, form, lambda d: services.suggestion_submit(
        actor=request.user, union=request.ctx.union, title=d["title"], text=d["text"], category=d["category"],
        anonymous=d["anonymous"], group=d.get("group"), photos=d["photos"]),
        template="suggestions/new.html",
        context={"intro": _("您的建议会交工会委员会办理并在期限内答复；选择匿名时，委员会和公开栏都看不到您的姓名。")},
        ok=_("建议已提交，答复会通知您"), to="suggestions:mine")


@require("suggestions.view")
def mine(request):
    return render(request, "suggestions/mine.html", {"rows": queries.mine(request.user)})


@require("suggestions.view")
def detail(request, pk: int):
    s = _suggestion(request, pk)
    manage = request.ctx.has("suggestions.manage")
    is_author = s.submitted_by_id == request.user.pk
    return render(request, "suggestions/detail.html", {
        "s": s, "steps": s.steps.all(), "photos": s.photos.all(), "can_manage": manage, "is_author": is_author,
        "assign_form": AssignForm(choices=queries.assignee_choices(s.union)) if manage and not s.is_answered else None,
        "answer_form": AnswerForm() if manage and not s.is_answered else None,
        "progress_form": ProgressForm() if manage and s.outcome in ("adopted", "proposal") and s.status != "done" else None,
        "rate_form": RateForm() if is_author and s.is_answered and s.rating is None else None,
        "overdue": not s.is_answered and s.answer_due < timezone.localdate()})


def _back(s) -> str:
    return reverse("suggestions:detail", args=[s.pk])


@require_POST
@require("suggestions.manage")
def assign(request, pk: int):
    s = _suggestion(request, pk)
    return form_action(request, AssignForm(request.POST, choices=queries.assignee_choices(s.union)),
                       lambda d: services.suggestion_assign(actor=request.user, suggestion=s, assignee=d["assignee"]),
                       ok=_("已分办"), to=_back(s))


@require_POST
@require("suggestions.manage")
def answer(request, pk: int):
    s = _suggestion(request, pk)
    return form_action(request, AnswerForm(request.POST), lambda d: services.suggestion_answer(
        actor=request.user, suggestion=s, outcome=d["outcome"], answer=d["answer"], reason=d["reason"]),
        ok=_("已答复，已通知提出人"), to=_back(s))


@require_POST
@require("suggestions.manage")
def progress(request, pk: int):
    s = _suggestion(request, pk)
    return form_action(request, ProgressForm(request.POST), lambda d: services.suggestion_progress(
        actor=request.user, suggestion=s, note=d["note"], done=d["done"]), ok=_("已记录落实情况"), to=_back(s))


@require_POST
@require("suggestions.view")
def rate(request, pk: int):
    s = _suggestion(request, pk)
    return form_action(request, RateForm(request.POST), lambda d: services.suggestion_rate(
        actor=request.user, suggestion=s, rating=d["rating"], note=d["note"]), ok=_("谢谢您的评价"), to=_back(s),
        invalid=_("请选择评价"))


@require("suggestions.view")
def photo(request, pk: int):
    p = get_in_union_or_404(SuggestionPhoto, request.ctx.union, pk=pk)
    return uploads.stored_file_response(p.file, content_type=p.content_type)


@require("suggestions.manage")
def export(request):
    year, _status = _filters(request)
    data = exports.year_xlsx(actor=request.user, union=request.ctx.union, year=year)
    return attachment(data, _("%(year)s年合理化建议.xlsx") % {"year": year}, fallback=f"suggestions-{year}.xlsx",
                      content_type=exports.XLSX_TYPE)


"""Pages of campaigns (教育活动), officer training and the legal-education quiz."""
from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.core import uploads
from unionhome.core.audit import audit_log
from unionhome.core.errors import RuleViolation
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import button_action, form_action
from unionhome.members.queries import my_worker
from unionhome.study import queries, services_campaigns
from unionhome.study.forms import (
    AttendeesForm,
    CampaignForm,
    EventForm,
    QuizForm,
    TrainingForm,
    TrainingRecordForm,
)
from unionhome.study.models import Campaign, CampaignEvent, Quiz, QuizAttempt, Training, TrainingRecord


@require("study.view")
def campaigns(request):
    ctx = request.ctx
    return render(request, "study/campaigns.html", {
        "campaigns": Campaign.objects.filter(union=ctx.union).prefetch_related("groups"),
        "quizzes": Quiz.objects.filter(union=ctx.union).select_related("campaign"),
        "form": CampaignForm(ctx=ctx) if ctx.has("study.manage") else None,
        "quiz_form": QuizForm(ctx=ctx) if ctx.has("study.manage") else None,
    })


@require("study.manage")
@require_POST
def campaign_new(request):
    form = CampaignForm(request.POST, ctx=request.ctx)
    return form_action(request, form, lambda d: services_campaigns.campaign_create(
        actor=request.user, union=request.ctx.union, **d), ok=_("教育活动已建立"), to="study:campaigns")


@require("study.view")
def campaign(request, pk: int):
    obj = get_in_union_or_404(Campaign, request.ctx.union, pk=pk)
    manage = request.ctx.has("study.manage")
    return render(request, "study/campaign.html", {
        "campaign": obj, "events": obj.events.prefetch_related("attendees"), "manage": manage,
        "event_form": EventForm() if manage else None,
        "attendees_form": AttendeesForm(union=request.ctx.union) if manage else None,
        "quizzes": obj.quizzes.all(),
    })


@require("study.manage")
@require_POST
def event_add(request, pk: int):
    obj = get_in_union_or_404(Campaign, request.ctx.union, pk=pk)
    return form_action(request, EventForm(request.POST), lambda d: services_campaigns.event_add(
        actor=request.user, campaign=obj, **d), ok=_("场次已添加"), to=reverse("study:campaign", args=[obj.pk]))


@require("study.manage")
@require_POST
def event_attend(request, pk: int):
    event = get_in_union_or_404(CampaignEvent.objects.select_related("campaign__union"), request.ctx.union, pk=pk)
    form = AttendeesForm(request.POST, union=request.ctx.union)
    return form_action(request, form, lambda d: services_campaigns.event_attendance_add(
        actor=request.user, event=event, workers=d["workers"]), ok=_("已登记参加人员"),
        to=reverse("study:campaign", args=[event.campaign_id]))


# --- Training -------------------------------------------------------------------------------------

@require("study.manage")
def trainings(request):
    ctx = request.ctx
    return render(request, "study/trainings.html", {
        "trainings": Training.objects.filter(union=ctx.union).prefetch_related("records"),
        "untrained": queries.officers_untrained(ctx.union), "form": TrainingForm()})


@require("study.manage")
@require_POST
def training_new(request):
    return form_action(request, TrainingForm(request.POST), lambda d: services_campaigns.training_create(
        actor=request.user, union=request.ctx.union, **d), ok=_("培训已登记"), to="study:trainings")


@require("study.manage")
def training(request, pk: int):
    obj = get_in_union_or_404(Training, request.ctx.union, pk=pk)
    return render(request, "study/training.html", {
        "training": obj, "records": obj.records.select_related("worker"),
        "form": TrainingRecordForm(union=request.ctx.union)})


@require("study.manage")
@require_POST
def record_add(request, pk: int):
    obj = get_in_union_or_404(Training, request.ctx.union, pk=pk)
    form = TrainingRecordForm(request.POST, request.FILES, union=request.ctx.union)
    return form_action(request, form, lambda d: services_campaigns.training_record_add(
        actor=request.user, training=obj, worker=d["worker"], hours=d["hours"], certificate=d["certificate"]),
        ok=_("已登记参训"), to=reverse("study:training", args=[obj.pk]))


@require("study.view")
def certificate(request, pk: int):
    """The officers who manage training, or the trained person themselves."""
    ctx = request.ctx
    qs = TrainingRecord.objects.exclude(certificate="")
    if not ctx.has("study.manage"):
        qs = qs.filter(worker_id=ctx.worker_id)
    row = get_in_union_or_404(qs, ctx.union, pk=pk)
    audit_log(actor=request.user, action="study.certificate.opened", target=row, target_label=str(row.training))
    return uploads.stored_file_response(row.certificate, content_type=row.content_type)


# --- Quiz -----------------------------------------------------------------------------------------

@require("study.manage")
@require_POST
def quiz_new(request):
    form = QuizForm(request.POST, ctx=request.ctx)
    return form_action(request, form, lambda d: services_campaigns.quiz_create(
        actor=request.user, union=request.ctx.union, title=d["title"], deadline=d["deadline"],
        questions=d["questions"], campaign=d["campaign"]), ok=_("知识测试已发布"), to="study:campaigns")


@require("study.view")
def quiz(request, pk: int):
    ctx = request.ctx
    obj = get_in_union_or_404(Quiz, ctx.union, pk=pk)
    worker = my_worker(ctx)
    if request.method == "POST":
        def answer():
            if worker is None:
                raise RuleViolation("no_worker", _("账号未关联职工，不能答题"))
            sheet = {k[2:]: v for k, v in request.POST.items() if k.startswith("q_") and k[2:].isdigit()}
            services_campaigns.quiz_answer(actor=request.user, quiz=obj, worker=worker, answers=sheet)

        return button_action(request, answer, ok=_("答卷已提交，截止后公布答案和得分"),
                             to=reverse("study:quiz", args=[obj.pk]))
    revealed = queries.answers_visible(obj)
    mine = QuizAttempt.objects.filter(quiz=obj, worker=worker).first() if worker else None
    return render(request, "study/quiz.html", {
        "quiz": obj, "questions": obj.questions.all(), "revealed": revealed, "mine": mine,
        "open": timezone.now() < obj.deadline and mine is None and worker is not None,
        "scores": obj.attempts.select_related("worker")[:500] if revealed and ctx.has("study.manage") else [],
    })

"""Pages of group study: the member's and leader's study page, plans, a session (attendance on a phone),
reflections and the rates."""
from __future__ import annotations

import datetime as dt

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.core import uploads
from unionhome.core.audit import audit_log
from unionhome.core.errors import RuleViolation
from unionhome.core.permissions import require
from unionhome.core.rules import rule_value
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import button_action, form_action
from unionhome.members.queries import my_worker
from unionhome.study import queries, services
from unionhome.study.forms import MoveForm, PhotoForm, PlanForm, ReflectionForm, ReviewForm, SeriesForm, TopicForm
from unionhome.study.models import (
    Attendance,
    PlanTopic,
    Quiz,
    Reflection,
    SessionPhoto,
    StudyPlan,
    StudySession,
)


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _recordable(request):
    """The sessions this user may record: every group's for officers, their own groups' for a group leader."""
    qs = StudySession.objects.filter(union=request.ctx.union).select_related("group", "union")
    return qs if request.ctx.has("study.manage") else qs.filter(group_id__in=request.ctx.group_ids)


def _with_reflections(sessions, worker) -> list:
    sessions = list(sessions)
    mine = {r.session_id: r for r in Reflection.objects.filter(worker=worker, session__in=sessions)}
    return [(s, mine.get(s.pk)) for s in sessions]


@require("study.view")
def home(request):
    ctx = request.ctx
    today = timezone.localdate()
    worker = my_worker(ctx)
    mine = queries.session_scope(ctx).filter(group_id=worker.group_id) if worker and worker.group_id else None
    led = _recordable(request).filter(held_on__lte=today + dt.timedelta(days=7)) if ctx.has("study.record") else None
    return render(request, "study/home.html", {
        "worker": worker, "today": today,
        "my_sessions": _with_reflections(mine.filter(held_on__lte=today)[:8], worker) if mine is not None else [],
        "my_rates": queries.rates_of_member(worker, today.year) if worker else None,
        "led_sessions": led.order_by("-held_on", "group__sort_order")[:20] if led is not None else [],
        "to_review": queries.reflections_to_review(_recordable(request))[:30] if led is not None else [],
        "series_form": SeriesForm(ctx=ctx, initial={"weeks": 4}) if ctx.has("study.record") else None,
        "quizzes": Quiz.objects.filter(union=ctx.union, deadline__gt=timezone.now())[:5],
    })


@require("study.record")
@require_POST
def series(request):
    form = SeriesForm(request.POST, ctx=request.ctx)
    return form_action(request, form, lambda d: services.series_create(
        actor=request.user, group=d["group"], first_on=d["first_on"], weeks=d["weeks"], place=d["place"],
        skip=d["skip"]), ok=_("已生成学习安排"), to="study:home")


# --- Plans ----------------------------------------------------------------------------------------

def _plans(request):
    qs = StudyPlan.objects.filter(union=request.ctx.union).select_related("group")
    if request.ctx.has("study.manage"):
        return qs
    from django.db.models import Q

    return qs.filter(Q(group__isnull=True) | Q(group_id__in=request.ctx.group_ids))


@require("study.record")
def plans(request):
    form = PlanForm(request.POST or None, ctx=request.ctx, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        return form_action(request, form, lambda d: services.plan_create(
            actor=request.user, union=request.ctx.union, year=d["year"], group=d["group"],
            copy_from=d["copy_from"]), ok=_("学习计划已建立"), to="study:plans")
    return render(request, "study/plans.html", {"plans": _plans(request), "form": form})


@require("study.record")
def plan(request, pk: int):
    obj = get_in_union_or_404(_plans(request), request.ctx.union, pk=pk)
    form = TopicForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        return form_action(request, form, lambda d: services.topic_set(
            actor=request.user, plan=obj, week=d["week"], topic=d["topic"], material=d["material"], link=d["link"],
            upload=d["file"]), ok=_("已保存"), to=reverse("study:plan", args=[obj.pk]))
    return render(request, "study/plan.html", {"plan": obj, "topics": obj.topics.all(), "form": form})


@require("study.view")
def topic_file(request, pk: int):
    topic = get_in_union_or_404(PlanTopic.objects.exclude(file=""), request.ctx.union, pk=pk)
    return uploads.stored_file_response(topic.file, content_type=topic.content_type)


# --- A session ------------------------------------------------------------------------------------

@require("study.view")
def session(request, pk: int):
    ctx = request.ctx
    obj = get_in_union_or_404(queries.session_scope(ctx), ctx.union, pk=pk)
    may_record = _recordable(request).filter(pk=obj.pk).exists()
    worker = my_worker(ctx)
    marks = {a.worker_id: a for a in obj.attendance.all()}
    members = list(services.group_members(obj.group)) if may_record else []
    rows = [(w, marks.get(w.pk)) for w in members]
    mine = Reflection.objects.filter(session=obj, worker=worker).first() if worker else None
    return render(request, "study/session.html", {
        "session": obj, "may_record": may_record, "rows": rows, "marks": marks, "mine": mine,
        "may_reflect": bool(worker and worker.group_id == obj.group_id and obj.held_on <= timezone.localdate()),
        "reflections": obj.reflections.select_related("worker") if may_record else [],
        "pending": obj.reflections.filter(status=Reflection.Status.SUBMITTED).count() if may_record else 0,
        "photos": obj.photos.all(), "present": sum(1 for a in marks.values() if a.mark == Attendance.Mark.PRESENT),
        "reflection_form": ReflectionForm(initial={"text": mine.text if mine else ""}),
        "move_form": MoveForm(), "review_form": ReviewForm(), "photo_form": PhotoForm(),
        "Mark": Attendance.Mark,
    })


@require("study.record")
@require_POST
def record(request, pk: int):
    obj = get_in_union_or_404(_recordable(request), request.ctx.union, pk=pk)
    marks = {}
    for key, value in request.POST.items():
        if key.startswith("mark_") and key[5:].isdigit() and len(key) < 25:
            wid = int(key[5:])
            marks[wid] = (value, request.POST.get(f"reason_{wid}", "")) if value == "leave" else value
    return button_action(request, lambda: services.session_record(
        actor=request.user, session=obj, marks=marks, discussion=request.POST.get("discussion", ""),
        topic=request.POST.get("topic", "")), ok=_("学习记录已保存"), to=reverse("study:session", args=[obj.pk]))


@require("study.record")
@require_POST
def move(request, pk: int):
    obj = get_in_union_or_404(_recordable(request), request.ctx.union, pk=pk)
    return form_action(request, MoveForm(request.POST), lambda d: services.session_move(
        actor=request.user, session=obj, to=d["to"]), ok=_("学习日期已调整"), to=reverse("study:session", args=[obj.pk]))


@require("study.record")
@require_POST
def photo_upload(request, pk: int):
    obj = get_in_union_or_404(_recordable(request), request.ctx.union, pk=pk)
    return form_action(request, PhotoForm(request.POST, request.FILES), lambda d: services.session_photo_add(
        actor=request.user, session=obj, upload=d["file"]), ok=_("照片已上传"), to=reverse("study:session", args=[obj.pk]),
        invalid=_("请选择照片"))


@require("study.view")
def photo(request, pk: int):
    row = get_in_union_or_404(SessionPhoto.objects.filter(session__in=queries.session_scope(request.ctx)),
                              request.ctx.union, pk=pk)
    return uploads.stored_file_response(row.file, content_type=row.content_type)


@require("study.view")
@require_POST
def reflect(request, pk: int):
    ctx = request.ctx
    obj = get_in_union_or_404(queries.session_scope(ctx), ctx.union, pk=pk)

    def submit(d):
        worker = my_worker(ctx)
        if worker is None:
            raise RuleViolation("no_worker", _("账号未关联职工，不能提交心得体会"))
        services.reflection_submit(actor=request.user, session=obj, worker=worker, text=d["text"], upload=d["photo"])

    return form_action(request, ReflectionForm(request.POST, request.FILES), submit, ok=_("心得体会已提交，等待组长审阅"),
                       to=reverse("study:session", args=[obj.pk]))


@require("study.record")
@require_POST
def review(request, pk: int):
    row = get_in_union_or_404(Reflection.objects.filter(session__in=_recordable(request)), request.ctx.union, pk=pk)
    return form_action(request, ReviewForm(request.POST), lambda d: services.reflection_review(
        actor=request.user, reflection=row, accept=d["decision"] == "accept", comment=d["comment"]),
        ok=_("已审阅"), to=reverse("study:session", args=[row.session_id]))


@require("study.record")
@require_POST
def accept_all(request, pk: int):
    session = get_in_union_or_404(_recordable(request), request.ctx.union, pk=pk)
    return button_action(request, lambda: services.reflections_accept_all(actor=request.user, session=session),
                         ok=lambda rows: _("已通过%(n)s篇心得体会") % {"n": len(rows)},
                         to=reverse("study:session", args=[session.pk]) + "#reflections")


@require("study.view")
def reflection_photo(request, pk: int):
    ctx = request.ctx
    qs = Reflection.objects.exclude(photo="").filter(session__in=_recordable(request)) if ctx.has("study.record") \
        else Reflection.objects.none()
    row = (qs.filter(pk=pk).first()
           or get_in_union_or_404(Reflection.objects.exclude(photo="").filter(worker_id=ctx.worker_id), ctx.union, pk=pk))
    audit_log(actor=request.user, action="study.reflection.opened", target=row, target_label=str(row.session))
    return uploads.stored_file_response(row.photo, content_type=row.content_type)


# --- Rates ----------------------------------------------------------------------------------------

@require("study.stats")
def stats(request):
    ctx, year = request.ctx, _year(request)
    groups = list(queries.stats_groups(ctx))
    chosen = next((g for g in groups if str(g.pk) == request.GET.get("group")), None)
    days = int(rule_value("study.no_session_warning_days", union=ctx.union))
    return render(request, "study/stats.html", {
        "year": year, "union_rates": queries.rates_of_union(ctx.union, year) if ctx.has("study.manage") else None,
        "groups": queries.rates_by_group(ctx.union, year, groups), "chosen": chosen,
        "members": queries.rates_by_member(ctx.union, year, chosen) if chosen else [],
        "quiet": [q for q in queries.groups_without_session(ctx.union, days=days) if q.group in groups],
        "days": days,
    })

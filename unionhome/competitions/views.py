"""Competition pages: officers enter results on a phone, members follow standings (htmx partial updates)."""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from unionhome.activities.queries import activity_list
from unionhome.competitions import documents, queries, services
from unionhome.competitions.forms import CompetitionForm, EntryForm, PrizeForm, ResultForm, TimeForm
from unionhome.competitions.models import Competition, Entry, Match
from unionhome.core.docx import attachment
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import button_action, form_action, form_page
from unionhome.members.models import Worker
from unionhome.org.models import UnionGroup


def _competition(request, pk) -> Competition:
    return get_in_union_or_404(Competition, request.ctx.union, pk=pk)


def _board(request, competition, error: str = ""):
    view = queries.competition_view(competition)
    return render(request, "competitions/_board.html", {"view": view, "c": view.competition, "error": error,
                                                        "can_manage": request.ctx.has("competitions.manage")})


def _on_board(request, competition):
    """Where an officer's step lands: htmx gets the refreshed board (with the error, if any), a plain POST
    goes back to the competition's page."""
    return {"to": reverse("competitions:detail", args=[competition.pk]),
            "fragment": lambda error: _board(request, competition, error)}


@require("competitions.view")
def competition_list(request):
    competitions = queries.competition_list(request.ctx.union).select_related("activity")
    return render(request, "competitions/list.html", {"competitions": competitions})


@require("competitions.manage")
def competition_create(request):
    union = request.ctx.union
    activities = list(activity_list(union).filter(kind__in=["sport", "culture"])[:50])
    form = CompetitionForm(request.POST or None, activities=activities)

    def create(d):
        data = dict(d)
        activity_id = data.pop("activity")
        activity = next((a for a in activities if a.pk == activity_id), None)
        return services.competition_create(actor=request.user, union=union, activity=activity,
                                           swiss_rounds=data.pop("swiss_rounds") or 0, **data)
    return form_page(request, form, create, template="competitions/form.html",
                     to=lambda c: reverse("competitions:detail", args=[c.pk]))


@require("competitions.view")
def competition_detail(request, pk: int):
    c = _competition(request, pk)
    view = queries.competition_view(c)
    entry_form = None
    if request.ctx.has("competitions.manage") and c.status == Competition.Status.DRAFT:
        taken = {e.worker_id for e in view.entries.values()}
        entry_form = EntryForm(workers=[w for w in Worker.objects.for_union(c.union) if w.pk not in taken],
                               groups=UnionGroup.objects.for_union(c.union))
    return render(request, "competitions/detail.html", {
        "view": view, "c": view.competition, "entry_form": entry_form,
        "prizes": queries.prize_list(c), "can_manage": request.ctx.has("competitions.manage")})


@require("competitions.view")
def competition_board(request, pk: int):
    return _board(request, _competition(request, pk))


@require_POST
@require("competitions.manage")
def entry_add(request, pk: int):
    c = _competition(request, pk)
    union = request.ctx.union
    form = EntryForm(request.POST, workers=Worker.objects.for_union(union), groups=UnionGroup.objects.for_union(union))
    if not form.is_valid():
        messages.error(request, _("请选择参赛职工或小组"))
        return redirect("competitions:detail", pk=c.pk)
    worker = get_in_union_or_404(Worker, union, pk=form.cleaned_data["worker"]) if form.cleaned_data["worker"] else None
    group = get_in_union_or_404(UnionGroup, union, pk=form.cleaned_data["group"]) if form.cleaned_data["group"] else None
    return button_action(request, lambda: services.entry_add(actor=request.user, competition=c, worker=worker,
                                                             group=group), **_on_board(request, c))


# The steps an officer takes on the whole competition: the service, and the message when it succeeds.
STEPS = {
    "entries_import": (services.entries_from_signups, gettext_lazy("已从活动报名名单导入参赛者")),
    "start": (services.competition_start, gettext_lazy("比赛已开始")),
    "pair_next": (services.swiss_pair_next, ""),
    "finish": (services.competition_finish, gettext_lazy("比赛已结束")),
    "lots": (services.lots_draw, gettext_lazy("已抽签确定并列名次")),
}


@require_POST
@require("competitions.manage")
def competition_step(request, pk: int, step: str):
    c = _competition(request, pk)
    service, ok = STEPS[step]
    return button_action(request, lambda: service(actor=request.user, competition=c), ok=ok, **_on_board(request, c))


@require_POST
@require("competitions.manage")
def entry_remove(request, pk: int, entry_pk: int):
    c = _competition(request, pk)
    entry = get_in_union_or_404(Entry.objects.filter(competition=c), request.ctx.union, pk=entry_pk)
    return button_action(request, lambda: services.entry_remove(actor=request.user, entry=entry), **_on_board(request, c))


@require_POST
@require("competitions.manage")
def result_record(request, pk: int, match_pk: int):
    c = _competition(request, pk)
    match = get_in_union_or_404(Match.objects.filter(competition=c), request.ctx.union, pk=match_pk)
    return form_action(request, ResultForm(request.POST), lambda d: services.result_record(
        actor=request.user, match=match, **d), **_on_board(request, c))


@require_POST
@require("competitions.manage")
def time_record(request, pk: int, entry_pk: int):
    c = _competition(request, pk)
    entry = get_in_union_or_404(Entry.objects.filter(competition=c), request.ctx.union, pk=entry_pk)
    return form_action(request, TimeForm(request.POST), lambda d: services.time_record(
        actor=request.user, entry=entry, **d), **_on_board(request, c))


@require("competitions.manage")
def prizes_award(request, pk: int):
    c = _competition(request, pk)
    form = PrizeForm(request.POST or None, initial={"awarded_on": c.held_on})
    return form_page(request, form, lambda d: services.prizes_award(
        actor=request.user, competition=c, tiers=form.tiers(), on=d["awarded_on"]),
        ok=_("已评奖，奖品价值已记入经费账（职工活动支出—文体活动费）"), to=reverse("competitions:detail", args=[c.pk]),
        template="competitions/prizes.html", context=lambda: {"c": c, "rows": queries.competition_view(c).rows})


@require("competitions.view")
def medal_table(request):
    year = request.GET.get("year")
    year = int(year) if year and year.isdigit() else None
    return render(request, "competitions/medals.html", {"rows": queries.medal_table(request.ctx.union, year=year),
                                                        "year": year})


@require("competitions.view")
def results_docx(request, pk: int):
    c = _competition(request, pk)
    content = services.competition_document_export(
        actor=request.user, competition=c, doc="results",
        build=lambda: documents.results_document(queries.competition_view(c)))
    return attachment(content, _("%(title)s成绩表.docx") % {"title": c.title}, fallback=f"results-{c.pk}.docx")


@require("competitions.manage")
def certificates_docx(request, pk: int):
    c = _competition(request, pk)
    content = services.competition_document_export(
        actor=request.user, competition=c, doc="certificates",
        build=lambda: documents.certificates_document(c, list(queries.prize_list(c))))
    return attachment(content, _("%(title)s荣誉证书.docx") % {"title": c.title}, fallback=f"certificates-{c.pk}.docx")

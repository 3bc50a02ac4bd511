"""Pages of the year-end evaluation: officers run the round, group leaders enter their group's result on a phone,
members read the 公示 list and object. Every write goes through a service (``form_action``/``button_action``)."""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.awards import documents, queries, services
from unionhome.awards.forms import (
    AnswerForm,
    DecideForm,
    ExclusionForm,
    GroupNominationForm,
    KindForm,
    NominationForm,
    ObjectionForm,
    PublishForm,
    RewardBookForm,
    RoundForm,
)
from unionhome.awards.models import Award, HonourKind, Nomination, Objection, Round
from unionhome.core.docx import attachment
from unionhome.core.permissions import require
from unionhome.core.rules import rule_value
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import button_action, form_action


def _round(request, pk) -> Round:
    return get_in_union_or_404(Round, request.ctx.union, pk=pk)


def _has(round: Round, nominee: str) -> bool:
    return round.kinds.filter(nominee=nominee).exists()


def _to(round_pk):
    return reverse("awards:round", kwargs={"pk": round_pk})


@require("awards.view")
def home(request):
    union = request.ctx.union
    manage = request.ctx.has("awards.manage")
    return render(request, "awards/home.html", {
        "rounds": queries.round_list(union), "manage": manage,
        "kinds": HonourKind.objects.filter(union=union) if manage else [],
        "kind_form": KindForm() if manage else None,
        "round_form": RoundForm(union=union, initial={"year": timezone.localdate().year}) if manage else None})


@require_POST
@require("awards.manage")
def kind_create(request):
    return form_action(request, KindForm(request.POST), lambda d: services.kind_create(
        actor=request.user, union=request.ctx.union, name=d["name"], reward_item=d["reward_item"],
        reward_value=d["reward_value"] or 0, reward_form=d["reward_form"], quota_per_group=d["quota_per_group"],
        nominee=d["nominee"] or "person", quota_per_union=d["quota_per_union"]),
        ok=_("已添加荣誉种类"), to="awards:home")


@require_POST
@require("awards.manage")
def round_create(request):
    return form_action(request, RoundForm(request.POST, union=request.ctx.union), lambda d: services.round_create(
        actor=request.user, union=request.ctx.union, year=d["year"], title=d["title"], kinds=list(d["kinds"])),
        ok=_("已开始年终评选，各小组可以录入推荐结果"), to="awards:home")


@require("awards.view")
def round_detail(request, pk: int):
    round = _round(request, pk)
    ctx = request.ctx
    manage = ctx.has("awards.manage")
    nominate = ctx.has("awards.nominate")
    nominations = list(queries.nominations_of(round)) if (manage or nominate) else []
    if not manage:  # a group leader sees their own groups' nominations
        nominations = [n for n in nominations if n.group_id in ctx.group_ids]
    visible = manage or queries.publicity_visible(round)
    is_open = round.status == Round.Status.NOMINATING
    today = timezone.localdate()
    grounds = rule_value("awards.exclusion_grounds", union=round.union)
    return render(request, "awards/round.html", {
        "round": round, "manage": manage, "nominate": nominate and is_open, "nominations": nominations,
        "awards": list(queries.awards_of(round)) if visible else [],
        "objections": list(queries.objections_of(round)) if manage else [],
        "exclusions": list(round.exclusions.select_related("worker")) if manage else [],
        "in_publicity": (round.status == Round.Status.PUBLISHED
                         and round.publicity_starts_on <= today <= round.publicity_ends_on),
        "nomination_form": NominationForm(round=round) if nominate and is_open and _has(round, "person") else None,
        "group_nomination_form": GroupNominationForm(round=round, group_ids=None if manage else ctx.group_ids)
        if nominate and is_open and _has(round, "group") else None,
        "exclusion_form": ExclusionForm(round=round, grounds=grounds) if manage and round.status in (
            Round.Status.NOMINATING, Round.Status.DECIDED) else None,
        "decide_form": DecideForm(nominations=nominations, round=round, initial={"meeting_on": today})
        if manage and is_open and nominations else None,
        "publish_form": PublishForm(initial={"starts_on": today}) if manage else None,
        "objection_form": ObjectionForm(), "answer_form": AnswerForm(),
        "reward_form": RewardBookForm(initial={"on": today}) if manage else None,
        "unrewarded": manage and round.status == Round.Status.FINAL and any(
            a.reward_entry_id is None and not a.withdrawn for a in queries.awards_of(round)),
        "quota": rule_value("awards.quota_per_group", union=round.union),
        "workdays": rule_value("awards.publicity_workdays", union=round.union)})


@require_POST
@require("awards.nominate")
def nomination_add(request, pk: int):
    round = _round(request, pk)
    return form_action(request, NominationForm(request.POST, round=round), lambda d: services.nomination_add(
        actor=request.user, round=round, kind=d["kind"], worker=d["worker"], discussion=d["discussion"],
        votes_for=d["votes_for"], voters=d["voters"]), ok=_("已录入小组推荐"), to=_to(pk))


@require_POST
@require("awards.nominate")
def group_nomination_add(request, pk: int):
    round = _round(request, pk)
    ctx = request.ctx
    form = GroupNominationForm(request.POST, round=round,
                               group_ids=None if ctx.has("awards.manage") else ctx.group_ids)
    return form_action(request, form, lambda d: services.group_nomination_add(
        actor=request.user, round=round, kind=d["kind"], group=d["group"], discussion=d["discussion"]),
        ok=_("已推荐工会小组"), to=_to(pk))


@require_POST
@require("awards.nominate")
def nomination_remove(request, pk: int):
    nomination = get_in_union_or_404(Nomination, request.ctx.union, pk=pk)
    return button_action(request, lambda: services.nomination_remove(actor=request.user, nomination=nomination),
                         ok=_("已删除推荐"), to=_to(nomination.round_id))


@require_POST
@require("awards.manage")
def exclusion_add(request, pk: int):
    round = _round(request, pk)
    grounds = rule_value("awards.exclusion_grounds", union=round.union)
    return form_action(request, ExclusionForm(request.POST, round=round, grounds=grounds),
                       lambda d: services.exclusion_add(actor=request.user, round=round, worker=d["worker"],
                                                        ground=d["ground"], note=d["note"]),
                       ok=_("已列为不参评"), to=_to(pk))


@require_POST
@require("awards.manage")
def decide(request, pk: int):
    round = _round(request, pk)
    form = DecideForm(request.POST, nominations=list(queries.nominations_of(round)), round=round)
    return form_action(request, form, lambda d: services.round_decide(
        actor=request.user, round=round, chosen=d["chosen"], decision=d["decision"], meeting_ref=d["meeting_ref"],
        meeting_on=d["meeting_on"]), ok=_("已记录委员会评定结果"), to=_to(pk))


@require_POST
@require("awards.manage")
def publish(request, pk: int):
    round = _round(request, pk)
    return form_action(request, PublishForm(request.POST), lambda d: services.round_publish(
        actor=request.user, round=round, starts_on=d["starts_on"]), ok=_("已公示，会员已收到通知"), to=_to(pk))


@require_POST
@require("awards.view")
def objection_raise(request, pk: int):
    award = get_in_union_or_404(Award, request.ctx.union, pk=pk)
    return form_action(request, ObjectionForm(request.POST), lambda d: services.objection_raise(
        actor=request.user, award=award, reason=d["reason"]), ok=_("异议已提交，委员会将答复"),
        to=_to(award.round_id))


@require_POST
@require("awards.manage")
def objection_answer(request, pk: int):
    objection = get_in_union_or_404(Objection, request.ctx.union, pk=pk)
    return form_action(request, AnswerForm(request.POST), lambda d: services.objection_answer(
        actor=request.user, objection=objection, answer=d["answer"], upheld=d["upheld"]),
        ok=_("已答复异议"), to=_to(objection.round_id))


@require_POST
@require("awards.manage")
def finalise(request, pk: int):
    round = _round(request, pk)
    return button_action(request, lambda: services.round_finalise(actor=request.user, round=round),
                         ok=_("评选结果已确定"), to=_to(pk))


@require_POST
@require("awards.manage")
def rewards_book(request, pk: int):
    round = _round(request, pk)
    return form_action(request, RewardBookForm(request.POST), lambda d: services.rewards_book(
        actor=request.user, round=round, on=d["on"]), ok=_("奖励已记入经费账"), to=_to(pk))


@require("awards.manage")
def certificates(request, pk: int):
    round = _round(request, pk)
    if round.status != Round.Status.FINAL:
        messages.error(request, _("评选结果确定后才能打印证书"))
        return redirect(_to(pk))
    content = services.certificates_export(actor=request.user, round=round)
    return attachment(content, documents.download_name(round), fallback=f"awards-{round.pk}-certificates.docx")


@require("awards.view")
def register(request):
    union = request.ctx.union
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return render(request, "awards/register.html", {
        "people": queries.honours_register(union), "groups": queries.group_honours(union),
        "figures": queries.figures(union, year), "year": year})

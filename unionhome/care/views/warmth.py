from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.care import queries
from unionhome.care.forms import AssignForm, DoneForm, VisitedForm, WarmthForm
from unionhome.care.models import WarmthCampaign, WarmthVisit
from unionhome.care.services import warmth as svc
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import button_action, form_action, form_page
from unionhome.members.models import Worker


@require("care.hardship")
def warmth_list(request):
    campaigns = WarmthCampaign.objects.filter(union=request.ctx.union)
    return render(request, "care/warmth_list.html", {"campaigns": campaigns})


@require("care.hardship")
def warmth_new(request):
    today = timezone.localdate()
    form = WarmthForm(request.POST or None, initial={"year": today.year + (today.month >= 10),
                                                     "name": _("%(value)s年春节送温暖") % {"value": today.year + (today.month >= 10)}})
    return form_page(request, form, lambda d: svc.warmth_campaign_create(actor=request.user,
                                                                         union=request.ctx.union, **d),
                     to=lambda campaign: _back(campaign.pk), template="care/simple_form.html",
                     context={"title": _("新建送温暖活动")})


@require("care.hardship")
def warmth_detail(request, pk: int):
    campaign = get_in_union_or_404(WarmthCampaign, request.ctx.union, pk=pk)
    visits = campaign.visits.select_related("worker", "worker__unit", "officer")
    return render(request, "care/warmth_detail.html", {
        "campaign": campaign, "visits": visits, "totals": queries.warmth_totals(campaign),
        "officers": queries.officer_choices(request.ctx.union), "today": timezone.localdate()})


def _back(campaign_id):
    return reverse("care:warmth_detail", args=[campaign_id])


@require_POST
@require("care.hardship")
def warmth_select(request, pk: int):
    campaign = get_in_union_or_404(WarmthCampaign, request.ctx.union, pk=pk)
    return button_action(request, lambda: svc.warmth_campaign_select(
        actor=request.user, campaign=campaign, needy="needy" in request.POST, retirees="retirees" in request.POST),
        ok=lambda added: _("已加入 %(added)s 户") % {"added": added}, to=_back(campaign.pk))


@require_POST
@require("care.hardship")
def warmth_assign(request, pk: int):
    visit = get_in_union_or_404(WarmthVisit, request.ctx.union, pk=pk)
    return form_action(request, AssignForm(request.POST, union=request.ctx.union), lambda d: svc.warmth_visit_assign(
        actor=request.user, visit=visit, officer=d["officer"]), ok=_("已安排走访人"), to=_back(visit.campaign_id))


@require_POST
@require("care.hardship")
def warmth_done(request, pk: int):
    visit = get_in_union_or_404(WarmthVisit, request.ctx.union, pk=pk)
    return form_action(request, DoneForm(request.POST), lambda d: svc.warmth_visit_done(
        actor=request.user, visit=visit, on=d["on"], amount=d["amount"], gift=d["gift"], note=d["note"]),
        ok=_("已走访并记账"), to=_back(visit.campaign_id) + f"#v{visit.pk}")


@require_POST
@require("care.hardship")
def warmth_close(request, pk: int):
    campaign = get_in_union_or_404(WarmthCampaign, request.ctx.union, pk=pk)
    return button_action(request, lambda: svc.warmth_campaign_close(actor=request.user, campaign=campaign),
                         ok=_("活动已结束"), to=_back(campaign.pk))


# --- the visitors' page: committee members record the visits they made (care.manage, no hardship files) --------

@require("care.manage")
def warmth_rounds(request):
    return render(request, "care/warmth_rounds.html", {
        "rows": queries.warmth_rounds(request.ctx.union, request.ctx.worker_id), "today": timezone.localdate()})


@require_POST
@require("care.manage")
def warmth_visited(request, pk: int):
    visit = get_in_union_or_404(WarmthVisit, request.ctx.union, pk=pk)
    visitor = Worker.objects.filter(union=request.ctx.union, pk=request.ctx.worker_id).first()
    return form_action(request, VisitedForm(request.POST), lambda d: svc.warmth_visit_report(
        actor=request.user, visit=visit, visitor=visitor, **d), ok=_("已登记走访"),
        to=reverse("care:warmth_rounds") + f"#r{visit.pk}")

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.care import queries
from unionhome.care.forms import AttendForm, HealthCampaignForm, ResultForm, SlotsForm
from unionhome.care.models import HealthCheckCampaign, HealthCheckInvite, HealthCheckSlot
from unionhome.care.services import health as svc
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import button_action, form_action, form_page


@require("care.health")
def health_list(request):
    campaigns = HealthCheckCampaign.objects.filter(union=request.ctx.union)
    return render(request, "care/health_list.html", {"campaigns": campaigns})


@require("care.health")
def health_new(request):
    form = HealthCampaignForm(request.POST or None, initial={
        "name": _("%(year)s年女职工健康检查") % {"year": timezone.localdate().year}})
    return form_page(request, form, lambda d: svc.health_campaign_create(actor=request.user,
                                                                         union=request.ctx.union, **d),
                     to=lambda campaign: _back(campaign.pk), template="care/simple_form.html",
                     context={"title": _("新建女职工健康检查")})


@require("care.health")
def health_detail(request, pk: int):
    campaign = get_in_union_or_404(HealthCheckCampaign, request.ctx.union, pk=pk)
    invites = campaign.invites.select_related("worker", "worker__unit", "slot")
    return render(request, "care/health_detail.html", {
        "campaign": campaign, "figures": queries.health_figures(campaign), "invites": invites,
        "slots": campaign.slots.all(), "slots_form": SlotsForm(), "today": timezone.localdate()})


def _back(campaign_id):
    return reverse("care:health_detail", args=[campaign_id])


@require_POST
@require("care.health")
def health_slots(request, pk: int):
    campaign = get_in_union_or_404(HealthCheckCampaign, request.ctx.union, pk=pk)
    return form_action(request, SlotsForm(request.POST), lambda d: svc.health_slots_add(
        actor=request.user, campaign=campaign, day=d["day"], times=d["times"], capacity=d["capacity"]),
        ok=_("已添加时段"), to=_back(campaign.pk))


@require_POST
@require("care.health")
def health_invite(request, pk: int):
    campaign = get_in_union_or_404(HealthCheckCampaign, request.ctx.union, pk=pk)
    count = svc.health_invite_eligible(actor=request.user, campaign=campaign, on=timezone.localdate())
    messages.success(request, _("已通知 %(count)s 名女职工") % {"count": count})
    return redirect(_back(campaign.pk))


@require_POST
@require("care.health")
def health_schedule(request, pk: int):
    campaign = get_in_union_or_404(HealthCheckCampaign, request.ctx.union, pk=pk)
    done, left = svc.health_schedule_all(actor=request.user, campaign=campaign)
    (messages.warning if left else messages.success)(
        request, _("已排期 %(done)s 人") % {"done": done} + (_("，还有 %(left)s 人因名额已满未排上，请增加时段") % {"left": left} if left else ""))
    return redirect(_back(campaign.pk))


@require_POST
@require("care.health")
def health_move(request, pk: int):
    invite = get_in_union_or_404(HealthCheckInvite, request.ctx.union, pk=pk)
    slot_id = request.POST.get("slot", "")
    slot = HealthCheckSlot.objects.filter(campaign_id=invite.campaign_id,
                                          pk=slot_id if slot_id.isdigit() else 0).first()
    if slot is None:
        messages.error(request, _("请选择时段"))
        return redirect(_back(invite.campaign_id))
    return button_action(request, lambda: svc.health_invite_schedule(actor=request.user, invite=invite, slot=slot),
                         ok=_("已预约 %(slot)s") % {"slot": slot}, to=_back(invite.campaign_id))


@require_POST
@require("care.health")
def health_attend(request, pk: int):
    invite = get_in_union_or_404(HealthCheckInvite, request.ctx.union, pk=pk)
    return form_action(request, AttendForm(request.POST), lambda d: svc.health_invite_attend(
        actor=request.user, invite=invite, on=d["on"], attended=d["attended"]), ok=_("已登记到检情况"),
        to=_back(invite.campaign_id))


@require("care.health")
def health_result(request, pk: int):
    invite = get_in_union_or_404(HealthCheckInvite.objects.select_related("worker"), request.ctx.union, pk=pk)
    form = ResultForm(request.POST or None)
    response = form_page(request, form, lambda d: svc.health_result_record(
        actor=request.user, invite=invite, result=d["result"]), ok=_("结果已加密保存"), to=_back(invite.campaign_id),
        template="care/health_result.html", context=lambda: {"invite": invite, "result": (
            svc.health_result_view(actor=request.user, invite=invite) if invite.result else "")})
    response["Cache-Control"] = "no-store"
    return response


@require("care.health")
def health_due(request):
    due = queries.health_check_due(request.ctx.union, today=timezone.localdate())
    return render(request, "care/health_due.html", {"due": due})

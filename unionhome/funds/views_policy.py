"""Pages of the welfare policy editor (federation officers, platform administrators) and of the payouts made
under the national rule that wait for the chair."""
from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import button_action, form_page
from unionhome.funds import queries_policy, services, services_policy
from unionhome.funds.forms_policy import PolicyForm
from unionhome.funds.models import WelfarePayout, WelfarePolicy


def _provinces(ctx) -> list[str]:
    """The provinces whose policy this officer edits: the federation's own."""
    own = services_policy.province_of(ctx.union)
    return [own] if own else []


def _policy_or_404(request, pk: int) -> WelfarePolicy:
    policy = WelfarePolicy.objects.filter(pk=pk).first()
    if policy is None or policy.province not in _provinces(request.ctx):
        raise Http404
    return policy


@require("funds.policy_edit")
def policies(request):
    provinces = _provinces(request.ctx)
    province = request.GET.get("province") or (services_policy.province_of(request.ctx.union) or
                                                (provinces[0] if provinces else ""))
    if province not in provinces:
        province = provinces[0] if provinces else ""
    return render(request, "funds/policies.html", {
        "province": province, "provinces": provinces, "versions": queries_policy.policy_versions(province),
        "in_force": services.policy_in_force(request.ctx.union, timezone.localdate()) if province ==
        services_policy.province_of(request.ctx.union) else None,
        "benefits": services_policy.BENEFIT_CODES, "festival_names": services.FESTIVAL_NAMES})


@require("funds.policy_edit")
def policy_edit(request, pk: int | None = None):
    """A new draft (from ``?from=<version>`` or from the version in force) or the change of a draft."""
    policy = _policy_or_404(request, pk) if pk else None
    if policy is not None and policy.is_published:
        return redirect("funds:policy_new")
    provinces = _provinces(request.ctx)
    if not provinces:
        raise Http404
    if policy is not None:
        base = services_policy.draft_from(policy, province=policy.province)
        base.effective_from, base.effective_to = policy.effective_from, policy.effective_to
    else:
        source = _policy_or_404(request, int(request.GET["from"])) if request.GET.get("from", "").isdigit() else None
        province = source.province if source else (request.GET.get("province") or provinces[0])
        if province not in provinces:
            province = provinces[0]
        source = source or (WelfarePolicy.objects.filter(province=province, published_at__isnull=False)
                            .order_by("-effective_from").first())
        base = services_policy.draft_from(source, province=province)
    form = PolicyForm(request.POST or None, initial=PolicyForm.initial_from(base), provinces=provinces)
    return form_page(
        request, form, lambda _data: services_policy.policy_draft_save(
            actor=request.user, publisher=request.ctx.union, draft=form.draft(), policy=policy),
        template="funds/policy_edit.html", context={"policy": policy},
        ok=_("草稿已保存：检查无误后请发布，发布后本省各基层工会从生效日期起执行"),
        to=lambda saved: f"{reverse('funds:policies')}?province={saved.province}#policy-{saved.pk}")


@require_POST
@require("funds.policy_edit")
def policy_publish(request, pk: int):
    policy = _policy_or_404(request, pk)
    return button_action(
        request, lambda: services_policy.policy_publish(actor=request.user, publisher=request.ctx.union, policy=policy),
        ok=_("已发布：本省各基层工会自生效日期起按此政策发放慰问"),
        to=f"{reverse('funds:policies')}?province={policy.province}")


@require("funds.override")
def payouts_unconfirmed(request):
    return render(request, "funds/payouts_unconfirmed.html",
                  {"rows": queries_policy.unconfirmed_payouts(request.ctx.union),
                   "policy": services.policy_in_force(request.ctx.union, timezone.localdate())})


@require_POST
@require("funds.override")
def payout_confirm(request, pk: int):
    payout = get_in_union_or_404(WelfarePayout, request.ctx.union, pk=pk)
    return button_action(request, lambda: services_policy.welfare_payout_confirm(actor=request.user, payout=payout),
                         ok=_("已确认这笔按全国规定发放的慰问"), to="funds:payouts_unconfirmed")

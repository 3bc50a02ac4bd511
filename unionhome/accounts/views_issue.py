"""账号发放: issuing members' logins by union or group (slips, or the codes on screen to read out), an officer's
reset, roles following office, and the federation's viewer logins. Codes appear in one response only."""
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from unionhome.accounts import documents, services_activation, services_roles
from unionhome.accounts.forms_activation import FederationViewerForm
from unionhome.accounts.queries import account_in_union_or_404
from unionhome.accounts.queries_activation import federation_viewers, issue_overview
from unionhome.core.docx import attachment
from unionhome.core.permissions import require
from unionhome.core.views import attempt, button_action
from unionhome.jobs.models import Job
from unionhome.org.models import UnionGroup


def _whole_union(ctx) -> bool:
    return ctx.has_role("chair", "admin")


@require("accounts.issue")
def issue_view(request):
    ctx = request.ctx
    whole = _whole_union(ctx)
    rows = issue_overview(ctx.union, None if whole else ctx.group_ids)
    groups = UnionGroup.objects.filter(union=ctx.union)
    if not whole:
        groups = groups.filter(pk__in=ctx.group_ids)
    counted = {r["group_id"]: r for r in rows}
    table = [{"group": g, **counted.get(g.pk, {"members": 0, "with_account": 0, "activated": 0, "awaiting": 0,
                                              "without_account": 0})} for g in groups]
    ungrouped = counted.get(None)
    totals = {k: sum(r[k] for r in rows) for k in ("members", "with_account", "activated", "awaiting",
                                                   "without_account")}
    return render(request, "accounts/issue.html", {"table": table, "ungrouped": ungrouped, "totals": totals,
                                                   "whole": whole})


def _group_of(request):
    """The posted group of this union (none: the whole union); another union's or a missing one: 404."""
    value = request.POST.get("group", "")
    if not value:
        return None
    try:
        return UnionGroup.objects.get(union=request.ctx.union, pk=int(value))
    except (UnionGroup.DoesNotExist, ValueError, OverflowError) as exc:
        raise Http404 from exc


def _issue(request, *, slips: bool = False):
    """Issue now (the codes), or for many members queue the slips as a background job (the ``Job``)."""
    group = _group_of(request)
    if slips:
        def call():
            return services_activation.accounts_issue_start(
                actor=request.user, union=request.ctx.union, group=group,
                activate_url=request.build_absolute_uri(reverse("accounts:activate")))
    else:
        def call():
            return services_activation.accounts_issue(actor=request.user, union=request.ctx.union, group=group)
    outcome = attempt(call, request=request)
    if not outcome:
        return group, None
    if not outcome.value:
        messages.info(request, _("没有需要发放的账号：在会会员都已有账号并已激活"))
        return group, None
    return group, outcome.value


@never_cache
@require_POST
@require("accounts.issue")
def issue_slips_view(request):
    """Issue, and answer with the slips (.docx) at once: the codes exist only in this file. For a large union the
    slips are made in the background: the job's page shows the progress, then the file, for one download."""
    group, issued = _issue(request, slips=True)
    if issued is None:
        return redirect("accounts:issue")
    if isinstance(issued, Job):
        return redirect("jobs:detail", issued.pk)
    union = request.ctx.union
    content = documents.slips(union=union, issued=issued,
                              activate_url=request.build_absolute_uri(reverse("accounts:activate")))
    return attachment(content, documents.slips_filename(union, group), fallback="activation-slips.docx")


@never_cache
@require_POST
@require("accounts.issue")
def issue_codes_view(request):
    """Issue, and show the codes on this page only (for the group leader to read out)."""
    group, issued = _issue(request)
    if issued is None:
        return redirect("accounts:issue")
    return render(request, "accounts/issue_codes.html", {"issued": issued, "group": group})


@never_cache
@require_POST
@require("accounts.manage")
def account_reset_view(request, pk: int):
    account = account_in_union_or_404(request.ctx.union, pk)
    outcome = attempt(lambda: services_activation.account_reset(actor=request.user, user=account,
                                                                union=request.ctx.union), request=request)
    if not outcome:
        return redirect("accounts:account", pk=pk)
    return render(request, "accounts/issue_codes.html", {"issued": [outcome.value], "reset": True, "account": account})


@require_POST
@require("accounts.manage")
def roles_sync_view(request):
    def sync():
        granted, ended = services_roles.roles_sync(actor=request.user, union=request.ctx.union)
        messages.info(request, _("随职务授予 %(g)d 个角色，收回 %(e)d 个角色") % {"g": granted, "e": ended})

    return button_action(request, sync, ok=_("角色已与任职情况核对一致"), to="accounts:manage")


@never_cache
@require("accounts.federation_viewers")
def federation_viewers_view(request):
    form = FederationViewerForm(request.POST or None)
    slip = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(lambda: services_activation.federation_viewer_create(
            actor=request.user, federation=request.ctx.union, username=form.cleaned_data["username"],
            full_name=form.cleaned_data["full_name"]), form=form)
        if outcome:
            slip = outcome.value
            form = FederationViewerForm()
    return render(request, "accounts/federation_viewers.html", {
        "form": form, "slip": slip, "viewers": federation_viewers(request.ctx.union)})

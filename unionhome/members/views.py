import re

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from unionhome.core.paging import CappedPaginator
from unionhome.core.permissions import login_only, require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import form_page
from unionhome.members.forms import (
    JoinForm,
    MyContactForm,
    StatusForm,
    TransferInForm,
    TransferOutForm,
    WorkerCreateForm,
    WorkerEditForm,
    WorkerFilterForm,
)
from unionhome.members.models import Worker
from unionhome.members.queries import (
    PICK_SCOPES,
    WorkerFilters,
    contact_self_updates,
    membership_rate,
    membership_rate_by,
    my_worker_or_404,
    person_pick,
    worker_search,
    worker_visible_to,
)
from unionhome.members.services import (
    EDITABLE_FIELDS,
    SENSITIVE_FIELDS,
    membership_join,
    membership_leave,
    membership_reinstate,
    membership_retire,
    membership_transfer_out,
    worker_contact_update,
    worker_create,
    worker_reveal,
    worker_update,
)


def filtered_workers(request):
    """The member list's query for this user and these GET filters (shared by the page and the export)."""
    form = WorkerFilterForm(request.GET or None, union=request.ctx.union)
    filters = WorkerFilters(**form.cleaned_data) if form.is_valid() else WorkerFilters()
    qs = worker_search(worker_visible_to(request.ctx), filters)
    return form, qs.select_related("unit", "group", "membership")


@require("members.view")
def worker_list(request):
    form, qs = filtered_workers(request)
    searched = form.is_valid() and bool((form.cleaned_data.get("q") or "").strip())
    # A search's count stops at a cap (one letter matches tens of thousands of a million workers)
    page = CappedPaginator(qs, 50, cap=settings.UNIONHOME_SEARCH_COUNT_CAP if searched else None).get_page(
        request.GET.get("page"))
    template = "members/_rows.html" if request.htmx else "members/list.html"
    return render(request, template, {"form": form, "page": page, "query": request.GET.urlencode()})


@require("members.view")
def worker_detail(request, pk: int):
    worker = get_in_union_or_404(worker_visible_to(request.ctx).select_related("unit", "group", "membership"),
                                 request.ctx.union, pk=pk)
    events = worker.membership.events.all() if hasattr(worker, "membership") else []
    return render(request, "members/detail.html", {"worker": worker, "events": events,
                                                   "contact_updates": contact_self_updates(worker)})


@require_POST
@require("members.reveal")
def worker_reveal_view(request, pk: int, field: str):
    if field not in SENSITIVE_FIELDS:
        raise Http404
    worker = get_in_union_or_404(worker_visible_to(request.ctx), request.ctx.union, pk=pk)
    value = worker_reveal(actor=request.user, worker=worker, field=field)
    return render(request, "members/_revealed.html", {"value": value, "field": field})


def _worker_fields(data: dict) -> dict:
    return {k: data[k] for k in EDITABLE_FIELDS if k in data}


@require("members.manage")
def worker_create_view(request):
    form = WorkerCreateForm(request.POST or None, union=request.ctx.union)
    return form_page(request, form, lambda d: worker_create(
        actor=request.user, union=request.ctx.union, join_on=d["join_on"], card_number=d["card_number"],
        **_worker_fields(d)),
        ok=lambda worker: _("已添加 %(name)s") % {"name": worker.name},
        to=lambda worker: reverse("members:detail", args=[worker.pk]), template="core/form_page.html",
        context={"title": _("添加职工"), "cancel_url": reverse("members:list")})


@require("members.manage")
def worker_edit_view(request, pk: int):
    worker = get_in_union_or_404(worker_visible_to(request.ctx), request.ctx.union, pk=pk)
    initial = {f: getattr(worker, f) for f in EDITABLE_FIELDS if f not in ("id_number", "mobile")}
    form = WorkerEditForm(request.POST or None, union=request.ctx.union, worker=worker, initial=initial)
    return form_page(request, form, lambda d: worker_update(actor=request.user, worker=worker, **{
        k: v for k, v in _worker_fields(d).items() if k not in ("id_number", "mobile") or v}),
        ok=_("已保存"), to=reverse("members:detail", args=[worker.pk]), template="core/form_page.html",
        context={"title": _("修改职工信息：%(name)s") % {"name": worker.name},
                 "cancel_url": reverse("members:detail", args=[worker.pk])})


MEMBERSHIP_ACTIONS = {
    # action: (form, title, service call)
    "join": (JoinForm, _lazy("入会"), lambda actor, w, d: membership_join(
        actor=actor, worker=w, joined_on=d["on"], card_number=d["card_number"])),
    "transfer_in": (TransferInForm, _lazy("转入"), lambda actor, w, d: membership_join(
        actor=actor, worker=w, joined_on=d["on"], card_number=d["card_number"], from_union=d["other_union"])),
    "transfer_out": (TransferOutForm, _lazy("转出"), lambda actor, w, d: membership_transfer_out(
        actor=actor, worker=w, on=d["on"], to_union=d["other_union"], card_endorsement=d["card_endorsement"],
        note=d["note"])),
    "retire": (StatusForm, _lazy("退休保留会籍"), lambda actor, w, d: membership_retire(
        actor=actor, worker=w, on=d["on"], note=d["note"])),
    "leave": (StatusForm, _lazy("退会"), lambda actor, w, d: membership_leave(
        actor=actor, worker=w, on=d["on"], note=d["note"])),
    "reinstate": (StatusForm, _lazy("恢复会籍"), lambda actor, w, d: membership_reinstate(
        actor=actor, worker=w, on=d["on"], note=d["note"])),
}


@require("members.manage")
def membership_action_view(request, pk: int, action: str):
    if action not in MEMBERSHIP_ACTIONS:
        raise Http404
    worker = get_in_union_or_404(worker_visible_to(request.ctx), request.ctx.union, pk=pk)
    form_class, label, act = MEMBERSHIP_ACTIONS[action]
    return form_page(request, form_class(request.POST or None), lambda d: act(request.user, worker, d),
                     ok=_("已办理%(action)s") % {"action": label}, to=reverse("members:detail", args=[worker.pk]),
                     template="core/form_page.html", context={"title": f"{worker.name} · {label}",
                                                              "cancel_url": reverse("members:detail",
                                                                                    args=[worker.pk])})


@require("members.view_all")
def membership_rates_view(request):
    qs = Worker.objects.filter(union=request.ctx.union)
    return render(request, "members/rates.html", {"rate": membership_rate(qs),
                                                  "by_unit": membership_rate_by(qs, "unit__name"),
                                                  "by_group": membership_rate_by(qs, "group__name")})


@require("members.view")
def person_pick_view(request):
    """The person picker's answers (htmx): radio buttons, or checkboxes when the field takes several people."""
    name = request.GET.get("name", "")[:100]
    safe_name = re.sub(r"[^0-9A-Za-z_-]", "_", name)
    q = request.GET.get(f"{safe_name}__q", "")
    scope = request.GET.get("scope", "union")
    workers = person_pick(request.ctx, q, scope=scope if scope in PICK_SCOPES else "union")
    return render(request, "members/_pick_results.html",
                  {"workers": workers, "name": name, "safe_name": safe_name, "q": q.strip(),
                   "multiple": request.GET.get("multiple") == "1"})


@login_only
def my_contact_view(request):
    """我的 › 更正联系方式: the signed-in member's own mobile and address, nothing else."""
    worker = my_worker_or_404(request.ctx)
    form = MyContactForm(request.POST or None, initial={"mobile": worker.mobile, "address": worker.address})
    return form_page(request, form, lambda d: worker_contact_update(actor=request.user, worker=worker, **d),
                     ok=_("联系方式已更新，工会可以看到这次更改"), to="dashboard:mine", template="core/form_page.html",
                     context={"title": _("更正手机号和住址"), "cancel_url": reverse("dashboard:mine"),
                              "intro": _("其他信息（姓名、身份证号、单位、小组等）由工会维护；如有错误请联系所在小组组长。")})

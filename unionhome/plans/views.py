"""Plan pages: the chair writes the year's plan, checks it at mid-year linking the records that show each item
done, and writes the year-end summary — on a phone. Posted buttons and forms go through ``core.views``."""
from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import button_action, form_action, form_page
from unionhome.plans import forms, linkable, queries, services
from unionhome.plans.models import Entry, EvidenceLink, Plan, PlanItem, Review


def _year_param(request) -> int:
    value = request.GET.get("year", "") or request.POST.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


def _plan(request, pk: int) -> Plan:
    return get_in_union_or_404(Plan, request.ctx.union, pk=pk)


def _kind(kind: str) -> str:
    if kind not in Review.Kind.values:
        raise Http404
    return kind


def _plan_url(year: int, anchor: str = "") -> str:
    return reverse("plans:home") + f"?year={year}" + anchor


def _review_url(plan: Plan, kind: str, anchor: str = "") -> str:
    return reverse("plans:review", args=[plan.pk, kind]) + anchor


@require_GET
@require("plans.view")
def home(request):
    """The year's plan (``?year=``, default this year), or the buttons to start one."""
    union = request.ctx.union
    year = _year_param(request)
    plan = queries.plan_for(union, year)
    manage = request.ctx.has("plans.manage")
    items = queries.items_of(plan) if plan else []
    for item in items:
        item.owner_text = _("、").join(queries.owner_names(item))
    draft = plan is not None and plan.status == Plan.Status.DRAFT
    return render(request, "plans/plan.html", {
        "year": year, "plan": plan, "items": items, "can_manage": manage, "draft": draft,
        "reviews": queries.reviews_of(plan) if plan else {}, "kinds": Review.Kind.choices,
        "has_previous": queries.plan_exists(union, year - 1),
        "adopt_form": forms.AdoptForm(union=union, initial={"adopted_on": timezone.localdate()})
        if manage and draft and items else None,
        "goals": queries.goals_open(union, year) if manage and plan else []})


@require_POST
@require("plans.manage")
def plan_create(request):
    year = _year_param(request)
    return button_action(request, lambda: services.plan_create(actor=request.user, union=request.ctx.union,
                                                               year=year),
                         ok=_("已新建计划"), to=_plan_url(year))


@require_POST
@require("plans.manage")
def plan_copy(request):
    year = _year_param(request)
    return button_action(request, lambda: services.plan_copy(actor=request.user, union=request.ctx.union,
                                                             year=year),
                         ok=_("已复制上年计划，请逐项修改"), to=_plan_url(year))


def _item_page(request, plan: Plan, call, *, item: PlanItem | None = None):
    union = request.ctx.union
    initial = None
    if item is not None:
        initial = {"title": item.title, "area": item.area, "owners": list(item.owners.all()),
                   "groups": list(item.groups.all()), "target": item.target, "figure_key": item.figure_key,
                   "target_value": item.target_value, "deadline": item.deadline}
    form = forms.ItemForm(request.POST or None, union=union, year=plan.year, initial=initial)
    return form_page(request, form, call, template="core/form_page.html", ok=_("已保存"),
                     to=_plan_url(plan.year, "#items"),
                     context={"title": _("%(year)s年工作计划：编辑事项") % {"year": plan.year} if item
                              else _("%(year)s年工作计划：新增事项") % {"year": plan.year},
                              "intro": _("考核指标由平台按登记的记录自动统计，不需手工填写完成数。"),
                              "cancel_url": _plan_url(plan.year)})


@require("plans.manage")
def item_add(request, pk: int):
    plan = _plan(request, pk)
    return _item_page(request, plan, lambda d: services.item_add(actor=request.user, plan=plan, **d))


@require("plans.manage")
def item_edit(request, pk: int, item_pk: int):
    plan = _plan(request, pk)
    item = get_in_union_or_404(PlanItem.objects.filter(plan=plan), request.ctx.union, pk=item_pk)
    return _item_page(request, plan, lambda d: services.item_update(actor=request.user, item=item, **d), item=item)


@require_POST
@require("plans.manage")
def plan_adopt(request, pk: int):
    plan = _plan(request, pk)
    return form_action(request, forms.AdoptForm(request.POST, union=request.ctx.union),
                       lambda d: services.plan_adopt(actor=request.user, plan=plan, **d),
                       ok=_("计划已通过"), to=_plan_url(plan.year))


@require_POST
@require("plans.manage")
def goal_link(request, pk: int, item_pk: int):
    plan = _plan(request, pk)
    item = get_in_union_or_404(PlanItem.objects.filter(plan=plan), request.ctx.union, pk=item_pk)
    return form_action(request, forms.GoalLinkForm(request.POST, union=request.ctx.union, year=plan.year),
                       lambda d: services.goal_link(actor=request.user, item=item, **d),
                       ok=_("已关联委员目标"), to=_plan_url(plan.year, f"#item-{item.pk}"))


@require_GET
@require("plans.view")
def review_page(request, pk: int, kind: str):
    plan = _plan(request, pk)
    review = queries.review_of(plan, _kind(kind))
    manage = request.ctx.has("plans.manage")
    return render(request, "plans/review.html", {
        "plan": plan, "year": plan.year, "kind": kind, "kind_label": Review.Kind(kind).label, "review": review,
        "rows": queries.review_view(review) if review else [], "can_manage": manage,
        "start_form": forms.ReviewForm(initial={"checked_on": timezone.localdate()})
        if manage and review is None and plan.status == Plan.Status.ADOPTED else None,
        "statuses": [c for c in Entry.Status.choices if c[0] != Entry.Status.PENDING]})


@require_POST
@require("plans.manage")
def review_start(request, pk: int, kind: str):
    plan = _plan(request, pk)
    return form_action(request, forms.ReviewForm(request.POST),
                       lambda d: services.review_start(actor=request.user, plan=plan, kind=_kind(kind), **d),
                       ok=_("已开始，请逐项填写"), to=_review_url(plan, kind))


def _entry(request, pk: int) -> Entry:
    return get_in_union_or_404(Entry.objects.select_related("item", "review__plan"), request.ctx.union, pk=pk)


def _entry_url(entry: Entry) -> str:
    return _review_url(entry.review.plan, entry.review.kind, f"#entry-{entry.pk}")


@require_POST
@require("plans.manage")
def entry_set(request, pk: int):
    entry = _entry(request, pk)
    return form_action(request, forms.EntryForm(request.POST, prefix=f"e{entry.pk}"),
                       lambda d: services.entry_set(actor=request.user, entry=entry, **d),
                       ok=_("已保存"), to=_entry_url(entry))


@require("plans.manage")
def link_pick(request, pk: int):
    """The picker: the union's records of a kind, searched by title and dates; a tap links one."""
    entry = _entry(request, pk)
    if request.method == "POST":
        return form_action(request, forms.LinkForm(request.POST),
                           lambda d: services.link_add(actor=request.user, entry=entry, **d),
                           ok=_("已关联记录"), to=request.get_full_path())
    search = forms.SearchForm(request.GET or {"kind": linkable.kinds()[0].key})
    found, record_kind = [], None
    if search.is_valid():
        record_kind = linkable.get(search.cleaned_data["kind"])
        d = search.cleaned_data
        found = [(r, record_kind.title(r), record_kind.date_of(r))
                 for r in record_kind.search(request.ctx.union, q=d["q"], start=d["start"], end=d["end"])]
    linked = set(entry.links.values_list("kind", "object_id"))
    return render(request, "plans/pick.html", {
        "entry": entry, "search": search, "record_kind": record_kind,
        "found": [(r, title, day, (record_kind.key, r.pk) in linked) for r, title, day in found],
        "back": _entry_url(entry)})


@require_POST
@require("plans.manage")
def link_remove(request, pk: int):
    link = get_in_union_or_404(EvidenceLink.objects.select_related("entry__review__plan"), request.ctx.union, pk=pk)
    entry = link.entry
    return button_action(request, lambda: services.link_remove(actor=request.user, link=link),
                         ok=_("已取消关联"), to=_entry_url(entry))

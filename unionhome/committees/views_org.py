"""The organisation pages (`org:` URLs): units, groups, their leaders and member counts.

Served from committees because they show people (a group's leader, active members), which sit above
``org`` in the layers; ``org`` keeps the data and its writes (docs/architecture.md, "Layers").
"""
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from unionhome.committees.forms_org import GroupForm, GroupLeaderForm, UnitForm
from unionhome.committees.models import GroupLeader
from unionhome.committees.services import group_leader_set
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import form_page
from unionhome.members.choices import MembershipStatus
from unionhome.org import services
from unionhome.org.models import UnionGroup, Unit


@require("org.view")
def org_home(request):
    union = request.ctx.union
    active = Q(workers__membership__status=MembershipStatus.ACTIVE)
    # a GROUP BY query ignores Meta.ordering: the units' and groups' own order is asked for explicitly
    units = (Unit.objects.filter(union=union).annotate(members=Count("workers", filter=active))
             .order_by(*Unit._meta.ordering))
    groups = list(UnionGroup.objects.filter(union=union).select_related("unit")
                  .annotate(members=Count("workers", filter=active)).order_by(*UnionGroup._meta.ordering))
    leaders = {row.group_id: row.worker for row in GroupLeader.objects.filter(union=union).select_related("worker")}
    for group in groups:
        group.leader = leaders.get(group.pk)
    return render(request, "org/home.html", {"union": union, "units": units, "groups": groups})


def _form_page(request, form, title, save, success):
    """The organisation's simple form pages: back to the organisation on success."""
    return form_page(request, form, save, ok=success, to="org:home", template="core/form_page.html",
                     context={"title": title, "cancel_url": reverse("org:home")})


@require("org.manage")
def unit_create_view(request):
    return _form_page(request, UnitForm(request.POST or None), _("新增单位"),
                      lambda d: services.unit_create(actor=request.user, union=request.ctx.union, name=d["name"],
                                                     code=d["code"], sort_order=d["sort_order"] or 0),
                      _("单位已新增"))


@require("org.manage")
def unit_edit_view(request, pk: int):
    unit = get_in_union_or_404(Unit, request.ctx.union, pk=pk)
    form = UnitForm(request.POST or None, initial={"name": unit.name, "code": unit.code, "sort_order": unit.sort_order})
    return _form_page(request, form, _("修改单位"),
                      lambda d: services.unit_update(actor=request.user, unit=unit, name=d["name"], code=d["code"],
                                                     sort_order=d["sort_order"] or 0),
                      _("单位已修改"))


@require("org.manage")
def group_create_view(request):
    form = GroupForm(request.POST or None, union=request.ctx.union)
    return _form_page(request, form, _("新增工会小组"),
                      lambda d: services.group_create(actor=request.user, union=request.ctx.union, name=d["name"],
                                                      unit=d["unit"], sort_order=d["sort_order"] or 0),
                      _("工会小组已新增"))


@require("org.manage")
def group_edit_view(request, pk: int):
    group = get_in_union_or_404(UnionGroup, request.ctx.union, pk=pk)
    form = GroupForm(request.POST or None, union=request.ctx.union,
                     initial={"name": group.name, "unit": group.unit_id, "sort_order": group.sort_order})
    return _form_page(request, form, _("修改工会小组"),
                      lambda d: services.group_update(actor=request.user, group=group, name=d["name"], unit=d["unit"],
                                                      sort_order=d["sort_order"] or 0),
                      _("工会小组已修改"))


@require("org.manage")
def group_leader_view(request, pk: int):
    group = get_in_union_or_404(UnionGroup, request.ctx.union, pk=pk)
    current = GroupLeader.objects.filter(group=group).values_list("worker_id", flat=True).first()
    form = GroupLeaderForm(request.POST or None, group=group, initial={"leader": current})
    return _form_page(request, form, _("设置小组负责人：%(name)s") % {"name": group.name},
                      lambda d: group_leader_set(actor=request.user, group=group, leader=d["leader"]),
                      _("小组负责人已设置"))

from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status

from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.org import services
from unionhome.org.models import UnionGroup, Unit

router = Router(tags=[gettext_lazy("组织")])


class UnitOut(Schema):
    id: int
    name: str
    code: str


class GroupOut(Schema):
    id: int
    name: str
    unit_id: int | None
    leader_id: int | None


class UnionOut(Schema):
    id: int
    name: str
    code: str
    kind: str
    parent_id: int | None
    units: list[UnitOut]
    groups: list[GroupOut]


@router.get("/union", response=UnionOut, url_name="org_union")
def union_detail(request):
    ctx = api_require(request, "org.view")
    union = ctx.union
    return {"id": union.pk, "name": union.name, "code": union.code, "kind": union.kind, "parent_id": union.parent_id,
            "units": list(Unit.objects.filter(union=union)), "groups": list(UnionGroup.objects.filter(union=union))}


class UnitIn(CleanTextSchema):
    name: str = Field(max_length=100)
    code: str = Field("", max_length=40)
    sort_order: int = Field(0, ge=0, le=100000)


class GroupIn(CleanTextSchema):
    name: str = Field(max_length=100)
    unit_id: int | None = None
    sort_order: int = Field(0, ge=0, le=100000)


class LeaderIn(Schema):
    leader_id: int | None = None


def _unit(ctx, unit_id):
    return get_in_union_or_404(Unit, ctx.union, pk=unit_id) if unit_id is not None else None


@router.post("/units", response={201: UnitOut}, url_name="org_units")
def unit_create(request, payload: UnitIn):
    ctx = api_require(request, "org.manage")
    return Status(201, services.unit_create(actor=request.user, union=ctx.union, **payload.dict()))


@router.patch("/units/{unit_id}", response=UnitOut, url_name="org_unit")
def unit_update(request, unit_id: int, payload: UnitIn):
    ctx = api_require(request, "org.manage")
    return services.unit_update(actor=request.user, unit=_unit(ctx, unit_id), **payload.dict())


@router.post("/groups", response={201: GroupOut}, url_name="org_groups")
def group_create(request, payload: GroupIn):
    ctx = api_require(request, "org.manage")
    return Status(201, services.group_create(actor=request.user, union=ctx.union, name=payload.name,
                                             unit=_unit(ctx, payload.unit_id), sort_order=payload.sort_order))


@router.patch("/groups/{group_id}", response=GroupOut, url_name="org_group")
def group_update(request, group_id: int, payload: GroupIn):
    ctx = api_require(request, "org.manage")
    group = get_in_union_or_404(UnionGroup, ctx.union, pk=group_id)
    return services.group_update(actor=request.user, group=group, name=payload.name,
                                 unit=_unit(ctx, payload.unit_id), sort_order=payload.sort_order)


@router.post("/groups/{group_id}/leader", response=GroupOut, url_name="org_group_leader")
def group_leader(request, group_id: int, payload: LeaderIn):
    ctx = api_require(request, "org.manage")
    group = get_in_union_or_404(UnionGroup, ctx.union, pk=group_id)
    worker_model = UnionGroup._meta.get_field("leader").related_model  # members.Worker, without importing upward
    leader = get_in_union_or_404(worker_model, ctx.union, pk=payload.leader_id) if payload.leader_id else None
    return services.group_set_leader(actor=request.user, group=group, leader=leader)

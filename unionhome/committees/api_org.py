"""The organisation API (``/api/org``): units, groups and their leaders; served from committees like the
organisation pages (``views_org.py``), because a group's leader is a worker."""
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status

from unionhome.committees.models import GroupLeader
from unionhome.committees.services import group_leader_set
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.members.models import Worker
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

    @staticmethod
    def resolve_leader_id(obj) -> int | None:
        try:
            return obj.leadership.worker_id
        except GroupLeader.DoesNotExist:
            return None


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
            "units": list(Unit.objects.filter(union=union)), "groups": list(UnionGroup.objects.filter(union=union).select_related("leadership"))}


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
    leader = get_in_union_or_404(Worker, ctx.union, pk=payload.leader_id) if payload.leader_id else None
    group_leader_set(actor=request.user, group=group, leader=leader)
    return group

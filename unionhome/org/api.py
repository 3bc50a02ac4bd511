from ninja import Router, Schema

from unionhome.core.permissions import api_require
from unionhome.org.models import UnionGroup, Unit

router = Router(tags=["组织"])


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

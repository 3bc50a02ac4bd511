import itertools

from unionhome.core.testing.matrix import NO_CHANGE, Route, by_perm

_n = itertools.count()


def unit_kw(cast):
    return {"pk": cast.units[0].pk}


def group_kw(cast):
    return {"pk": cast.groups[0].pk}


def _units(cast, kw):
    from unionhome.org.models import Unit

    return Unit.objects.count()  # the outsider creates in their own union


def _groups(cast, kw):
    from unionhome.org.models import UnionGroup

    return UnionGroup.objects.count()


def _unit_name(cast, kw):
    from unionhome.org.models import Unit

    return Unit.objects.get(pk=kw["pk"]).name


def _group_name(cast, kw):
    from unionhome.org.models import UnionGroup

    return UnionGroup.objects.get(pk=kw["pk"]).name


MANAGE_OBJ = by_perm("org.manage", outsider=404)

ROUTES = [
    Route("org:home", expect=by_perm("org.view")),
    Route("org:unit_create", expect=by_perm("org.manage")),
    # A POST that succeeds redirects; every holder creates a unit of a new name.
    Route("org:unit_create", method="post", data=lambda c: {"name": f"矩阵单位{next(_n)}"},
          expect=by_perm("org.manage", ok=302), probe=_units),
    Route("org:unit_edit", kwargs=unit_kw, expect=MANAGE_OBJ),
    Route("org:unit_edit", method="post", kwargs=unit_kw, data=lambda c: {"name": f"矩阵办公室{next(_n)}"},
          expect=by_perm("org.manage", ok=302, outsider=404), probe=_unit_name),
    Route("org:group_create", expect=by_perm("org.manage")),
    Route("org:group_create", method="post", data=lambda c: {"name": f"矩阵小组{next(_n)}"},
          expect=by_perm("org.manage", ok=302), probe=_groups),
    Route("org:group_edit", kwargs=group_kw, expect=MANAGE_OBJ),
    Route("org:group_edit", method="post", kwargs=group_kw, data=lambda c: {"name": f"矩阵第一组{next(_n)}"},
          expect=by_perm("org.manage", ok=302, outsider=404), probe=_group_name),
    Route("org:group_leader", kwargs=group_kw, expect=MANAGE_OBJ),
    # the leader is already the group's: the post succeeds and changes nothing
    Route("org:group_leader", method="post", kwargs=group_kw, probe=_group_name,
          data=lambda c: {"leader": c.workers["group_leader"].pk}, expect=by_perm("org.manage", ok=302, outsider=404),
          changes=NO_CHANGE),
    Route("api:org_union", expect=by_perm("org.view")),
    Route("api:org_units", method="post", json=True, data=lambda c: {"name": f"接口单位{next(_n)}"},
          expect=by_perm("org.manage", ok=201)),
    Route("api:org_unit", method="patch", json=True, kwargs=lambda c: {"unit_id": c.units[0].pk},
          data={"name": "办公室", "code": "BGS"}, expect=by_perm("org.manage", outsider=404)),
    Route("api:org_groups", method="post", json=True, data=lambda c: {"name": f"接口小组{next(_n)}"},
          expect=by_perm("org.manage", ok=201)),
    Route("api:org_group", method="patch", json=True, kwargs=lambda c: {"group_id": c.groups[1].pk},
          data={"name": "第2小组"}, expect=by_perm("org.manage", outsider=404)),
    Route("api:org_group_leader", method="post", json=True, kwargs=lambda c: {"group_id": c.groups[0].pk},
          data=lambda c: {"leader_id": c.workers["group_leader"].pk}, expect=by_perm("org.manage", outsider=404)),
]

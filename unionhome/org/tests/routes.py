import itertools

from unionhome.core.testing.matrix import Route, by_perm

_n = itertools.count()


def unit_kw(cast):
    return {"pk": cast.units[0].pk}


def group_kw(cast):
    return {"pk": cast.groups[0].pk}


MANAGE_OBJ = by_perm("org.manage", outsider=404)

ROUTES = [
    Route("org:home", expect=by_perm("org.view")),
    Route("org:unit_create", expect=by_perm("org.manage")),
    # A POST that succeeds redirects; every holder creates a unit of a new name.
    Route("org:unit_create", method="post", data=lambda c: {"name": f"矩阵单位{next(_n)}"},
          expect=by_perm("org.manage", ok=302)),
    Route("org:unit_edit", kwargs=unit_kw, expect=MANAGE_OBJ),
    Route("org:group_create", expect=by_perm("org.manage")),
    Route("org:group_edit", kwargs=group_kw, expect=MANAGE_OBJ),
    Route("org:group_leader", kwargs=group_kw, expect=MANAGE_OBJ),
    Route("org:group_leader", method="post", kwargs=group_kw,
          data=lambda c: {"leader": c.workers["group_leader"].pk}, expect=by_perm("org.manage", ok=302, outsider=404)),
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

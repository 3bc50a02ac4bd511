import itertools

from unionhome.core.testing.matrix import Route, by_perm


def group1_worker(cast):
    return {"pk": cast.workers["group1_worker"].pk}


def group1_worker_api(cast):
    return {"worker_id": cast.workers["group1_worker"].pk}


# A worker of group 1: officers see them, the group-1 leader sees them, a plain member
# does not (404, the same as a missing row), nor does the other union's chair.
DETAIL = by_perm("members.view", member=404, outsider=404)
REVEAL = by_perm("members.reveal", outsider=404)

ROUTES = [
    Route("members:list", expect=by_perm("members.view")),
    Route("members:detail", kwargs=group1_worker, expect=DETAIL),
    Route("members:reveal", method="post", kwargs=lambda c: {"pk": c.workers["group1_worker"].pk, "field": "id_number"},
          expect=REVEAL),
    Route("api:members_workers", expect=by_perm("members.view")),
    Route("api:members_worker", kwargs=group1_worker_api, expect=DETAIL),
    Route("api:members_worker_reveal", method="post",
          kwargs=lambda c: {"worker_id": c.workers["group1_worker"].pk, "field": "id_number"}, expect=REVEAL),
]

_seq = itertools.count(500)


def new_worker(cast):
    import datetime as dt

    from unionhome.core import idcard

    born = dt.date(1992, 4, 5)
    return {"name": "新职工", "gender": "F", "ethnicity": "汉族", "birth_date": born.isoformat(),
            "id_number": idcard.make("110101", born, next(_seq), "F"), "employment_status": "employed",
            "political_status": "masses"}


MANAGE_OBJ = by_perm("members.manage", outsider=404)

ROUTES += [
    Route("members:create", expect=by_perm("members.manage")),
    Route("members:create", method="post", data=new_worker, expect=by_perm("members.manage", ok=302)),
    Route("members:rates", expect=by_perm("members.view_all")),
    Route("members:edit", kwargs=group1_worker, expect=MANAGE_OBJ),
    Route("members:edit", method="post", kwargs=group1_worker, data={}, expect=MANAGE_OBJ),
    Route("members:membership", kwargs=lambda c: {"pk": c.workers["group1_worker"].pk, "action": "transfer_out"},
          expect=MANAGE_OBJ),
    Route("members:membership", method="post", data={},
          kwargs=lambda c: {"pk": c.workers["group1_worker"].pk, "action": "transfer_out"}, expect=MANAGE_OBJ),
    Route("api:members_workers", method="post", json=True, data=new_worker,
          expect=by_perm("members.manage", ok=201)),
    Route("api:members_worker", method="patch", json=True, kwargs=group1_worker_api, data={"post": "科员"},
          expect=MANAGE_OBJ),
    # the committee member (first holder in the matrix's order) records the leaving; later holders get 409
    Route("api:members_membership", method="post", json=True,
          kwargs=lambda c: {"worker_id": c.workers["group1_worker"].pk, "action": "leave"}, data={"on": "2025-01-01"},
          expect=by_perm("members.manage", outsider=404, chair=409, admin=409)),
    Route("api:members_rates", expect=by_perm("members.view_all")),
]

# The person picker's search: every role of a union (a member writes a name in on a ballot); not the federation.
ROUTES += [
    Route("members:pick", expect=by_perm("members.view")),
]

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

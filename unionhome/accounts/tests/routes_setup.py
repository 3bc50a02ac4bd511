import itertools

from unionhome.core.creditcode import credit_code_make
from unionhome.core.testing.matrix import ROLES, Route, by_perm

_n = itertools.count(1)


def union_below(cast):
    n = next(_n)
    return {"parent": cast.federation.pk, "name": f"矩阵工会{n}", "credit_code": credit_code_make(f"81350102MA{n:07d}"),
            "province": "福建", "founded_on": "2020-05-01", "chair_username": f"matrix_chair{n}",
            "chair_name": "矩阵主席"}


def union_below_api(cast):
    data = union_below(cast)
    data["parent_id"] = data.pop("parent")
    return data


ROUTES = [
    # Once a union exists the first-run page is gone, for everyone.
    Route("setup:first_run", expect=dict.fromkeys(ROLES, 404), anonymous=404),
    Route("setup:first_run", method="post", data={}, expect=dict.fromkeys(ROLES, 404), anonymous=404),
    Route("setup:union_new", expect=by_perm("org.union_create")),
    Route("setup:union_new", method="post", data=union_below, expect=by_perm("org.union_create")),
    Route("api:setup_unions", method="post", json=True, data=union_below_api,
          expect=by_perm("org.union_create", ok=201)),
]

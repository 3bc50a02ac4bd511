"""The permission matrix: every route × every role → the expected status.

Each app lists its routes in ``<app>/tests/routes.py`` as ``ROUTES = [Route(...), ...]``.
``core/tests/test_permission_matrix.py`` fails when a route of the URLconf is missing
from every list, and checks each listed route for every role of the cast, an officer
of another union ("outsider") and an anonymous visitor.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from unionhome.core.permissions import registry

ROLES = ["member", "group_leader", "committee", "women_committee", "auditor", "finance", "hardship_officer",
         "chair", "federation", "admin", "outsider"]
ROLE_OF = {"outsider": "chair"}  # the outsider is the chair of another union


@dataclass
class Route:
    name: str  # "namespace:name" as in reverse()
    kwargs: Callable | None = None  # cast -> dict of URL kwargs
    method: str = "get"
    data: Callable | dict | None = None  # cast -> POST/JSON body
    expect: dict = field(default_factory=dict)  # role -> status; missing roles come from `default`
    default: int = 403
    anonymous: int | None = None  # default: 302 for pages, 401 for the API
    json: bool = False
    note: str = ""

    def is_api(self) -> bool:
        return self.name.startswith("api:")

    def expected(self, role: str) -> int:
        if role == "anonymous":
            return self.anonymous if self.anonymous is not None else (401 if self.is_api() else 302)
        return self.expect.get(role, self.default)


def by_perm(perm: str, ok: int = 200, *, denied: int = 403, outsider: int | None = None, **overrides) -> dict:
    """Expectations derived from who holds ``perm`` (the outsider holds the chair's permissions
    in their own union, so a list page answers 200 with their own rows; an object of ours → 404)."""
    holders = {r.value for r in registry()[perm].roles}
    result = {}
    for role in ROLES:
        result[role] = ok if ROLE_OF.get(role, role) in holders else denied
    if outsider is not None:
        result["outsider"] = outsider
    result.update(overrides)
    return result

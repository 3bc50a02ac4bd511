"""The permission matrix: every route × every role → the expected status.

Each app lists its routes in ``<app>/tests/routes.py`` as ``ROUTES = [Route(...), ...]``.
``core/tests/test_permission_matrix.py`` fails when a route of the URLconf is missing
from every list, and checks each listed route for every role of the cast, an officer
of another union ("outsider") and an anonymous visitor.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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


# --- The other direction: the main union's roles against the other union's rows ----------------------------------
PEOPLE = [  # the cast's people (conftest.build_cast), built again in the other union by ``mirror``
    ("member", "M", 1985, 0), ("group_leader", "M", 1980, 0), ("committee", "M", 1978, 1),
    ("women_committee", "F", 1983, 1), ("auditor", "M", 1975, 1), ("finance", "F", 1990, 1),
    ("hardship_officer", "F", 1988, 1), ("chair", "F", 1972, 0), ("admin", "M", 1991, 1),
    ("group1_worker", "F", 1995, 0), ("group2_worker", "M", 1993, 1),
]
MIRROR_NAMES = "甲乙丙丁戊己庚辛壬癸子"  # 镜甲某, 镜乙某…: names no row of the main union holds


def mirror(cast):
    """The same people, accounts, units and groups inside ``cast.other_union``: a route's ``kwargs(mirror(cast))``
    names the other union's row of the same kind, created after ours (so its id is also a neighbour of ours)."""
    import dataclasses
    import datetime as dt

    from unionhome.accounts.services import account_create
    from unionhome.committees.services import group_leader_set
    from unionhome.core import idcard
    from unionhome.members.services import worker_create
    from unionhome.org.services import group_create, unit_create

    other = cast.other_union
    units = [unit_create(actor=None, union=other, name=n) for n in ("镜像办公室", "镜像财政局")]
    groups = [group_create(actor=None, union=other, name=f"镜像第{i + 1}小组", unit=u) for i, u in enumerate(units)]
    workers, users = {}, {}
    for seq, (role, gender, year, g) in enumerate(PEOPLE, start=201):
        born = dt.date(year, 4, seq - 200)
        name = f"镜{MIRROR_NAMES[seq - 201]}某"
        workers[role] = worker_create(actor=None, union=other, name=name, gender=gender, birth_date=born,
                                      id_number=idcard.make("110101", born, seq, gender), mobile=f"1390000{seq:04d}",
                                      unit=units[g], group=groups[g], join_on=dt.date(2015, 1, 1),
                                      card_number=f"M{other.code}{seq:04d}")
    group_leader_set(actor=None, group=groups[0], leader=workers["group_leader"])
    for role in ROLES:
        if role in ("federation", "outsider"):
            users[role] = cast.users["chair" if role == "outsider" else role]
            continue
        roles = [role] if role == "admin" else sorted({role, "member"})
        users[role] = account_create(actor=None, username=f"m_{role}", password="Test-pass-2026", union=other,
                                     roles=roles, worker=workers[role], group=groups[0] if role == "group_leader" else None,
                                     must_change_password=False)
    workers["other_worker"] = cast.workers["member"]
    workers["outsider"] = cast.workers["chair"]
    return dataclasses.replace(cast, union=other, other_union=cast.union, units=units, groups=groups,
                               workers=workers, users=users)


def int_kwargs(kwargs: dict | None) -> bool:
    return bool(kwargs) and any(isinstance(v, int) for v in kwargs.values())

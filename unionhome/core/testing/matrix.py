"""The permission matrix: every (route, method) × every role → the expected status, and for a write its effect.

Each app lists its routes in ``<app>/tests/routes.py`` as ``ROUTES = [Route(...), ...]``.
``core/tests/test_permission_matrix.py`` fails when a URL name is missing for a method its view accepts
(``accepted_methods``: GET and POST for a form page, POST alone for a ``@require_POST`` action, the operations of
an API path), and checks each listed row for every role of the cast, an officer of another union ("outsider")
and an anonymous visitor.

A write (any method but GET) runs for each role on fresh objects: ``kwargs`` and ``data`` are called again for
every role, so no role sees what another did and the order of the roles does not matter. ``probe(cast, kwargs)``
reads what the write should change (a count, a status); it is read before and after each role's request, and
the write must have changed it for the roles the row lets through (status < 400) and for no other — a 302 that
an invalid form also answers is not taken for success. ``changes`` overrides that per role.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from unionhome.core.permissions import registry

ROLES = ["member", "group_leader", "committee", "women_committee", "auditor", "finance", "hardship_officer",
         "chair", "federation", "admin", "outsider"]
ROLE_OF = {"outsider": "chair"}  # the outsider is the chair of another union
NO_CHANGE = dict.fromkeys([*ROLES, "anonymous"], False)  # ``changes=``: a write that succeeds and changes nothing


def audited(action: str) -> Callable:
    """A probe for writes whose effect is best seen in the audit trail: how many entries of ``action`` exist."""
    def probe(cast, kwargs):
        from unionhome.core.models import AuditEntry

        return AuditEntry.objects.filter(action=action).count()
    return probe


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
    probe: Callable | None = None  # (cast, kwargs) -> a value the write changes; read before and after each role
    changes: dict = field(default_factory=dict)  # role -> whether the write changes ``probe`` (default: status < 400)

    def is_api(self) -> bool:
        return self.name.startswith("api:")

    def expected(self, role: str) -> int:
        if role == "anonymous":
            return self.anonymous if self.anonymous is not None else (401 if self.is_api() else 302)
        return self.expect.get(role, self.default)

    def is_write(self) -> bool:
        return self.method != "get"

    def should_change(self, role: str) -> bool:
        """Whether this role's request carries the write out (a denied one, or an anonymous visitor's, changes nothing)."""
        if role in self.changes:
            return self.changes[role]
        return role != "anonymous" and self.expected(role) < 400


# --- Which methods a route's view accepts ----------------------------------------------------------------------
WRITE_MARKERS = ("request.method", "request.POST", "request.FILES")


def _unwrapped(view) -> list:
    chain = []
    while view is not None and view not in chain:
        chain.append(view)
        view = getattr(view, "__wrapped__", None)
    return chain


def _declared_methods(chain) -> set[str] | None:
    """The list a ``require_http_methods`` decorator (``require_POST``, ``require_GET``…) closes over."""
    for fn in chain:
        code = getattr(fn, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars and fn.__closure__:
            listed = fn.__closure__[code.co_freevars.index("request_method_list")].cell_contents
            return {m.lower() for m in listed} - {"head", "options"}
    return None


def _reads_a_body(fn) -> bool:
    """A view function handles a posted form when it, or a function of its own module it calls, reads the method
    or the body (``request.method == "POST"``, ``Form(request.POST or None)``)."""
    import inspect

    module = inspect.getmodule(fn)
    seen, todo = set(), [fn]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source = inspect.getsource(current)
        except (OSError, TypeError):
            continue
        if any(marker in source for marker in WRITE_MARKERS):
            return True
        if current is fn and module is not None:  # one level into the module's own helpers
            todo += [getattr(module, name) for name in getattr(current, "__code__", None).co_names
                     if inspect.isfunction(getattr(module, name, None))
                     and getattr(module, name).__module__ == module.__name__]
    return False


def _ninja_methods(view, url_name: str) -> set[str] | None:
    """An API path: the methods of the operations registered under this URL name (django-ninja's path view)."""
    code = getattr(view, "__code__", None)
    if code is None or "self" not in code.co_freevars or not view.__closure__:
        return None
    path_view = view.__closure__[code.co_freevars.index("self")].cell_contents
    operations = getattr(path_view, "operations", None)
    if operations is None:
        return None
    named = [op for op in operations if getattr(op, "url_name", None) == url_name] or [
        op for op in operations if not getattr(op, "url_name", None)]
    return {m.lower() for op in named for m in op.methods}


def accepted_methods(view, url_name: str) -> set[str]:
    """The methods a URL's view answers (other than HEAD and OPTIONS), each of which needs a row in the matrix."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        # GET and POST: a form view's ``put`` (Django's ProcessFormView) only calls its ``post``
        return {m for m in ("get", "post") if m in view_class.http_method_names and hasattr(view_class, m)}
    ninja = _ninja_methods(view, url_name.split(":")[-1])
    if ninja is not None:
        return ninja
    chain = _unwrapped(view)
    declared = _declared_methods(chain)
    if declared is not None:
        return declared
    return {"get", "post"} if _reads_a_body(chain[-1]) else {"get"}


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
    from unionhome.core import idcard
    from unionhome.members.services import worker_create
    from unionhome.org.services import group_create, group_set_leader, unit_create

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
    group_set_leader(actor=None, group=groups[0], leader=workers["group_leader"])
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

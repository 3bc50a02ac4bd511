"""The one permission mechanism.

Roles are named and scoped to a union (and to a union group for group
leaders). Each domain app declares its permissions in ``<app>/permissions.py``
with ``register(name, label, roles)``. Pages use ``@require("perm")``, the API
uses ``api_require(request, "perm")``; both read ``request.ctx``, the
``UnionContext`` that ``accounts.middleware`` builds for every request.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEMBER = "member", _("会员")
    GROUP_LEADER = "group_leader", _("工会小组长")
    COMMITTEE = "committee", _("工会委员")
    WOMEN_COMMITTEE = "women_committee", _("女职委委员")
    AUDITOR = "auditor", _("经审委员")
    FINANCE = "finance", _("经费会计")
    HARDSHIP = "hardship_officer", _("帮扶专干")
    CHAIR = "chair", _("工会主席")
    FEDERATION = "federation", _("上级工会")
    ADMIN = "admin", _("系统管理员")


ALL_ROLES = frozenset(Role)
OFFICERS = frozenset({Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.CHAIR, Role.ADMIN})


@dataclass(frozen=True)
class Permission:
    name: str
    label: str
    roles: frozenset


_REGISTRY: dict[str, Permission] = {}


def register(name: str, label: str, roles: Iterable[str]) -> Permission:
    perm = Permission(name, label, frozenset(Role(r) for r in roles))
    _REGISTRY[name] = perm
    return perm


def registry() -> dict[str, Permission]:
    return dict(_REGISTRY)


def perms_for_roles(roles: Iterable[str]) -> frozenset[str]:
    roles = {Role(r) for r in roles}
    return frozenset(p.name for p in _REGISTRY.values() if p.roles & roles)


@dataclass
class UnionContext:
    """Who is asking, in which union, with which roles and permissions."""

    user: object = None
    union: object = None
    roles: frozenset = frozenset()
    group_ids: frozenset = frozenset()  # groups this user leads
    worker_id: int | None = None
    perms: frozenset = frozenset()
    unions: list = field(default_factory=list)  # unions where the user holds a role

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user is not None and getattr(self.user, "is_authenticated", False))

    def has(self, perm: str) -> bool:
        if perm not in _REGISTRY:
            raise KeyError(f"unknown permission {perm!r}")
        return perm in self.perms

    def has_role(self, *roles: str) -> bool:
        return any(Role(r) in self.roles for r in roles)

    def passes(self, perms, *, any_of: bool = False) -> bool:
        """What ``@require(*perms, any_of=)`` lets through: a union chosen and all (or any) of the permissions."""
        checks = [self.has(p) for p in perms]
        return self.union is not None and (any(checks) if any_of else all(checks))


ANONYMOUS = UnionContext()


def to_login(request):
    """The login page for a request without a session (never signed in, or ended by the idle logout), coming back
    afterwards. An htmx request — a search box, the competition board refreshing itself — gets ``HX-Redirect`` to
    the login page with the page it was made from: the whole page goes to the login form, instead of htmx following
    the redirect and putting the login form inside the page."""
    from unionhome.core.views import hx_redirect

    htmx = getattr(request, "htmx", None)
    if not htmx:
        return redirect_to_login(request.get_full_path())
    # django-htmx gives the page's path only when it is on this host: never a way back to another site
    return hx_redirect(redirect_to_login(htmx.current_url_abs_path or "/").url)


def require(*perms: str, any_of: bool = False) -> Callable:
    """Page decorator: login required, then the permission(s) in the current union."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            ctx: UnionContext = getattr(request, "ctx", ANONYMOUS)
            if not ctx.is_authenticated:
                return to_login(request)
            if not ctx.passes(perms, any_of=any_of):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_perms = perms
        wrapped.required_any = any_of
        return wrapped

    return decorator


def may_open(ctx: UnionContext, url: str) -> bool:
    """Whether ``ctx`` passes the ``@require`` of the page at ``url``: a link to a page the user would be refused
    (403) is not shown. Pages without ``@require`` (login only, public) count as open."""
    from django.urls import Resolver404, resolve

    try:
        view = resolve(url.split("?", 1)[0]).func
    except Resolver404:
        return False
    perms = getattr(view, "required_perms", ())
    if not perms:
        return True
    return ctx.passes(perms, any_of=getattr(view, "required_any", False))


def login_only(view):
    """Page decorator for pages every logged-in user may open (own data only)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        ctx: UnionContext = getattr(request, "ctx", ANONYMOUS)
        if not ctx.is_authenticated:
            return to_login(request)
        return view(request, *args, **kwargs)

    return wrapped


def api_require(request, *perms: str, any_of: bool = False) -> UnionContext:
    """API check: 401 without a user, 403 without the permission."""
    from ninja.errors import HttpError

    ctx: UnionContext = getattr(request, "ctx", ANONYMOUS)
    if not ctx.is_authenticated:
        raise HttpError(401, gettext("请先登录"))
    checks = [ctx.has(p) for p in perms]
    ok = any(checks) if any_of else all(checks)
    if ctx.union is None or not ok:
        raise HttpError(403, gettext("没有执行此操作的权限"))
    return ctx


register("audit.view", _("查看审计记录"), {Role.CHAIR, Role.AUDITOR, Role.ADMIN})
register("rules.view", _("查看规则参数（数值、依据、生效日期）"), {Role.CHAIR, Role.FEDERATION, Role.ADMIN})
register("rules.set_union", _("设置本工会的规则参数"), {Role.CHAIR, Role.ADMIN})
register("rules.set_province", _("设置全省的规则参数"), {Role.FEDERATION, Role.ADMIN})

"""The navigation menu, assembled from each app's ``nav.py`` (``add(...)`` calls)."""
from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perm: str | None  # None: any logged-in user
    order: int = 100
    icon: str = ""


_ITEMS: list[NavItem] = []


def add(label, url_name: str, perm: str | None = None, order: int = 100) -> None:
    _ITEMS.append(NavItem(label, url_name, perm, order))


def items_for(ctx) -> list[dict]:
    out = []
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if item.perm is not None and item.perm not in ctx.perms:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        out.append({"label": item.label, "url": url, "url_name": item.url_name})
    return out


add(_("审计"), "audit:list", "audit.view", order=90)
add(_("规则参数"), "rules:list", "rules.view", order=91)

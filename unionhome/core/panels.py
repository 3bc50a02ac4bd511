"""Dashboard panels contributed by each app from its ``<app>/panels.py``.

``@warnings_source`` functions take the request's UnionContext and return a list
of ``Alert``; ``@cards_source`` functions return a list of ``Card``. The
dashboard shows what the user's permissions allow (the source decides).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Alert:
    level: str  # danger | warning | info
    code: str
    message: str
    url: str = ""


@dataclass
class Card:
    title: str
    value: str
    url: str = ""
    note: str = ""
    order: int = 100


_WARNINGS: list[Callable] = []
_CARDS: list[Callable] = []


def warnings_source(fn: Callable) -> Callable:
    _WARNINGS.append(fn)
    return fn


def cards_source(fn: Callable) -> Callable:
    _CARDS.append(fn)
    return fn


def collect_alerts(ctx) -> list[Alert]:
    return [a for fn in _WARNINGS for a in fn(ctx)]


def collect_cards(ctx) -> list[Card]:
    return sorted((c for fn in _CARDS for c in fn(ctx)), key=lambda c: c.order)


# --- The member's own corner (我的): each app lists what concerns the member -----------------------------------
@dataclass
class MineItem:
    on: object  # a date (or None)
    text: str
    url: str = ""
    note: str = ""


@dataclass
class MineSection:
    key: str
    title: str
    items: list[MineItem]
    order: int = 100
    url: str = ""  # "see all"
    empty: str = ""  # what to say when there is nothing
    note: str = ""


_MINE: list[Callable] = []


def mine_source(fn: Callable) -> Callable:
    """``fn(ctx, worker) -> list[MineSection]``: only rows about ``worker`` (the signed-in member), nothing about
    anybody else."""
    _MINE.append(fn)
    return fn


def collect_mine(ctx, worker) -> list[MineSection]:
    return sorted((s for fn in _MINE for s in fn(ctx, worker)), key=lambda s: s.order)

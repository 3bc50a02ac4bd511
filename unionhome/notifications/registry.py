"""The event kinds a message may be sent for. Each sending app declares its own in ``<app>/events.py``::

    event_kind("activities.signup_confirmed", _("活动报名成功"))

``notify`` refuses an undeclared kind, so every message can be traced to a declared reason to send it.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventKind:
    key: str
    label: str


_KINDS: dict[str, EventKind] = {}


def event_kind(key: str, label) -> EventKind:
    kind = EventKind(key, label)
    _KINDS[key] = kind
    return kind


def kinds() -> dict[str, EventKind]:
    return dict(_KINDS)


def kind_of(key: str) -> EventKind:
    if key not in _KINDS:
        raise KeyError(f"undeclared notification event {key!r}")
    return _KINDS[key]

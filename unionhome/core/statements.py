"""Statements built once per process, for the burst paths (benchmarks P5/P6, issue 14 §5).

Building a statement through the ORM (a query set, its compiler, the model's fields) costs more CPU than sending
it; on a path that runs thousands of times a minute the same SQL is built once per process and kept here:
``built_once(key, build)``.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

_BUILT: dict = {}


def built_once(key, build: Callable[[], Any]) -> Any:
    """``build()``'s result for ``key``, built on the first call in this process and kept (a statement, its columns,
    its converters). ``key`` names everything the result depends on (the model, the variant)."""
    try:
        return _BUILT[key]
    except KeyError:
        _BUILT[key] = value = build()
        return value

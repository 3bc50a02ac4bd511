"""The kinds of background job, declared by each app in ``<app>/jobs.py``."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    run: Callable  # run(*, job, progress) -> Outcome; raises DomainError for a failure the user can act on


@dataclass
class Outcome:
    message: str
    file: bytes | None = None  # a result to download
    filename: str = ""
    next_url: str = ""
    once: bool = False  # the file may be downloaded once, then it is deleted (it holds secrets: activation codes)


_KINDS: dict[str, Kind] = {}


def runner(key: str, label: str) -> Callable:
    def wrap(fn: Callable) -> Callable:
        _KINDS[key] = Kind(key, label, fn)
        return fn

    return wrap


def kind(key: str) -> Kind:
    return _KINDS[key]

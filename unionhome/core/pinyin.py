"""Pinyin keys for names: full pinyin (zhangsan) and initials (zs), for search and sorting."""
from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def full(name: str) -> str:
    return "".join(lazy_pinyin(name, style=Style.NORMAL, errors="default")).lower().replace(" ", "")


def initials(name: str) -> str:
    return "".join(p[0] for p in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default") if p).lower()

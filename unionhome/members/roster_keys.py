"""Per-row keys of a bulk roster import, computed fast but identical to the single-row path.

``worker_fill_derived`` calls pypinyin (≈250 µs a name: phrase segmentation) and builds a new
HMAC each time. At a million rows that alone is minutes, so the import uses these equivalents:
pinyin per character from a cache whenever no part of the name is a pypinyin phrase (then
pypinyin itself converts character by character, so the result is the same), and a keyed HMAC
copied from a prepared one. ``tests/test_import_keys.py`` checks both against the originals.
"""
from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from pypinyin.constants import PHRASES_DICT

from unionhome.core import pinyin


class PinyinKeys:
    def __init__(self):
        self._chars: dict[str, tuple[str, str]] = {}
        self._names: dict[str, tuple[str, str]] = {}

    def _char(self, ch: str) -> tuple[str, str]:
        keys = self._chars.get(ch)
        if keys is None:
            keys = self._chars[ch] = (pinyin.plain(ch), pinyin.plain_initials(ch))
        return keys

    def __call__(self, name: str) -> tuple[str, str]:
        """(full pinyin, initials) of a name, as ``core.pinyin.full`` / ``initials`` give them."""
        n = len(name)
        # a surname of core.pinyin's table (单 shan, 曾 zeng ...) is read as a surname: the exact path
        simple = all("\u4e00" <= ch <= "\u9fff" for ch in name) and not pinyin.surname_split(name)[0] and not any(
            name[i:j] in PHRASES_DICT for i in range(n) for j in range(i + 2, n + 1))
        if not simple:
            keys = self._names.get(name)
            if keys is None:
                keys = self._names[name] = (pinyin.full(name), pinyin.initials(name))
            return keys
        if n == 3:  # the common case, unrolled
            a, b, c = self._char(name[0]), self._char(name[1]), self._char(name[2])
            return a[0] + b[0] + c[0], a[1] + b[1] + c[1]
        parts = [self._char(ch) for ch in name]
        return "".join(p[0] for p in parts), "".join(p[1] for p in parts)


class BlindIndex:
    """``core.crypto.blind_index`` with the keyed HMAC prepared once."""

    def __init__(self):
        self._base = hmac.new(settings.BLIND_INDEX_KEY.encode(), digestmod=hashlib.sha256)

    def __call__(self, value: str) -> str:
        h = self._base.copy()
        h.update(value.strip().upper().encode())
        return h.hexdigest()

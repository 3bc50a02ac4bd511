"""Pinyin keys for names: full pinyin (zhangsan) and initials (zs), for search and sorting.

A surname is read as a surname: 单 shàn, 曾 zēng, 解 xiè, 仇 qiú, 区 ōu, 朴 piáo … where pypinyin, reading
the character as a common word, gives dān, céng, jiě, chóu, qū, pǔ. GB/T 28039-2011 (中国人名汉语拼音字母
拼写规则) §5.1 spells a surname by its reading as a surname; the readings below are the surname readings of
《现代汉语词典》 (7th edition) and 《新华字典》 (12th edition), limited to surnames in 《百家姓》 whose common reading
differs. Only the first character(s) of a person's name take them; the given name is read as usual.
``plain`` reads any other text (unit and group names) without the table.
"""
from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

COMPOUND_SURNAMES = {"尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "单于": ("chan", "yu")}
SURNAMES = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha", "盖": "ge",
    "缪": "miao", "覃": "qin", "翟": "zhai", "秘": "bi", "种": "chong", "繁": "po", "召": "shao", "折": "she",
    "员": "yun", "句": "gou", "隗": "wei", "都": "du", "薄": "bo", "藏": "zang", "洗": "xian", "粘": "nian",
    "乜": "nie", "祭": "zhai", "宓": "fu", "能": "nai", "长": "zhang", "乐": "yue", "尉": "wei", "柏": "bai",
}


def _syllables(text: str) -> list[str]:
    return lazy_pinyin(text, style=Style.NORMAL, errors="default")


def surname_split(name: str) -> tuple[list[str], str]:
    """(the surname's syllables, the rest of the name) when the name starts with a surname of the table."""
    if name[:2] in COMPOUND_SURNAMES:
        return list(COMPOUND_SURNAMES[name[:2]]), name[2:]
    if name[:1] in SURNAMES:
        return [SURNAMES[name[0]]], name[1:]
    return [], name


def _name_syllables(name: str) -> list[str]:
    head, rest = surname_split(name)
    return head + (_syllables(rest) if rest else [])


def full(name: str) -> str:
    return "".join(_name_syllables(name)).lower().replace(" ", "")


def initials(name: str) -> str:
    head, rest = surname_split(name)
    rest_initials = lazy_pinyin(rest, style=Style.FIRST_LETTER, errors="default") if rest else []
    return "".join(p[0] for p in [*head, *rest_initials] if p).lower()


def plain(text: str) -> str:
    """Pinyin of any text, without the surname readings (for sorting unit and group names)."""
    return "".join(_syllables(text)).lower().replace(" ", "")


def plain_initials(text: str) -> str:
    """Initials of any text, without the surname readings."""
    return "".join(p[0] for p in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default") if p).lower()


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = re.compile("[零〇一二两三四五六七八九十百]+")
_DIGITS = re.compile(r"[0-9]+")


def _cn_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百零五 → 105 (what unit and group names use)."""
    total = current = 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def sort_key(name: str) -> str:
    """A key that sorts unit and group names naturally: 第2小组 before 第10小组 (also 第二 before 第十),
    the rest in pinyin order. Numbers become zero-padded digits before the pinyin is taken."""
    name = _CN_NUMBER.sub(lambda m: str(_cn_number(m.group())), name or "")
    key = plain(name)
    return _DIGITS.sub(lambda m: m.group().zfill(8), key)[:200]

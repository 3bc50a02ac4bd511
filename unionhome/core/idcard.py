"""Resident ID numbers (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check digit."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_PATTERN = re.compile(r"^[0-9]{17}[0-9X]$", re.ASCII)


def check_digit(first17: str) -> str:
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


_X = frozenset("xXｘＸ")  # what phones and IMEs type for the check character 10


def normalise(value: str) -> str:
    """ASCII digits and ``X``, without spaces: full-width ``１１０…Ｘ``, Arabic-Indic or other digit scripts
    and a lower-case ``x`` all become the one form that is checked, hashed for the duplicate check and
    searched by its last four characters. Anything else is kept as it is, for ``validate`` to refuse."""
    out = []
    for ch in value or "":
        if ch.isspace() or unicodedata.category(ch) == "Cf":
            continue  # spaces of any width, and invisible format characters a paste brings along
        if ch in _X:
            out.append("X")
            continue
        digit = unicodedata.digit(ch, None) if not ch.isascii() else None
        out.append(str(digit) if digit is not None else ch.upper() if ch.isascii() else ch)
    return "".join(out)


def validate(value: str) -> str | None:
    """Return a Chinese error message, or None when the number is well formed."""
    value = normalise(value)
    if len(value) != 18:
        return "身份证号应为18位（前17位数字，最后一位数字或X）"
    if not _PATTERN.match(value):
        return "身份证号只能由数字组成，最后一位可以是X"
    if check_digit(value[:17]) != value[17]:
        return "身份证号校验位不正确"
    if birth_date(value) is None:
        return "身份证号中的出生日期无效"
    return None


def birth_date(value: str) -> dt.date | None:
    try:
        return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def gender(value: str) -> str:
    """"M" or "F" from the 17th digit (odd = male)."""
    return "M" if int(value[16]) % 2 == 1 else "F"


def make(prefix6: str, born: dt.date, seq: int, gender: str) -> str:
    """Build a valid number (tests and the demo union): sequence digits whose last one matches the gender."""
    seq3 = (seq * 2 + (1 if gender == "M" else 0)) % 1000
    first17 = f"{prefix6}{born:%Y%m%d}{seq3:03d}"
    return first17 + check_digit(first17)

"""Resident ID numbers (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check digit."""
from __future__ import annotations

import datetime as dt
import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_PATTERN = re.compile(r"^\d{17}[\dX]$")


def check_digit(first17: str) -> str:
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


def normalise(value: str) -> str:
    return (value or "").strip().upper().replace(" ", "")


def validate(value: str) -> str | None:
    """Return a Chinese error message, or None when the number is well formed."""
    value = normalise(value)
    if not _PATTERN.match(value):
        return "身份证号应为18位（前17位数字，最后一位数字或X）"
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

"""统一社会信用代码 (unified social credit identifier), GB 32100-2015.

18 characters from a 31-character alphabet (digits and capitals without I, O, Z, S, V): registration
authority (1), organisation type (1), administrative division (6 digits), organisation code (9), and a
check character: 31 − (Σ value×weight mod 31), the weights being 3^i mod 31, 31 giving "0".
"""
from __future__ import annotations

from django.utils.translation import gettext as _

from unionhome.core.errors import RuleViolation

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_checked(value: str, *, field: str = "credit_code") -> str:
    """The code in capitals, or a ``RuleViolation`` saying what is wrong with it."""
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise RuleViolation("credit_code_length", _("统一社会信用代码应为18位"), field=field)
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        raise RuleViolation("credit_code_characters",
                            _("统一社会信用代码含有不允许的字符：%(join)s（不使用I、O、Z、S、V）") % {"join": ''.join(bad)}, field=field)
    if not code[2:8].isdigit():
        raise RuleViolation("credit_code_division", _("统一社会信用代码第3至8位应为行政区划代码（数字）"), field=field)
    if check_character(code[:17]) != code[17]:
        raise RuleViolation("credit_code_check", _("统一社会信用代码校验位不正确，请核对"), field=field)
    return code


def credit_code_make(first17: str) -> str:
    """A valid code from its first 17 characters (tests, demo data)."""
    return first17 + check_character(first17)

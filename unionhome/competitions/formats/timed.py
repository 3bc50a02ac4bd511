"""Individual timed events: the fastest time ranks first, equal times share a rank, DNF last."""
from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _


@dataclass
class TimedRow:
    entrant: Hashable
    seconds: Decimal | None  # None: did not finish (DNF)
    rank: int | None  # None for DNF


def rank_times(times: Mapping[Hashable, Decimal | None]) -> list[TimedRow]:
    """Competition ranking ("1224"): ties share a rank and the next rank skips; DNF rows come last, unranked."""
    finished = sorted(((k, v) for k, v in times.items() if v is not None), key=lambda kv: (kv[1], str(kv[0])))
    rows: list[TimedRow] = []
    for position, (entrant, seconds) in enumerate(finished, start=1):
        rank = rows[-1].rank if rows and rows[-1].seconds == seconds else position
        rows.append(TimedRow(entrant, Decimal(seconds), rank))
    rows += [TimedRow(k, None, None) for k, v in sorted(times.items(), key=lambda kv: str(kv[0])) if v is None]
    return rows


def parse_time(text: str) -> Decimal:
    """'1:02:03.5', '62:03' or '3723.5' → seconds. Raises ValueError on anything else."""
    text = (text or "").strip()
    if not text:
        raise ValueError("empty time")
    parts = text.split(":")
    if len(parts) > 3:
        raise ValueError(text)
    total = Decimal(0)
    for i, part in enumerate(parts):
        try:
            value = Decimal(part)
        except ArithmeticError:
            raise ValueError(text) from None
        if not value.is_finite():
            raise ValueError(text)
        if value < 0 or (i > 0 and value >= 60) or (i < len(parts) - 1 and value != int(value)):
            raise ValueError(text)
        total = total * 60 + value
    if total <= 0:
        raise ValueError(text)
    return total


def format_time(seconds: Decimal | None) -> str:
    if seconds is None:
        return _("未完成")
    whole = int(seconds)
    frac = seconds - whole
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    tail = f"{s:02d}" + (str(frac.normalize())[1:] if frac else "")
    return f"{h}:{m:02d}:{tail}" if h else f"{m}:{tail}"

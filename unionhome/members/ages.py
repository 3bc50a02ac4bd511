"""A person's age and age band: one definition for the roster filter, the dashboard and every export.

Age on a day is completed years (the birthday itself counts; someone born on 29 February has it on 28 February
in common years). The bands are ``members.choices.AGE_BANDS``.
"""
from __future__ import annotations

import datetime as dt

from unionhome.members.choices import AGE_BANDS


def age_on(born: dt.date, on: dt.date) -> int:
    """Completed years on ``on``: born 1996-03-30 → 30 on 2026-03-30 and after."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_band(born: dt.date, on: dt.date) -> str:
    """The key of the band the person is in on ``on`` (someone not yet born counts as 0)."""
    age = max(0, age_on(born, on))
    return next(key for key, _label, low, high in AGE_BANDS if low <= age <= high)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def band_birth_dates(key: str, on: dt.date) -> tuple[dt.date, dt.date] | None:
    """The birth dates (earliest, latest, both included) of the people in band ``key`` on ``on``, for a query:
    exactly those ``age_band`` puts there. None for an unknown key."""
    for band, _label, low, high in AGE_BANDS:
        if band == key:
            return _years_before(on, high + 1) + dt.timedelta(days=1), _years_before(on, low)
    return None

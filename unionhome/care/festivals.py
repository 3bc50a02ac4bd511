"""When the festivals fall: the retiree rule visits before 国庆, 元旦 and 春节 each year.

Fixed-date festivals are fixed; 春节, 端午 and 中秋 follow the lunar calendar and 清明 a solar term, computed for
any year by the maintained calendar libraries behind ``core.cncalendar`` (no table that runs out).
"""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy

from unionhome.core import cncalendar

FIXED = {"new_year": (1, 1), "labour_day": (5, 1), "national_day": (10, 1)}
LUNAR = {"spring_festival": (1, 1), "dragon_boat": (5, 5), "mid_autumn": (8, 15)}
RETIREE_FESTIVALS = ("national_day", "new_year", "spring_festival")
LABELS = {"national_day": gettext_lazy("国庆节"), "new_year": gettext_lazy("元旦"), "spring_festival": gettext_lazy("春节")}
# A visit counts for a festival when it falls in the weeks before it (or just after, for late visits).
WINDOW_BEFORE = dt.timedelta(days=60)
WINDOW_AFTER = dt.timedelta(days=7)


def occurs_on(festival: str, year: int) -> dt.date | None:
    """The day ``festival`` falls on in ``year`` (None for an unknown festival or a year out of range)."""
    if festival in FIXED:
        return dt.date(year, *FIXED[festival])
    if festival in LUNAR:
        return cncalendar.lunar_to_solar(year, *LUNAR[festival])
    if festival == "qingming":
        return cncalendar.solar_term(year, "清明", 4)
    return None


def window(festival: str, year: int) -> tuple[dt.date, dt.date] | None:
    day = occurs_on(festival, year)
    return (day - WINDOW_BEFORE, day + WINDOW_AFTER) if day else None


def upcoming(today: dt.date) -> list[tuple[str, int, dt.date]]:
    """The next occurrence of each retiree festival (still open until a week after it)."""
    out = []
    for festival in RETIREE_FESTIVALS:
        for year in (today.year, today.year + 1):
            day = occurs_on(festival, year)
            if day and day + WINDOW_AFTER >= today:
                out.append((festival, year, day))
                break
    return sorted(out, key=lambda item: item[2])

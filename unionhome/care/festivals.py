"""When the festivals fall: the retiree rule visits before 国庆, 元旦 and 春节 each year.

Spring Festival follows the lunar calendar; its dates are a fixed table (来源：国务院办公厅放假安排).
"""
from __future__ import annotations

import datetime as dt

SPRING_FESTIVAL = {
    2024: dt.date(2024, 2, 10), 2025: dt.date(2025, 1, 29), 2026: dt.date(2026, 2, 17), 2027: dt.date(2027, 2, 6),
    2028: dt.date(2028, 1, 26), 2029: dt.date(2029, 2, 13), 2030: dt.date(2030, 2, 3), 2031: dt.date(2031, 1, 23),
}
RETIREE_FESTIVALS = ("national_day", "new_year", "spring_festival")
LABELS = {"national_day": "国庆节", "new_year": "元旦", "spring_festival": "春节"}
# A visit counts for a festival when it falls in the weeks before it (or just after, for late visits).
WINDOW_BEFORE = dt.timedelta(days=60)
WINDOW_AFTER = dt.timedelta(days=7)


def occurs_on(festival: str, year: int) -> dt.date | None:
    if festival == "national_day":
        return dt.date(year, 10, 1)
    if festival == "new_year":
        return dt.date(year, 1, 1)
    if festival == "spring_festival":
        return SPRING_FESTIVAL.get(year)
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

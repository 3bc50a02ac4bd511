"""China's calendar: lunar festivals and official working days, from maintained libraries.

- Lunar dates (春节, 端午, 中秋) come from ``lunardate``, which computes them for 1900–2099.
- 清明 is a solar term, from ``chinese-calendar``'s solar-term table (computed, any year it covers).
- Holidays and make-up working days (调休) come from ``chinese-calendar``, which follows each year's
  国务院办公厅放假安排 once it is published. For a year the installed release does not know yet, a working day
  falls back to Monday–Friday and a warning is logged once per year: a deadline may then be off by the
  holiday's days until the library is upgraded (``pip install -U chinese-calendar``).
"""
from __future__ import annotations

import datetime as dt
import logging

import chinese_calendar
import lunardate

log = logging.getLogger(__name__)
_warned: set[int] = set()


def lunar_to_solar(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a lunar date of lunar year ``year`` (None outside the library's range)."""
    try:
        return lunardate.LunarDate(year, month, day).to_solar_date()
    except ValueError:
        return None


def solar_term(year: int, name: str, month: int) -> dt.date | None:
    """The day of a solar term (e.g. "清明" in April) in ``year``."""
    start = dt.date(year, month, 1)
    end = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    try:
        terms = chinese_calendar.get_solar_terms(start, end)
    except (NotImplementedError, ValueError, IndexError, KeyError):
        return None
    return next((day for day, term in terms if term == name), None)


def holidays_known(year: int) -> bool:
    """Whether the installed calendar has the State Council's holiday notice for ``year``."""
    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def is_workday(day: dt.date) -> bool:
    """An official working day: Monday–Friday except statutory holidays, plus make-up Saturdays/Sundays."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        if day.year not in _warned:
            _warned.add(day.year)
            log.warning("chinese-calendar has no holiday notice for %s: counting Monday–Friday as working days "
                        "(upgrade chinese-calendar once the notice is published)", day.year)
        return day.weekday() < 5


def nth_workday(start: dt.date, count: int) -> dt.date:
    """The ``count``-th working day counting from ``start`` (``start`` itself counts when it is one)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    day, seen = start, 0
    while True:
        if is_workday(day):
            seen += 1
            if seen == count:
                return day
        day += dt.timedelta(days=1)

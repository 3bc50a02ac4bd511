"""Festival days and official working days come from the calendar libraries, for any year."""
import datetime as dt
import logging

import pytest

from unionhome.care import festivals
from unionhome.care.queries import care_calendar
from unionhome.core import cncalendar


@pytest.mark.parametrize("festival,year,day", [
    ("spring_festival", 2026, dt.date(2026, 2, 17)),
    ("spring_festival", 2032, dt.date(2032, 2, 11)),  # past the end of the old table (2031)
    ("spring_festival", 2033, dt.date(2033, 1, 31)),
    ("dragon_boat", 2026, dt.date(2026, 6, 19)),
    ("mid_autumn", 2026, dt.date(2026, 9, 25)),
    ("qingming", 2026, dt.date(2026, 4, 5)),
    ("qingming", 2040, dt.date(2040, 4, 4)),
    ("national_day", 2045, dt.date(2045, 10, 1)),
])
def test_festival_days_are_computed_for_any_year(festival, year, day):
    assert festivals.occurs_on(festival, year) == day


def test_the_spring_festival_check_works_after_2031():
    upcoming = festivals.upcoming(dt.date(2032, 1, 5))
    assert [(f, d) for f, _y, d in upcoming] == [("new_year", dt.date(2032, 1, 1)),
                                                 ("spring_festival", dt.date(2032, 2, 11)),
                                                 ("national_day", dt.date(2032, 10, 1))]
    assert festivals.window("spring_festival", 2032)[1] == dt.date(2032, 2, 18)


@pytest.mark.django_db
def test_the_calendar_shows_spring_festival_in_a_year_the_old_table_did_not_know(cast):
    gaps = {g.festival: g for g in care_calendar(cast.union, today=dt.date(2035, 1, 10)).gaps}
    assert gaps["spring_festival"].day == dt.date(2035, 2, 8)


def test_working_days_skip_holidays_and_count_make_up_days():
    # 2026 Spring Festival: Sat 14 Feb is a make-up working day, 15–23 Feb are off.
    assert cncalendar.is_workday(dt.date(2026, 2, 14)) and not cncalendar.is_workday(dt.date(2026, 2, 16))
    assert cncalendar.nth_workday(dt.date(2026, 2, 13), 5) == dt.date(2026, 2, 26)
    # National Day 2026: Sat 10 Oct is worked.
    assert cncalendar.nth_workday(dt.date(2026, 9, 29), 5) == dt.date(2026, 10, 10)


def test_a_year_without_a_holiday_notice_falls_back_to_monday_to_friday_with_a_warning(caplog):
    year = 2090
    assert not cncalendar.holidays_known(year)
    cncalendar._warned.discard(year)
    friday = dt.date(2090, 2, 10)
    assert friday.weekday() == 4
    with caplog.at_level(logging.WARNING, logger="unionhome.core.cncalendar"):
        assert cncalendar.nth_workday(friday, 3) == dt.date(2090, 2, 14)  # Fri, Mon, Tue
        cncalendar.nth_workday(friday, 5)
    warnings = [r for r in caplog.records if "2090" in r.getMessage()]
    assert len(warnings) == 1  # once per year, not once per day


@pytest.mark.django_db
def test_publicity_runs_five_working_days_across_the_spring_festival(cast):
    from unionhome.care.services.hardship import publication_open
    from unionhome.care.tests.factories import consents, open_file

    worker = cast.workers["group1_worker"]
    consents(cast, worker, on=dt.date(2026, 1, 5))
    file = open_file(cast, worker)
    type(file).objects.filter(pk=file.pk).update(opened_on=dt.date(2026, 1, 6))
    pub = publication_open(actor=cast.users["hardship_officer"], file=file, starts_on=dt.date(2026, 2, 13))
    assert pub.ends_on == dt.date(2026, 2, 26)  # Fri 13, Sat 14 (make-up), then 24, 25, 26 after the holiday

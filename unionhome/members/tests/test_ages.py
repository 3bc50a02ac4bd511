"""Age and age band have one definition (``members.ages``): the roster filter and the dashboard agree."""
import datetime as dt
import re
from pathlib import Path

import pytest

from unionhome.dashboard.queries import union_figures
from unionhome.members.ages import age_band, age_on, band_birth_dates
from unionhome.members.choices import AGE_BANDS
from unionhome.members.models import Worker
from unionhome.members.queries import WorkerFilters, worker_search

ROOT = Path(__file__).resolve().parents[2]


def test_completed_years_on_the_day():
    assert age_on(dt.date(1996, 3, 30), dt.date(2026, 3, 29)) == 29
    assert age_on(dt.date(1996, 3, 30), dt.date(2026, 3, 30)) == 30
    assert age_on(dt.date(1996, 3, 30), dt.date(2026, 3, 31)) == 30
    assert age_band(dt.date(1996, 3, 30), dt.date(2026, 3, 31)) == "30-39"
    assert age_on(dt.date(2000, 2, 29), dt.date(2026, 2, 28)) == 25  # the birthday is on 1 March in common years
    assert age_on(dt.date(2000, 2, 29), dt.date(2026, 3, 1)) == 26


@pytest.mark.parametrize("on", [dt.date(2026, 3, 31), dt.date(2024, 2, 29), dt.date(2025, 2, 28), dt.date(2025, 3, 1)])
def test_the_query_bounds_hold_exactly_the_people_of_the_band(on):
    days = [on.replace(year=on.year - years, day=min(on.day, 28)) + dt.timedelta(days=shift)
            for years in (0, 29, 30, 39, 40, 49, 50, 59, 60, 61) for shift in (-2, -1, 0, 1, 2)]
    days += [dt.date(1996, 2, 29), dt.date(1964, 2, 29), dt.date(1986, 2, 28), dt.date(1986, 3, 1)]
    for born in days:
        key = age_band(born, on)
        earliest, latest = band_birth_dates(key, on)
        assert earliest <= born <= latest or born > on, (born, on, key)
        for other, _label, _low, _high in AGE_BANDS:
            if other != key:
                low, high = band_birth_dates(other, on)
                assert not low <= born <= high, (born, on, key, other)


@pytest.mark.django_db
def test_born_1996_03_30_is_in_30_to_39_on_the_roster_and_the_dashboard_on_2026_03_31(cast):
    on = dt.date(2026, 3, 31)
    worker = cast.workers["member"]
    Worker.objects.filter(pk=worker.pk).update(birth_date=dt.date(1996, 3, 30))
    workers = Worker.objects.filter(union=cast.union)
    assert worker.pk in set(worker_search(workers, WorkerFilters(age_band="30-39"), today=on).values_list("pk", flat=True))
    assert worker.pk not in set(worker_search(workers, WorkerFilters(age_band="-30"), today=on).values_list("pk", flat=True))
    by_age = {row["key"]: row["n"] for row in union_figures(cast.union, today=on)["by_age"]}
    members = workers.filter(membership__status__in=["active", "retained"])
    for key, _label, _low, _high in AGE_BANDS:  # every band: the dashboard counts whom the roster filter lists
        assert by_age[key] == worker_search(members, WorkerFilters(age_band=key), today=on).count(), key


def _python_sources():
    return [p for p in ROOT.glob("**/*.py") if "/tests/" not in p.as_posix() and "/migrations/" not in p.as_posix()]


def test_the_age_and_the_membership_rate_are_computed_in_one_place():
    age_formula = re.compile(r"\.year\s*-\s*\w+(\.\w+)*\.year\s*-\s*\(\(")
    rate_formula = re.compile(r"100(\.0)?\s*\*\s*[\w\[\]\"'.]*members[\w\[\]\"'.]*\s*/")  # 入会率: members / staff
    ages, rates = [], []
    for path in _python_sources():
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel != "members/ages.py" and age_formula.search(text):
            ages.append(rel)
        if rel != "members/queries.py" and rate_formula.search(text):
            rates.append(rel)
    assert ages == [] and rates == []

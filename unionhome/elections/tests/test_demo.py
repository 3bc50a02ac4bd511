import datetime as dt

import pytest
import time_machine

from unionhome.demo.builder import build_demo
from unionhome.elections.models import Election
from unionhome.elections.queries import vacancies

pytestmark = pytest.mark.django_db
# The demo is built around a fixed day; the services it calls check sign-up and voting windows against the
# clock, so the clock is set to that day too (ticking), whenever the suite runs.
DEMO_DAY = time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)


@DEMO_DAY
def test_the_demo_union_has_its_2024_election_and_an_open_by_election():
    ctx = build_demo(today=dt.date(2026, 11, 20))
    general = Election.objects.get(union=ctx.union, kind="general", parent__isnull=True)
    assert general.status == Election.Status.APPROVED and general.term.number == 2
    assert general.candidates.filter(elected=True).count() == 7
    assert general.children.count() == 2  # chair and vice-chair, elected by the new committee
    by = Election.objects.get(union=ctx.union, kind="by")
    assert by.status == Election.Status.OPEN and by.mode == Election.Mode.ONLINE
    [vacancy] = vacancies(ctx.union, today=dt.date(2026, 11, 20))
    assert vacancy.term == general.term

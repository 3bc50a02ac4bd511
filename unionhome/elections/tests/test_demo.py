import datetime as dt

import pytest

from unionhome.demo.builder import build_demo
from unionhome.elections.models import Election
from unionhome.elections.queries import vacancies

pytestmark = pytest.mark.django_db


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

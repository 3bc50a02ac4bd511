"""A federation's roll-up: every registered figure for many unions in one grouped query, equal to the figure
computed union by union, and the federation's total by aggregation (a rate from its summed parts)."""
import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from unionhome.core import figures as registry
from unionhome.core.figures import When
from unionhome.core.models import Union

pytestmark = pytest.mark.django_db
DEMO_DAY = time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)


@DEMO_DAY
def test_every_figure_groups_by_union_in_one_query_and_equals_each_unions_own():
    from unionhome.demo import builder

    ctx = builder.build_demo(today=dt.date(2026, 11, 24))
    unions = list(Union.objects.descendants_of(ctx.federation).filter(kind=Union.Kind.GRASSROOTS))
    assert len(unions) >= 4  # the demo union, two siblings and a school under the town federation
    ids = [u.pk for u in unions]
    when = When.for_year(2026)
    for figure in registry.figures():
        if not figure.is_rate:
            assert registry.across_unions(figure, ids, when) is not None, f"{figure.key} cannot be grouped by union"
        with CaptureQueriesContext(connection) as queries:
            values = registry.union_values(figure, ids, when)
        assert len(queries) == (2 if figure.is_rate else 1), figure.key
        for union in unions:
            own = registry.compute(figure, union, when, with_parts=False)
            assert (values[union.pk].value, values[union.pk].count) == (own.value, own.count), (figure.key, union.code)


def test_the_total_rate_is_the_summed_numerator_over_the_summed_denominator():
    figure = registry.get("members.rate")
    values = {1: registry.UnionValue(33.3, 1, 3), 2: registry.UnionValue(66.7, 2, 3), 3: registry.UnionValue(None, 0, 0)}
    assert registry.total(figure, values).value == 50.0  # 3/6; not (33.3 + 66.7) / 2 rounded twice
    values = {1: registry.UnionValue(1 / 3 * 100, 1, 3), 2: registry.UnionValue(100.0, 1, 1)}
    assert registry.total(figure, values).value == 50.0  # 2/4, not the mean of the rates (66.7)


def test_a_union_without_records_is_zero_and_no_unions_ask_nothing(cast):
    when = When.for_year(2026)
    figure = registry.get("care.visits")
    with CaptureQueriesContext(connection) as queries:
        assert registry.union_values(figure, [], when) == {}
    assert not queries
    values = registry.union_values(figure, [cast.union.pk, cast.other_union.pk], when)
    assert values[cast.other_union.pk].value == 0
    staff = registry.union_values(registry.get("members.staff"), [cast.union.pk, cast.other_union.pk], when)
    assert staff[cast.union.pk].value == 11 and staff[cast.other_union.pk].value == 2

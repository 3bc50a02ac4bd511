"""A federation's roll-up: every registered figure for many unions in one grouped query, equal to the figure
computed union by union (on the demo year: demo/tests/test_demo_year.py), and the federation's total by aggregation
(a rate from its summed parts)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from unionhome.core import figures as registry
from unionhome.core.figures import When

pytestmark = pytest.mark.django_db


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

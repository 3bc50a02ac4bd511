"""What one figure call costs: its queries are pinned (a figure with parts reads its records once, a federation's
figure is one query whatever the number of unions, the ledger balance two), and the shortcuts give the same
numbers as the long way (on the demo year: demo/tests/test_demo_year.py; bench/p7_figures.py measures the time)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from unionhome.core import figures as registry
from unionhome.core.figures import When

pytestmark = pytest.mark.django_db


def _queries(fn):
    with CaptureQueriesContext(connection) as captured:
        result = fn()
    return result, [q["sql"] for q in captured.captured_queries]


def test_one_figure_call_sends_a_fixed_few_queries(cast):
    when = When.for_year(2026)
    union = cast.union
    cases = {"members.by_gender": 1,  # the grouped query gives the parts and, summed, the figure
             "care.visits": 1,
             "members.rate": 2,  # numerator and denominator
             "funds.expense": 2}  # the chart of accounts in force (the parts' names) and the grouped query
    for key, expected in cases.items():
        _value, sqls = _queries(lambda k=key: registry.compute(registry.get(k), union, when))
        assert len(sqls) == expected, (key, sqls)


def test_the_ledger_balance_is_two_queries(cast):
    from unionhome.funds.queries import balance

    _value, sqls = _queries(lambda: balance(cast.union, 2026))
    assert len(sqls) == 2, sqls  # the opening of the books; income and expense summed together


def test_a_federations_figure_is_one_query_of_one_size_whatever_the_number_of_unions(cast):
    when = When.for_year(2026)
    figure = registry.get("members.staff")
    few = [cast.union.pk, cast.other_union.pk]
    many = few + list(range(10_000_000, 10_001_000))  # a thousand unions without records
    small, small_sqls = _queries(lambda: registry.union_values(figure, few, when))
    large, large_sqls = _queries(lambda: registry.union_values(figure, many, when))
    assert len(small_sqls) == len(large_sqls) == 1
    assert {pk: large[pk] for pk in few} == small and large[10_000_999].value == 0
    if connection.vendor == "postgresql":  # the ids travel as one array, not a thousand placeholders
        assert "\"union_id\" = ANY(" in large_sqls[0] and "\"union_id\" IN (" not in large_sqls[0]

import datetime as dt
import time

import pytest
import time_machine

from unionhome.funds import queries
from unionhome.funds.models import LedgerEntry, PeriodSignoff
from unionhome.funds.queries_dues import dormant_members, dues_arrears

pytestmark = pytest.mark.django_db
# The demo is built around a fixed day; the services it calls check sign-up and voting windows against the
# clock, so the clock is set to that day too (ticking), whenever the suite runs.
DEMO_DAY = time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)


@DEMO_DAY
def test_the_demo_union_has_a_balanced_year_of_books(monkeypatch):
    from unionhome.demo.builder import build_demo
    from unionhome.funds import demo

    spent = []
    original = demo.build

    def timed(ctx):
        started = time.monotonic()
        original(ctx)
        spent.append(time.monotonic() - started)

    monkeypatch.setattr(demo, "build", timed)

    today = dt.date(2026, 11, 24)
    started = time.monotonic()
    ctx = build_demo(today=today)
    print(f"demo built in {time.monotonic() - started:.1f}s, funds part {spent[0]:.1f}s")
    union = ctx.union
    entries = list(LedgerEntry.objects.filter(union=union))
    carried = queries.opening_of(union).balance
    assert queries.balance(union, 2026) == carried + sum(e.signed_amount for e in entries) > 0
    assert queries.year_totals(union, 2026)["opening"] > 0  # item 22: the demo's opening balance was negative
    assert len(queries.override_list(union)) >= 1  # the books' own override; care adds its own
    assert len(dormant_members(union, today=today)) == 2
    assert len(dues_arrears(union, upto=dt.date(2026, 10, 1))) == 5
    # Jan–Sep 2026 signed off by the reviewer, and December 2025 to close the year whose 决算 the demo reviews
    assert PeriodSignoff.objects.filter(union=union).count() == 10
    rows = {r["category"]: r for r in queries.budget_vs_actual(union, 2026)}
    assert rows["activity"]["budget"] and rows["activity"]["total"] > 0

import datetime as dt
import time

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from unionhome.care.models import CareVisit, HardshipFile, HealthCheckInvite, WarmthCampaign
from unionhome.care.queries import health_figures

pytestmark = pytest.mark.django_db
# The demo is built around a fixed day; the services it calls check sign-up and voting windows against the
# clock, so the clock is set to that day too (ticking), whenever the suite runs.
DEMO_DAY = time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)


@DEMO_DAY
def test_the_demo_union_runs_its_care_year(monkeypatch):
    from unionhome.care import demo
    from unionhome.demo import builder

    timings = {}
    original = demo.build

    def timed(ctx):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            original(ctx)
        timings["care"] = time.perf_counter() - start
        timings["queries"] = len(queries)

    monkeypatch.setattr(demo, "build", timed)
    ctx = builder.build_demo(today=dt.date(2026, 11, 24))
    union = ctx.union
    print(f"care demo: {timings['care']:.2f}s, {timings['queries']} queries")
    # Wall time depends on the machine's load; the work done does not.
    assert timings["queries"] < 6000
    retirees = [w for w in ctx.workers if w.employment_status == "retired"]
    assert len(retirees) == 18
    for festival in ("national_day", "new_year"):
        assert CareVisit.objects.filter(union=union, festival=festival).count() == 18
    campaign = WarmthCampaign.objects.get(union=union, closed=True)
    assert campaign.visits.count() == 21
    # the coming one is open, its needy households sent to the committee member for 我的送温暖走访
    coming = WarmthCampaign.objects.get(union=union, closed=False)
    assert coming.visits.count() == 3 and not coming.visits.filter(officer__isnull=True).exists()
    assert HardshipFile.objects.filter(union=union, status="open").count() == 3
    check = HealthCheckInvite.objects.filter(union=union).first().campaign
    figures = health_figures(check)
    assert figures["invited"] >= 80 and len(figures["by_day"]) == 3 and figures["scheduled"] == figures["invited"]

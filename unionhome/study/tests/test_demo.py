import datetime as dt
import time

import pytest
import time_machine
from django.db.models import Count

from unionhome.study import queries
from unionhome.study.models import Campaign, Quiz, Reflection, StudySession, TrainingRecord

pytestmark = pytest.mark.django_db
DEMO_DAY = time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)


@DEMO_DAY
def test_the_demo_union_studies_every_week_in_eleven_groups(monkeypatch):
    from unionhome.demo import builder
    from unionhome.study import demo

    timings = {}
    original = demo.build

    def timed(ctx):
        start = time.perf_counter()
        original(ctx)
        timings["seconds"] = time.perf_counter() - start

    monkeypatch.setattr(demo, "build", timed)
    ctx = builder.build_demo(today=dt.date(2026, 11, 24))
    union = ctx.union
    print(f"study demo: {timings['seconds']:.2f}s")
    recorded = StudySession.objects.filter(union=union, status="recorded")
    by_group = dict(recorded.values_list("group__name").annotate(n=Count("id")))
    assert len(by_group) == 11
    assert all(n >= 40 for name, n in by_group.items() if not name.startswith("第11"))  # ~45 Fridays to date
    rates = queries.rates_of_union(union, 2026)
    assert 75 < rates["attendance_rate"] < 98 and rates["accepted"] > 250
    assert Reflection.objects.filter(union=union, status="revise").exists()
    quiet = queries.groups_without_session(union, days=14, today=dt.date(2026, 11, 24))
    assert [q.group.name for q in quiet] == ["第11工会小组（信访局）"]
    assert Campaign.objects.filter(union=union, theme="legal").get().events.count() == 3
    assert Quiz.objects.get(union=union).attempts.count() == 60
    assert TrainingRecord.objects.filter(union=union, training__kind="new_officer").exists()
    assert len(queries.officers_untrained(union, today=dt.date(2026, 11, 24))) >= 1

"""The demo union's plan for the year: adopted at the special meeting, checked at mid-year and summed up at the
year's end, each item citing real records of the demo; the pages and ``plan_summary`` show them."""
import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from unionhome.plans import queries
from unionhome.plans.models import Plan

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)
def test_the_demo_plan_is_adopted_checked_and_summed_up_with_real_records(client_for):
    from unionhome.demo import builder

    ctx = builder.build_demo(today=dt.date(2026, 11, 24))
    plan = Plan.objects.get(union=ctx.union, year=2026)
    assert plan.status == "adopted" and plan.decision is not None
    assert plan.items.count() >= 10
    assert set(plan.reviews.values_list("kind", flat=True)) == {"midyear", "summary"}
    rows = queries.plan_summary(union=ctx.union, year=2026)
    with_records = [r for r in rows if r["records"]]
    assert len(with_records) >= 8
    assert all(rec["url"] and rec["date"] for r in with_records for rec in r["records"])
    measured = [r for r in rows if r["figure_key"]]
    assert measured and all(r["value"] is not None for r in measured)
    assert any(r["met"] for r in measured)
    assert any(plan.items.filter(goals__isnull=False))
    chair = client_for(get_user_model().objects.get(username="zhuxi"))
    page = chair.get(reverse("plans:home"), {"year": 2026}).content.decode()
    assert "召开会员大会" in page
    for kind in ("midyear", "summary"):
        body = chair.get(reverse("plans:review", args=[plan.pk, kind])).content.decode()
        assert "工会工作专题会议" in body
    assert not [w for w in queries.year_warnings(ctx.union, today=ctx.today) if w.code == "plan_midyear_missing"]

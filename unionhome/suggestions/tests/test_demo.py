import datetime as dt

import pytest
import time_machine

pytestmark = pytest.mark.django_db
DEMO_DAY = time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)


@DEMO_DAY
def test_the_demo_union_has_a_year_of_suggestions_and_its_disclosures_inspected():
    from unionhome.core.panels import collect_alerts
    from unionhome.demo.builder import build_demo
    from unionhome.disclosures.models import DisclosureItem, Inspection, Rectification
    from unionhome.suggestions.models import Suggestion
    from unionhome.suggestions.queries import status_counts

    ctx = build_demo(today=dt.date(2026, 11, 24))
    counts = {c["status"]: c["n"] for c in status_counts(ctx.union)}
    assert counts == {"submitted": 1, "assigned": 1, "answered": 3, "implementing": 1, "done": 1}
    assert Suggestion.objects.filter(union=ctx.union, anonymous=True).count() == 2
    assert Suggestion.objects.get(union=ctx.union, outcome="not_adopted").reason
    assert DisclosureItem.objects.filter(union=ctx.union).count() == 7
    assert Inspection.objects.filter(union=ctx.union, status="done").count() == 2
    assert list(Rectification.objects.filter(union=ctx.union).values_list("status", flat=True).order_by("id")) == [
        "closed", "open"]
    from unionhome.accounts.queries import context_for

    codes = {a.code for a in collect_alerts(context_for(ctx.chair_user, ctx.union.pk))}
    assert {"suggestions_overdue", "disclosures_review_overdue", "disclosures_rectification_overdue"} <= codes

"""Plans set up through the real services, on the conftest cast (committee members from meetings' factory)."""
from __future__ import annotations

import datetime as dt

from unionhome.meetings.tests.factories import union_term
from unionhome.plans import services
from unionhome.plans.models import Plan, Review

YEAR = 2026


def draft(cast, *, year=YEAR, items=1) -> Plan:
    union_term(cast)
    plan = Plan.objects.filter(union=cast.union, year=year).first() or services.plan_create(
        actor=None, union=cast.union, year=year)
    for i in range(items):
        services.item_add(actor=None, plan=plan, title=f"工作事项{i + 1}", area="care",
                          owners=[cast.workers["committee"]], figure_key="care.visits", target_value=2,
                          deadline=dt.date(year, 6, 30))
    return plan


def adopted(cast, *, year=YEAR) -> Plan:
    plan = draft(cast, year=year)
    return services.plan_adopt(actor=None, plan=plan, adopted_on=dt.date(year, 1, 20))


def review(cast, *, kind=Review.Kind.MIDYEAR, day=dt.date(YEAR, 7, 10)) -> Review:
    plan = Plan.objects.filter(union=cast.union, year=YEAR, status="adopted").first() or adopted(cast)
    existing = plan.reviews.filter(kind=kind).first()
    return existing or services.review_start(actor=None, plan=plan, kind=kind, checked_on=day)

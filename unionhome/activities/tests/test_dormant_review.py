"""Funds item 20: the six-month review list (rule 22: no dues *and* no activity) counts taking part in an
activity; before, every representative of a joint event was listed."""
import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from unionhome.activities.services import invitation_create, invitation_respond, signup_add
from unionhome.activities.tests.helpers import make_activity
from unionhome.funds.queries_dues import dormant_members

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 24)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


@time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)
def test_attending_an_activity_takes_a_member_off_the_six_month_review_list(cast, client_for):
    day = dt.date(2026, 9, 10)
    event = make_activity(cast, title="秋季登山", starts_at=_at(day, 9), ends_at=_at(day, 12),
                          signup_opens_at=_at(day, 0) - dt.timedelta(days=10), signup_closes_at=_at(day, 0))
    joint = make_activity(cast, kind="joint", title="联谊活动", partner="航修公司工会", eligibility="representatives",
                          starts_at=_at(day, 14), ends_at=_at(day, 17),
                          signup_opens_at=_at(day, 0) - dt.timedelta(days=10), signup_closes_at=_at(day, 0))
    before = {r["worker"].name for r in dormant_members(cast.union, today=TODAY)}
    assert {"张三", "李四", "王五"} <= before

    signup_add(actor=cast.users["chair"], activity=event, worker=cast.workers["member"])  # a place at the outing
    for role, accept in (("group_leader", True), ("committee", False)):
        invitation = invitation_create(actor=cast.users["chair"], activity=joint, worker=cast.workers[role])
        invitation_respond(actor=cast.users["chair"], invitation=invitation, accept=accept)

    after = {r["worker"].name for r in dormant_members(cast.union, today=TODAY)}
    assert "张三" not in after      # took a place at the outing
    assert "李四" not in after      # accepted the joint event's invitation (a representative)
    assert "王五" in after          # declined: still for the committee's review
    page = client_for(cast.users["finance"]).get(reverse("funds:dues_review")).content.decode()  # dated today
    assert "王五" in page and "张三" not in page and "李四" not in page

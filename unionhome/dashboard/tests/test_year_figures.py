"""Every registered figure is the count (or sum) of the records its page lists, on the demo union's year
(demo/tests/test_demo_year.py); a figure follows its records; "as of" reads membership as it stood; a role that may
not see people gets no names."""
import datetime as dt
import re

import pytest
import time_machine

from unionhome.core import figures as registry
from unionhome.core.figures import When
from unionhome.members.services import membership_retire

pytestmark = pytest.mark.django_db
EXPECTED = {"members.staff", "members.in_membership", "members.rate", "members.by_gender", "members.by_age_band",
            "members.by_ethnicity", "care.visits", "care.health_check_women", "care.warmth_recipients",
            "care.donations", "care.blood_donors", "activities.held", "activities.participation", "competitions.held",
            "elections.held", "funds.income", "funds.expense", "funds.budget_expense", "study.sessions",
            "study.attendance_rate", "study.reflection_rate", "study.campaign_sessions", "study.officers_untrained",
            "study.training_hours", "study.quiz_participants", "awards.honours", "awards.people_by_gender",
            "awards.people_by_ethnicity", "awards.honours_by_group", "awards.consecutive",
            "meetings.held",
            "meetings.special_held", "meetings.congress_held", "meetings.decisions_adopted", "meetings.decisions_done",
            "suggestions.submitted", "suggestions.adopted", "suggestions.answered_in_time", "disclosures.published",
            "disclosures.inspections", "disclosures.rectifications_closed"}


def listed(body: str) -> int:
    return int(re.search(r'id="record-count">共 (\d+) 条记录', body).group(1))


def test_the_registry_holds_a_figure_for_each_area():
    assert {f.key for f in registry.figures()} >= EXPECTED
    for f in registry.figures():
        assert f.name and f.definition and f.perm and f.period in ("year", "as_of"), f.key


@time_machine.travel(dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)
def test_a_figure_follows_its_records_and_reads_membership_as_it_stood(cast, client_for):
    figure = registry.get("members.in_membership")
    march_2027 = dt.date(2027, 3, 1)
    before = registry.compute(figure, cast.union, When.for_year(2026, today=march_2027))
    worker = cast.workers["member"]
    membership_retire(actor=None, worker=worker, on=dt.date(2027, 2, 1))
    # the 2026 figure computed in March 2027 still counts the member who retired in February 2027 …
    after_2026 = registry.compute(figure, cast.union, When.for_year(2026, today=march_2027))
    assert after_2026.value == before.value and after_2026.when.as_of == dt.date(2026, 12, 31)
    # … and the 2027 figure no longer does
    assert registry.compute(figure, cast.union, When.for_year(2027, today=march_2027)).value == before.value - 1
    # a change today shows on this year's page at once
    chair = client_for(cast.users["chair"])
    this_year = chair.get("/figures/members.in_membership/").content.decode()
    membership_retire(actor=None, worker=cast.workers["committee"], on=dt.date.today())
    again = chair.get("/figures/members.in_membership/").content.decode()
    assert listed(again) == listed(this_year) - 1
    assert cast.workers["committee"].name in this_year and cast.workers["committee"].name not in again


def test_a_figure_page_refuses_who_may_not_see_it_and_another_unions_unit(cast, client_for):
    from unionhome.org.models import Unit

    assert client_for(cast.users["member"]).get("/figures/members.rate/").status_code == 403
    assert client_for(cast.users["chair"]).get("/figures/no.such/").status_code == 404
    other = Unit.objects.filter(union=cast.other_union).first() or Unit.objects.create(union=cast.other_union,
                                                                                      name="他处")
    assert client_for(cast.users["chair"]).get("/figures/members.rate/", {"scope": f"unit:{other.pk}"}).status_code == 404
    assert client_for(cast.users["chair"]).get("/figures/funds.income/", {"scope": "unit:1"}).status_code == 404


def test_the_api_gives_each_figure_with_its_value_and_records_link(cast, client_for):
    chair = client_for(cast.users["chair"])
    rows = chair.get("/api/v1/figures", {"year": 2026}).json()
    rate = next(r for r in rows if r["key"] == "members.rate")
    assert rate["measure"] == "rate" and rate["records_url"].startswith("/figures/members.rate/?year=2026")
    assert chair.get(rate["records_url"]).status_code == 200
    unit = cast.units[0]
    detail = chair.get(f"/api/v1/figures/members.staff?scope=unit:{unit.pk}").json()
    assert detail["scope"] == f"unit:{unit.pk}" and detail["count"] == detail["value"]
    assert chair.get("/api/v1/figures/no.such").status_code == 404
    assert "funds.income" in {r["key"] for r in client_for(cast.users["finance"]).get("/api/v1/figures").json()}
    keys = {r["key"] for r in client_for(cast.users["group_leader"]).get("/api/v1/figures").json()}
    assert "members.rate" not in keys and "funds.income" not in keys


def test_a_figure_page_does_not_query_more_with_more_records(cast, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import conftest

    chair = client_for(cast.users["chair"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert chair.get("/figures/members.by_gender/").status_code == 200
        return len(captured)

    before = queries()
    for seq in range(60, 75):
        conftest._make_worker(cast.union, f"新人{seq}", "F", dt.date(1990, 1, seq - 59), seq, cast.units[0],
                              cast.groups[0])
    assert queries() == before

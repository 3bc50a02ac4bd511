"""The demo union's year, as ``./run`` builds it on 24 November 2026: each area has its records (care, funds,
elections, suggestions and disclosures, study, plans, the 会员评家), and every registered figure is the count of the
records its page lists, computed the short way and the long way, for one union and grouped across unions.

Building the demo takes minutes, so it is built once for this module, inside a transaction rolled back at the end;
each test runs in a savepoint of its own (what one test changes, the next does not see). The module's tests run in
one worker (``ONE_WORKER_MODULES`` in conftest.py), so the demo is built once per run. The clock stands at the
demo's day while they run.
The year-end bundle (30 December) and the phone walk (a live server) build their own demo."""
from __future__ import annotations

import datetime as dt
import importlib
import re
import time
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from unionhome.core import figures as registry
from unionhome.core.figures import Scope, When
from unionhome.core.models import Union
from unionhome.core.testing.module_data import module_transaction

pytestmark = [pytest.mark.django_db, pytest.mark.long]
TODAY = dt.date(2026, 11, 24)
DEMO_MOMENT = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@dataclass
class DemoYear:
    ctx: object
    parts: dict  # app label -> (seconds, queries) its demo.build took

    @property
    def union(self):
        return self.ctx.union


def _measured(build, label: str, parts: dict):
    def run(ctx):
        count = 0

        def counting(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(counting):
            build(ctx)
        parts[label] = (time.perf_counter() - started, count)

    return run


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from unionhome.demo import builder

    parts: dict = {}
    with time_machine.travel(DEMO_MOMENT, tick=True), module_transaction(django_db_blocker):
        with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
            for config in apps.get_app_configs():
                try:
                    module = importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError:
                    continue
                if config.name.startswith("unionhome.") and hasattr(module, "build"):
                    patch.setattr(module, "build", _measured(module.build, config.label, parts))
            started = time.perf_counter()
            ctx = builder.build_demo(today=TODAY)
            print(f"demo built in {time.perf_counter() - started:.1f}s; by part (s, queries): {parts}")
        yield DemoYear(ctx=ctx, parts=parts)


def _login(client_for, username: str):
    return client_for(get_user_model().objects.get(username=username))


def test_the_demo_union_runs_its_care_year(demo):
    from unionhome.care.models import CareVisit, HardshipFile, HealthCheckInvite, WarmthCampaign
    from unionhome.care.queries import health_figures

    union = demo.union
    # Wall time depends on the machine's load; the work done does not.
    assert demo.parts["care"][1] < 6000
    retirees = [w for w in demo.ctx.workers if w.employment_status == "retired"]
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


def test_the_demo_union_has_a_balanced_year_of_books(demo):
    from unionhome.funds import queries
    from unionhome.funds.models import LedgerEntry, PeriodSignoff
    from unionhome.funds.queries_dues import dormant_members, dues_arrears

    union = demo.union
    entries = list(LedgerEntry.objects.filter(union=union))
    carried = queries.opening_of(union).balance
    assert queries.balance(union, 2026) == carried + sum(e.signed_amount for e in entries) > 0
    assert queries.year_totals(union, 2026)["opening"] > 0  # item 22: the demo's opening balance was negative
    assert len(queries.override_list(union)) >= 1  # the books' own override; care adds its own
    assert len(dormant_members(union, today=TODAY)) == 2
    assert len(dues_arrears(union, upto=dt.date(2026, 10, 1))) == 5
    # Jan–Sep 2026 signed off by the reviewer, and December 2025 to close the year whose 决算 the demo reviews
    assert PeriodSignoff.objects.filter(union=union).count() == 10
    rows = {r["category"]: r for r in queries.budget_vs_actual(union, 2026)}
    assert rows["activity"]["budget"] and rows["activity"]["total"] > 0


def test_the_demo_union_has_its_2024_election_and_an_open_by_election(demo):
    from unionhome.elections.models import Election
    from unionhome.elections.queries import vacancies

    general = Election.objects.get(union=demo.union, kind="general", parent__isnull=True)
    assert general.status == Election.Status.APPROVED and general.term.number == 2
    assert general.candidates.filter(elected=True).count() == 7
    assert general.children.count() == 2  # chair and vice-chair, elected by the new committee
    by = Election.objects.get(union=demo.union, kind="by")
    assert by.status == Election.Status.OPEN and by.mode == Election.Mode.ONLINE
    [vacancy] = vacancies(demo.union, today=TODAY)
    assert vacancy.term == general.term


def test_the_demo_union_has_a_year_of_suggestions_and_its_disclosures_inspected(demo):
    from unionhome.accounts.queries import context_for
    from unionhome.core.panels import collect_alerts
    from unionhome.disclosures.models import DisclosureItem, Inspection, Rectification
    from unionhome.suggestions.models import Suggestion
    from unionhome.suggestions.queries import status_counts

    union = demo.union
    counts = {c["status"]: c["n"] for c in status_counts(union)}
    assert counts == {"submitted": 1, "assigned": 1, "answered": 3, "implementing": 1, "done": 1}
    assert Suggestion.objects.filter(union=union, anonymous=True).count() == 2
    assert Suggestion.objects.get(union=union, outcome="not_adopted").reason
    assert DisclosureItem.objects.filter(union=union).count() == 7
    assert Inspection.objects.filter(union=union, status="done").count() == 2
    assert list(Rectification.objects.filter(union=union).values_list("status", flat=True).order_by("id")) == [
        "closed", "open"]
    codes = {a.code for a in collect_alerts(context_for(demo.ctx.chair_user, union.pk))}
    assert {"suggestions_overdue", "disclosures_review_overdue", "disclosures_rectification_overdue"} <= codes


def test_the_demo_union_studies_every_week_in_eleven_groups(demo):
    from unionhome.study import queries
    from unionhome.study.models import Campaign, Quiz, Reflection, StudySession, TrainingRecord

    union = demo.union
    recorded = StudySession.objects.filter(union=union, status="recorded")
    by_group = dict(recorded.values_list("group__name").annotate(n=Count("id")))
    assert len(by_group) == 11
    assert all(n >= 40 for name, n in by_group.items() if not name.startswith("第11"))  # ~45 Fridays to date
    rates = queries.rates_of_union(union, 2026)
    assert 75 < rates["attendance_rate"] < 98 and rates["accepted"] > 250
    assert Reflection.objects.filter(union=union, status="revise").exists()
    quiet = queries.groups_without_session(union, days=14, today=TODAY)
    assert [q.group.name for q in quiet] == ["第11工会小组（信访局）"]
    assert Campaign.objects.filter(union=union, theme="legal").get().events.count() == 3
    assert Quiz.objects.get(union=union).attempts.count() == 60
    assert TrainingRecord.objects.filter(union=union, training__kind="new_officer").exists()
    assert len(queries.officers_untrained(union, today=TODAY)) >= 1


def test_the_demo_plan_is_adopted_checked_and_summed_up_with_real_records(demo, client_for):
    from unionhome.plans import queries
    from unionhome.plans.models import Plan

    plan = Plan.objects.get(union=demo.union, year=2026)
    assert plan.status == "adopted" and plan.decision is not None
    assert plan.items.count() >= 10
    assert set(plan.reviews.values_list("kind", flat=True)) == {"midyear", "summary"}
    rows = queries.plan_summary(union=demo.union, year=2026)
    with_records = [r for r in rows if r["records"]]
    assert len(with_records) >= 8
    assert all(rec["url"] and rec["date"] for r in with_records for rec in r["records"])
    measured = [r for r in rows if r["figure_key"]]
    assert measured and all(r["value"] is not None for r in measured)
    assert any(r["met"] for r in measured)
    assert any(plan.items.filter(goals__isnull=False))
    chair = _login(client_for, "zhuxi")
    page = chair.get(reverse("plans:home"), {"year": 2026}).content.decode()
    assert "召开会员大会" in page
    for kind in ("midyear", "summary"):
        body = chair.get(reverse("plans:review", args=[plan.pk, kind])).content.decode()
        assert "工会工作专题会议" in body
    assert not [w for w in queries.year_warnings(demo.union, today=TODAY) if w.code == "plan_midyear_missing"]


def test_the_demo_year_has_a_closed_survey_over_ninety_percent_and_a_sheet_to_finish(demo):
    """The demo union shows a closed 会员评家 over 90% and a 2026 sheet the chair can finish and submit."""
    from unionhome.assessment import queries, services

    union, chair = demo.union, demo.ctx.chair_user
    rate = registry.compute(registry.get("assessment.satisfaction_rate"), union, When.for_year(2026))
    assert rate.value >= 90 and rate.denominator.count > 100
    a = queries.assessment_for(union, 2026)
    s = queries.sheet(a)
    assert s.unscored == 1 and not s.vetoes, [(sl.criterion.code, sl.shown) for sl in s.vetoes]
    assert all(sl.evidence for sl in s.lines if sl.criterion.method == "manual" and sl.points is not None)
    bas = a.lines.get(criterion__code="BAS-1")
    services.line_score(actor=chair, line=bas, points=5, note="职工书屋、活动室")
    a = services.assessment_submit(actor=chair, assessment=a)
    assert not a.vetoed and a.total >= 80
    total = registry.compute(registry.get("assessment.total_score"), union, When.for_year(2026))
    assert total.value == a.total


def _listed(body: str) -> int:
    return int(re.search(r'id="record-count">共 (\d+) 条记录', body).group(1))


def test_every_figure_is_the_count_of_the_list_its_page_shows_on_the_demo_year(demo, client_for):
    """Every registered figure is the count (or sum) of the records its page lists; a role that may not see people
    gets no names."""
    union, when = demo.union, When.for_year(2026)
    client = _login(client_for, "zhuxi")
    for figure in registry.figures():
        value = registry.compute(figure, union, when)
        records = list(registry.record_list(figure, union, when, Scope()))
        body = client.get(f"/figures/{figure.key}/", {"year": 2026}).content.decode()
        assert _listed(body) == len(records) == value.count, figure.key
        if figure.is_rate:
            den = registry.compute(registry.get(figure.denominator), union, when)
            assert value.value == round(100.0 * value.count / den.count, 1)
        elif figure.measure == "sum":
            assert value.value == sum((getattr(r, figure.sum_field) for r in records), Decimal("0")), figure.key
        else:
            assert value.value == len(records), figure.key
        if value.parts:
            assert sum(p["value"] for p in value.parts) == value.value, figure.key
            for part in value.parts[:3]:
                page = client.get(f"/figures/{figure.key}/", {"year": 2026, "part": part["key"]}).content.decode()
                assert _listed(page) == part["count"], (figure.key, part["key"])
        for kind in ("unit", "group"):
            if kind in figure.scopes:
                by = registry.scope_values(figure, union, when, kind)
                some = next((k for k in by if k is not None), None)
                if some is not None:
                    assert registry.compute(figure, union, when, Scope(kind, some)).value == by[some], figure.key
    # the demo's year shows real content
    for key in ("members.rate", "care.visits", "care.health_check_women", "activities.participation", "funds.expense",
                "study.sessions", "study.attendance_rate", "study.reflections", "study.campaign_sessions",
                "study.officers_trained", "study.officers_untrained", "study.training_hours", "study.quiz_participants"):
        assert registry.compute(registry.get(key), union, when).count > 0, key
    # the demo's evaluation (decided in December of the year before): 17 advanced workers and 2 best groups
    last = When.for_year(2025)
    for key in ("awards.honours", "awards.honours_by_group", "awards.people_by_gender", "awards.people_by_ethnicity"):
        value = registry.compute(registry.get(key), union, last)
        assert value.count == len(list(registry.record_list(registry.get(key), union, last, Scope()))), key
        assert sum(p["value"] for p in value.parts) == value.value, key
    honours = {p["label"]: p["value"] for p in registry.compute(registry.get("awards.honours"), union, last).parts}
    assert honours["先进工作者"] == 17 and honours["优秀工会小组"] == 2
    assert registry.compute(registry.get("awards.people_by_gender"), union, last).value == 17
    # the 经审 chair sees the 送温暖 figure but not whom it reached (needy members' names need care.hardship)
    recipients = [v.worker.name for v in registry.record_list(registry.get("care.warmth_recipients"), union, when,
                                                              Scope())]
    chair_body = client.get("/figures/care.warmth_recipients/").content.decode()
    assert recipients and any(name in chair_body for name in recipients)
    response = _login(client_for, "jingshen").get("/figures/care.warmth_recipients/")
    body = response.content.decode()
    assert response.status_code == 200 and 'id="people-hidden"' in body and _listed(body) == len(recipients)
    assert not any(name in body for name in recipients)


def _grassroots(demo) -> list:
    return list(Union.objects.descendants_of(demo.ctx.federation).filter(kind=Union.Kind.GRASSROOTS))


def test_a_figure_with_parts_is_the_same_number_as_without_them_on_the_demo_year(demo):
    """The shortcuts give the same numbers as the long way (core/tests/test_figure_call_cost.py pins the queries)."""
    when = When.for_year(2026)
    for union in _grassroots(demo):
        for figure in registry.figures():
            whole = registry.compute(figure, union, when)
            alone = registry.compute(figure, union, when, with_parts=False)
            assert (whole.value, whole.count) == (alone.value, alone.count), (figure.key, union.code)
            if figure.parts and not figure.is_rate:
                assert whole.parts == registry.part_values(figure, union, when, Scope()), (figure.key, union.code)


def test_every_figure_groups_by_union_in_one_query_and_equals_each_unions_own(demo):
    """A federation's roll-up: every registered figure for many unions in one grouped query, equal to the figure
    computed union by union."""
    unions = _grassroots(demo)
    assert len(unions) >= 4  # the demo union, two siblings and a school under the town federation
    ids = [u.pk for u in unions]
    when = When.for_year(2026)
    for figure in registry.figures():
        if not figure.is_rate:
            assert registry.across_unions(figure, ids, when) is not None, f"{figure.key} cannot be grouped by union"
        with CaptureQueriesContext(connection) as queries:
            values = registry.union_values(figure, ids, when)
        assert len(queries) == (2 if figure.is_rate else 1), figure.key
        for union in unions:
            own = registry.compute(figure, union, when, with_parts=False)
            assert (values[union.pk].value, values[union.pk].count) == (own.value, own.count), (figure.key, union.code)

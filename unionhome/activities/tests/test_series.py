"""Item 44: a weekly or monthly series created once; each occurrence its own activity; counted as a series."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from unionhome.activities.models import Activity, ActivitySeries
from unionhome.activities.queries import (
    stats_by_activity,
    stats_by_member,
    stats_year,
    upcoming_count,
    upcoming_for_members,
)
from unionhome.activities.services import (
    activity_cancel,
    activity_update,
    series_create,
    signup_add,
    signup_check_in,
    signup_create,
)
from unionhome.activities.tests.helpers import make_activity
from unionhome.core.errors import RuleViolation

pytestmark = pytest.mark.django_db
TZ = timezone.get_current_timezone()


def _friday(weeks_ahead=1):
    today = timezone.localdate()
    day = today + dt.timedelta(days=(4 - today.weekday()) % 7 + 7 * weeks_ahead)
    return dt.datetime.combine(day, dt.time(14, 30), tzinfo=TZ)


def _series(cast, n=4, frequency="weekly", start=None, **kw):
    start = start or _friday()
    return series_create(actor=cast.users["chair"], union=cast.union, frequency=frequency, occurrences=n,
                         kind="recurring", title="周五下午活动室开放", starts_at=start,
                         ends_at=start + dt.timedelta(hours=3), place="职工活动室", capacity=2, **kw)


def test_a_weekly_series_is_created_once_with_one_activity_per_week(cast):
    start = _friday()
    series = _series(cast, n=50, signup_closes_at=start - dt.timedelta(hours=2))
    occ = list(Activity.objects.filter(series=series).order_by("starts_at"))
    assert len(occ) == 50 == series.occurrences
    assert [o.occurrence for o in occ] == list(range(1, 51))
    for n, o in enumerate(occ):
        local = timezone.localtime(o.starts_at)
        assert local.date() == start.date() + dt.timedelta(weeks=n) and local.time() == dt.time(14, 30)
        assert o.ends_at - o.starts_at == dt.timedelta(hours=3)
        assert o.starts_at - o.signup_closes_at == dt.timedelta(hours=2)  # the window moves with each one
    assert occ[0].recurrence.startswith("每周")


def test_a_monthly_series_keeps_the_day_or_takes_the_months_last(cast):
    start = dt.datetime(2027, 1, 31, 19, 0, tzinfo=TZ)
    series = _series(cast, n=3, frequency="monthly", start=start)
    days = [timezone.localtime(a.starts_at).date() for a in Activity.objects.filter(series=series).order_by("starts_at")]
    assert days == [dt.date(2027, 1, 31), dt.date(2027, 2, 28), dt.date(2027, 3, 31)]


def test_each_occurrence_has_its_own_signups_and_check_in(cast):
    first, second = Activity.objects.filter(series=_series(cast, n=2)).order_by("starts_at")
    s1 = signup_create(actor=None, activity=first, worker=cast.workers["member"])
    signup_create(actor=None, activity=first, worker=cast.workers["committee"])
    assert signup_create(actor=None, activity=first, worker=cast.workers["finance"]).status == "waitlisted"
    assert signup_create(actor=None, activity=second, worker=cast.workers["finance"]).status == "accepted"
    with pytest.raises(RuleViolation):  # the code of the first Friday does not check in on the second
        signup_check_in(actor=None, activity=second, code=s1.checkin_code)


def test_one_occurrence_is_cancelled_or_moved_without_touching_the_rest(cast):
    occ = list(Activity.objects.filter(series=_series(cast, n=4)).order_by("starts_at"))
    before = {o.pk: (o.starts_at, o.ends_at, o.status) for o in occ}
    activity_cancel(actor=cast.users["chair"], activity=occ[1], reason="节假日")
    moved = occ[2].starts_at + dt.timedelta(days=1)
    activity_update(actor=cast.users["chair"], activity=occ[2], starts_at=moved, ends_at=moved + dt.timedelta(hours=3))
    after = {o.pk: (o.starts_at, o.ends_at, o.status) for o in Activity.objects.filter(pk__in=before)}
    assert after[occ[1].pk][2] == "cancelled"
    assert after[occ[2].pk][0] == moved
    for o in (occ[0], occ[3]):
        assert after[o.pk] == before[o.pk]


def test_statistics_count_a_series_as_one_activity_with_its_sessions(cast):
    start = dt.datetime(2027, 3, 5, 14, 30, tzinfo=TZ)
    occ = list(Activity.objects.filter(series=_series(cast, n=4, start=start)).order_by("starts_at"))
    single = make_activity(cast, title="植树节", starts_at=start, ends_at=start + dt.timedelta(hours=2))
    activity_cancel(actor=cast.users["chair"], activity=occ[3])
    for o in occ[:3]:  # the dates are in 2027: officers add people
        signup_add(actor=None, activity=o, worker=cast.workers["committee"])
    for o in occ[1:3]:
        signup_add(actor=None, activity=o, worker=cast.workers["member"])
    signup_add(actor=None, activity=single, worker=cast.workers["member"])
    total = stats_year(cast.union, 2027)
    assert total["activities"] == 2 and total["sessions"] == 4
    rows = stats_by_activity(cast.union, 2027)
    assert len(rows) == 2
    series_row = next(r for r in rows if r["series"])
    assert series_row["sessions"] == 3 and series_row["accepted"] == 5 and series_row["pk"] == occ[0].pk
    member = next(m for m in stats_by_member(cast.union, 2027) if m["worker_id"] == cast.workers["member"].pk)
    assert member["activities"] == 2 and member["sessions"] == 3


def test_members_see_a_series_once_by_its_next_occurrence(cast):
    series = _series(cast, n=5)
    upcoming = upcoming_for_members(cast.union)
    in_series = [a for a in upcoming if a.series_id == series.pk]
    assert len(in_series) == 1 and in_series[0].occurrence == 1
    make_activity(cast, title="单次活动")
    assert upcoming_count(cast.union) == 2  # the dashboard card: the series once, plus the single one


def test_it_refuses_a_series_of_one_or_beyond_the_rule(cast):
    with pytest.raises(RuleViolation, match="重复次数"):
        _series(cast, n=1)
    with pytest.raises(RuleViolation, match="重复次数"):
        _series(cast, n=500)
    assert not ActivitySeries.objects.exists()


def test_the_activity_form_creates_a_weekly_series(cast, client_for):
    client = client_for(cast.users["chair"])
    start = timezone.localtime(_friday())
    response = client.post(reverse("activities:new"), {
        "kind": "recurring", "title": "周五读书会", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"), "eligibility": "everyone",
        "repeat": "weekly", "occurrences": "10"})
    assert response.status_code == 302
    series = ActivitySeries.objects.get(title="周五读书会")
    assert series.occurrences == 10 and Activity.objects.filter(series=series).count() == 10
    first = Activity.objects.get(series=series, occurrence=1)
    body = client.get(reverse("activities:detail", args=[first.pk])).content.decode()
    assert "第 1 次，共 10 次" in body and f"首次 {start.year}年" in body
    # editing one occurrence cannot turn it into another series
    assert 'name="repeat"' not in client.get(reverse("activities:edit", args=[first.pk])).content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_creates_a_weekly_series_on_a_phone_and_a_member_joins_one_friday(cast, login_as):
    start = timezone.localtime(_friday())
    page = login_as("t_chair")
    page.goto("/activities/new/")
    page.select_option("#id_kind", "recurring")
    page.fill("#id_title", "周五下午乒乓球")
    page.fill("#id_starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ends_at", (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.select_option("#id_repeat", "weekly")
    page.fill("#id_occurrences", "8")
    page.click("button:has-text('保存')")
    assert "系列活动已发布，共 8 次" in page.content()
    page.context.clear_cookies()
    member = login_as("t_member")
    member.goto("/activities/")
    expect(member.locator("#upcoming a:has-text('周五下午乒乓球')")).to_have_count(1)
    member.click("text=周五下午乒乓球")
    assert "第 1 次，共 8 次" in member.locator("#series").inner_text()
    member.click("#signup-btn")
    assert "报名成功" in member.content()
    series = ActivitySeries.objects.get(title="周五下午乒乓球")
    signed = Activity.objects.filter(series=series, signups__worker=cast.workers["member"])
    assert [a.occurrence for a in signed] == [1]
    assert member.foreign == []


def test_the_roster_page_cancels_one_session_of_a_series_only(cast, client_for):
    occ = list(Activity.objects.filter(series=_series(cast, n=3)).order_by("starts_at"))
    client = client_for(cast.users["chair"])
    assert "取消本次（系列其余不变）" in client.get(reverse("activities:roster", args=[occ[1].pk])).content.decode()
    response = client.post(reverse("activities:activity_cancel", args=[occ[1].pk]), {"reason": "节假日"})
    assert response.status_code == 302
    assert [a.status for a in Activity.objects.filter(pk__in=[o.pk for o in occ]).order_by("starts_at")] == [
        "open", "cancelled", "open"]

"""The rules library: versions in force one after another, adopted by a meeting's decision; goals."""
import datetime as dt

import pytest

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.meetings import queries, services
from unionhome.meetings.tests.factories import adopted, held, item, union_term

TEXT1 = "一、主持工会委员会全面工作。\n二、召集委员会会议。"
TEXT2 = "一、主持工会委员会全面工作。\n二、每季度召集一次委员会会议。\n三、向党支部报告工作。"


def _regulation(cast, **kw):
    args = dict(actor=cast.users["chair"], union=cast.union, kind="chair_duties", title="工会主席职责", text=TEXT1,
                effective_on=dt.date(2024, 4, 1))
    args.update(kw)
    return services.regulation_create(**args)


def test_members_read_the_version_in_force(cast):
    r = _regulation(cast)
    services.regulation_version_add(actor=None, regulation=r, text=TEXT2, effective_on=dt.date(2026, 4, 1))
    assert queries.current_version(r, on=dt.date(2026, 3, 31)).number == 1
    assert queries.current_version(r, on=dt.date(2026, 4, 1)).number == 2
    assert queries.current_version(r, on=dt.date(2024, 3, 1)) is None


def test_versions_do_not_overlap(cast):
    r = _regulation(cast)
    for day in (dt.date(2024, 4, 1), dt.date(2023, 1, 1)):
        with pytest.raises(RuleViolation) as exc:
            services.regulation_version_add(actor=None, regulation=r, text=TEXT2, effective_on=day)
        assert exc.value.code == "version_dates_overlap"
    assert r.versions.count() == 1


def test_a_new_version_must_change_the_text(cast):
    r = _regulation(cast)
    with pytest.raises(RuleViolation) as exc:
        services.regulation_version_add(actor=None, regulation=r, text=TEXT1 + "\n", effective_on=dt.date(2026, 1, 1))
    assert exc.value.code == "version_unchanged"


def test_a_version_cites_an_adopted_decision_of_a_meeting_before_it_takes_effect(cast):
    r = _regulation(cast)
    m = held(cast)
    rejected = services.decision_record(actor=None, item=item(cast, m), text="否决", outcome="rejected")
    with pytest.raises(RuleViolation) as exc:
        services.regulation_version_add(actor=None, regulation=r, text=TEXT2, effective_on=dt.date(2026, 4, 1),
                                        decision=rejected)
    assert exc.value.code == "decision_not_adopted"
    d = adopted(cast, m)
    with pytest.raises(RuleViolation) as exc:  # the meeting was held on 2026-03-20
        services.regulation_version_add(actor=None, regulation=r, text=TEXT2, effective_on=dt.date(2026, 3, 1),
                                        decision=d)
    assert exc.value.code == "decision_after_effective"
    v = services.regulation_version_add(actor=None, regulation=r, text=TEXT2, effective_on=dt.date(2026, 4, 1),
                                        decision=d)
    assert v.number == 2 and v.decision == d


def test_the_history_shows_what_changed(cast):
    r = _regulation(cast)
    services.regulation_version_add(actor=None, regulation=r, text=TEXT2, effective_on=dt.date(2026, 4, 1))
    new, old = queries.versions_of(r)
    lines = [(x.op, x.text) for x in queries.version_diff(old, new)]
    assert ("removed", "二、召集委员会会议。") in lines
    assert ("added", "三、向党支部报告工作。") in lines
    assert ("same", "一、主持工会委员会全面工作。") in lines


def test_regulation_titles_are_unique_in_a_union(cast):
    _regulation(cast)
    with pytest.raises(Conflict):
        _regulation(cast)


def test_goals_are_for_committee_members_of_the_year(cast):
    union_term(cast)
    with pytest.raises(RuleViolation) as exc:
        services.goal_set(actor=None, union=cast.union, worker=cast.workers["member"], year=2026, text="目标")
    assert exc.value.code == "goal_not_committee_member"
    goal = services.goal_set(actor=None, union=cast.union, worker=cast.workers["committee"], year=2026,
                             text="组织五一职工乒乓球比赛")
    assert services.goal_status_set(actor=None, goal=goal, status="done").status == "done"
    with pytest.raises(RuleViolation) as exc:  # the term started in March 2024
        services.goal_set(actor=None, union=cast.union, worker=cast.workers["committee"], year=2023, text="目标")
    assert exc.value.code == "goal_not_committee_member"

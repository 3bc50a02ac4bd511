"""The group honour (优秀工会小组) within the evaluation, and the committee's decision linked to its meeting record."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.utils import timezone
from docx import Document

from unionhome.awards import queries, services
from unionhome.awards.models import Award, Nomination
from unionhome.awards.tests.helpers import days_ago, kind, nominate, round_
from unionhome.core.errors import Forbidden, RuleViolation
from unionhome.core.models import RuleSetting
from unionhome.funds.models import LedgerEntry
from unionhome.meetings.tests import factories

pytestmark = pytest.mark.django_db


def _both(cast):
    person = kind(cast)
    group = kind(cast, name="优秀工会小组", value=Decimal("400"), nominee="group")
    return round_(cast, kinds=[person, group]), person, group


def _group_nominate(cast, r, k, *indexes, actor=None):
    return [services.group_nomination_add(actor=actor, round=r, kind=k, group=cast.groups[i]) for i in indexes]


def test_a_group_honour_names_groups_not_people_and_a_person_honour_people_not_groups(cast):
    r, person, group = _both(cast)
    with pytest.raises(RuleViolation) as exc:
        services.nomination_add(actor=None, round=r, kind=group, worker=cast.workers["member"])
    assert exc.value.code == "kind_for_groups"
    with pytest.raises(RuleViolation) as exc:
        services.group_nomination_add(actor=None, round=r, kind=person, group=cast.groups[0])
    assert exc.value.code == "kind_for_people"
    n = _group_nominate(cast, r, group, 0)[0]
    assert n.worker_id is None and n.nominee_name == cast.groups[0].name
    with pytest.raises(Exception) as exc:
        _group_nominate(cast, r, group, 0)
    assert getattr(exc.value, "code", "") == "already_nominated"


def test_the_committee_nominates_any_group_a_leader_only_their_own(cast):
    r, _person, group = _both(cast)
    leader = cast.users["group_leader"]
    _group_nominate(cast, r, group, 0, actor=leader)
    with pytest.raises(Forbidden):
        _group_nominate(cast, r, group, 1, actor=leader)
    _group_nominate(cast, r, group, 1, actor=cast.users["committee"])
    assert Nomination.objects.filter(round=r, worker__isnull=True).count() == 2


def test_the_committee_chooses_groups_within_the_unions_quota_a_rule_figure(cast):
    RuleSetting.objects.create(union=cast.union, key="awards.group_quota_per_union", value=1, source="本会评选办法",
                               effective_from=days_ago(400))
    r, _person, group = _both(cast)
    noms = _group_nominate(cast, r, group, 0, 1)
    with pytest.raises(RuleViolation) as exc:
        services.round_decide(actor=None, round=r, chosen=[n.pk for n in noms], meeting_ref="委员会会议",
                              meeting_on=days_ago(20))
    assert exc.value.code == "quota_exceeded"
    services.round_decide(actor=None, round=r, chosen=[noms[0].pk], meeting_ref="委员会会议", meeting_on=days_ago(20))
    assert Award.objects.get(round=r).group == cast.groups[0]


def test_a_group_honour_runs_to_its_certificate_the_ledger_and_the_register(cast):
    r, _person, group = _both(cast)
    people = nominate(cast, r, ("member",), k=r.kinds.get(nominee="person"))
    groups = _group_nominate(cast, r, group, 0)
    chair = cast.users["chair"]
    services.round_decide(actor=chair, round=r, chosen=[people[0].pk, groups[0].pk], meeting_ref="委员会会议",
                          meeting_on=days_ago(20))
    services.round_publish(actor=chair, round=r, starts_on=days_ago(19))
    r = services.round_finalise(actor=chair, round=r, today=days_ago(5))
    services.rewards_book(actor=chair, round=r, on=timezone.localdate())
    honour = Award.objects.get(round=r, worker__isnull=True)
    entry = LedgerEntry.objects.get(pk=honour.reward_entry_id)
    assert entry.amount == Decimal("400") and entry.counterparty == cast.groups[0].name
    text = "\n".join(p.text for p in Document(io.BytesIO(services.certificates_export(actor=chair, round=r))).paragraphs)
    assert f"{cast.groups[0].name}：" in text and "优秀工会小组" in text
    assert [g["group"] for g in queries.group_honours(cast.union)] == [cast.groups[0]]
    assert [p["worker"] for p in queries.honours_register(cast.union)] == [cast.workers["member"]]
    # a group has no gender: the breakdowns by gender count people only
    assert sum(row["n"] for row in queries.honours_by_gender(cast.union, r.year)) == 1


def test_the_decision_links_the_committee_meeting_that_made_it(cast):
    r = round_(cast)
    noms = nominate(cast, r, ("member",))
    meeting = factories.held(cast, kind="committee", held_on=days_ago(10), title="第11次工会委员会会议")
    decision = factories.adopted(cast, meeting, due_on=timezone.localdate())
    services.round_decide(actor=None, round=r, chosen=[noms[0].pk], decision=decision)
    r.refresh_from_db()
    assert r.decision == decision and r.meeting_ref == "第11次工会委员会会议" and r.meeting_on == days_ago(10)


def test_only_an_adopted_decision_of_a_committee_meeting_decides(cast):
    r = round_(cast)
    noms = nominate(cast, r, ("member",))
    group_meeting = factories.held(cast, kind="group", group=cast.groups[0], held_on=days_ago(10))
    decision = factories.adopted(cast, group_meeting, due_on=timezone.localdate())
    with pytest.raises(RuleViolation) as exc:
        services.round_decide(actor=None, round=r, chosen=[noms[0].pk], decision=decision)
    assert exc.value.code == "decision_not_committee"
    meeting = factories.held(cast, kind="committee", held_on=days_ago(10))
    rejected = factories.services.decision_record(actor=None, item=factories.item(cast, meeting), text="不通过",
                                                  outcome="rejected")
    with pytest.raises(RuleViolation) as exc:
        services.round_decide(actor=None, round=r, chosen=[noms[0].pk], decision=rejected)
    assert exc.value.code == "decision_not_adopted"


def test_the_decide_page_offers_the_committees_decisions_and_links_the_meeting(cast, client_for):
    r = round_(cast)
    noms = nominate(cast, r, ("member",))
    meeting = factories.held(cast, kind="committee", held_on=days_ago(10), title="第11次工会委员会会议")
    decision = factories.adopted(cast, meeting, due_on=timezone.localdate())
    client = client_for(cast.users["chair"])
    page = client.get(f"/awards/{r.pk}/").content.decode()
    assert "第11次工会委员会会议" in page
    response = client.post(f"/awards/{r.pk}/decide/", {"chosen": [noms[0].pk], "decision": decision.pk})
    assert response.status_code == 302
    page = client.get(f"/awards/{r.pk}/").content.decode()
    assert 'id="decision-link"' in page and f"/meetings/{meeting.pk}/" in page

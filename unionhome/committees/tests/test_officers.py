"""Who holds office, and when: approval before office, removing a chair, the organiser option (rules 8, 10, 11)."""
import datetime as dt

import pytest
from django.urls import reverse

from unionhome.committees.models import Position
from unionhome.committees.services import position_assign, term_approve, term_create
from unionhome.core.errors import RuleViolation

pytestmark = pytest.mark.django_db
START = dt.date(2024, 3, 1)
APPROVAL = dict(approved_on=dt.date(2024, 3, 10), approval_document="县总工发〔2024〕3号", approved_by="测试县总工会")


def pending_term(cast, **kw):
    return term_create(actor=None, union=cast.union, kind="union", number=1, starts_on=START, years=5,
                       seats=kw.pop("seats", 3), **kw)


def test_no_position_is_assigned_on_a_term_still_awaiting_the_higher_unions_approval(cast):
    term = pending_term(cast)
    with pytest.raises(RuleViolation) as exc:
        position_assign(actor=None, term=term, worker=cast.workers["chair"], title="chair", started_on=START)
    assert exc.value.code == "term_not_active"
    assert not term.positions.exists()
    term = term_approve(actor=None, term=term, **APPROVAL)
    assert position_assign(actor=None, term=term, worker=cast.workers["chair"], title="chair",
                           started_on=APPROVAL["approved_on"]).title == Position.Title.CHAIR


def test_the_term_page_offers_no_assignment_before_approval_and_refuses_a_forged_one(cast, client_for):
    term = pending_term(cast)
    client = client_for(cast.users["chair"])
    url = reverse("committees:term", args=[term.pk])
    assert 'id="assign-form"' not in client.get(url).content.decode()
    response = client.post(reverse("committees:position_assign", args=[term.pk]),
                           {"worker": cast.workers["chair"].pk, "title": "chair", "started_on": "2024-03-01"},
                           follow=True)
    assert "尚未经上级工会批复" in response.content.decode()
    assert not term.positions.exists()
    response = client.post(reverse("api:committees_position_assign", args=[term.pk]),
                           {"worker_id": cast.workers["chair"].pk, "title": "chair", "started_on": "2024-03-01"},
                           content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "term_not_active"


def active_term(cast, **kw):
    return term_approve(actor=None, term=pending_term(cast, **kw), **APPROVAL)


def members(cast):
    from unionhome.committees.queries import union_member_count

    return union_member_count(cast.union)


def test_removing_a_chair_in_good_standing_needs_more_than_half_of_all_members(cast):
    from unionhome.committees.services import position_leave
    from unionhome.core.models import AuditEntry

    term = active_term(cast)
    chair = position_assign(actor=None, term=term, worker=cast.workers["chair"], title="chair", started_on=START)
    total = members(cast)
    with pytest.raises(RuleViolation) as exc:
        position_leave(actor=None, position=chair, on=dt.date(2025, 1, 1), reason="罢免")
    assert exc.value.code == "recall_vote_required"
    with pytest.raises(RuleViolation) as exc:  # exactly half is not more than half
        position_leave(actor=None, position=chair, on=dt.date(2025, 1, 1), reason="罢免", votes_for=total // 2)
    assert exc.value.code == "recall_not_carried"
    chair.refresh_from_db()
    assert chair.ended_on is None
    position_leave(actor=None, position=chair, on=dt.date(2025, 1, 1), reason="罢免", votes_for=total // 2 + 1)
    chair.refresh_from_db()
    assert chair.ended_on == dt.date(2025, 1, 1)
    assert AuditEntry.objects.filter(action="committees.position.recalled", note__contains=f"赞成{total // 2 + 1}票").exists()


def test_a_representatives_congress_removes_the_chair_by_more_than_half_of_all_representatives(cast):
    from unionhome.committees.services import position_leave
    from unionhome.core.models import RuleSetting

    RuleSetting.objects.create(key="committees.members_congress_max_members", value=5, source="测试",
                               effective_from=dt.date(2000, 1, 1))
    term = active_term(cast)
    vice = position_assign(actor=None, term=term, worker=cast.workers["committee"], title="vice_chair",
                           started_on=START)
    with pytest.raises(RuleViolation) as exc:
        position_leave(actor=None, position=vice, on=dt.date(2025, 1, 1), reason="罢免", votes_for=3)
    assert exc.value.code == "recall_total_required"
    with pytest.raises(RuleViolation):
        position_leave(actor=None, position=vice, on=dt.date(2025, 1, 1), reason="罢免", votes_for=3, voters_total=6)
    assert position_leave(actor=None, position=vice, on=dt.date(2025, 1, 1), reason="罢免", votes_for=4,
                          voters_total=6).ended_on == dt.date(2025, 1, 1)


def test_a_chair_whose_membership_lapsed_leaves_without_a_vote_and_a_member_needs_none(cast):
    from unionhome.committees.services import position_leave
    from unionhome.members.services import membership_transfer_out

    term = active_term(cast)
    chair = position_assign(actor=None, term=term, worker=cast.workers["chair"], title="chair", started_on=START)
    member = position_assign(actor=None, term=term, worker=cast.workers["committee"], title="member",
                             started_on=START)
    assert position_leave(actor=None, position=member, on=dt.date(2025, 1, 1), reason="辞职").ended_on
    membership_transfer_out(actor=None, worker=cast.workers["chair"], on=dt.date(2025, 2, 1), to_union="另一工会",
                            card_endorsement="转出签注")
    assert position_leave(actor=None, position=chair, on=dt.date(2025, 2, 1), reason="调离").ended_on


def test_the_term_page_refuses_to_end_a_chair_without_the_recall_vote(cast, client_for):
    term = active_term(cast)
    chair = position_assign(actor=None, term=term, worker=cast.workers["chair"], title="chair", started_on=START)
    client = client_for(cast.users["chair"])
    page = client.get(reverse("committees:term", args=[term.pk])).content.decode()
    assert 'name="votes_for"' in page
    response = client.post(reverse("committees:position_end", args=[chair.pk]), {"on": "2025-01-01", "reason": "罢免"},
                           follow=True)
    assert "会员（代表）大会的赞成票数" in response.content.decode()
    chair.refresh_from_db()
    assert chair.ended_on is None
    response = client.post(reverse("api:committees_position_end", args=[chair.pk]),
                           {"on": "2025-01-01", "reason": "罢免", "votes_for": 1}, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "recall_not_carried"


def test_an_early_or_late_election_needs_the_higher_unions_recorded_approval(cast, client_for):
    from unionhome.committees.services import term_check_election_date

    term = active_term(cast)  # 2024-03-01 to 2029-03-01
    term_check_election_date(union=cast.union, kind="union", held_on=dt.date(2028, 12, 1))  # on time
    for day in (dt.date(2026, 6, 1), dt.date(2029, 5, 1)):  # early, late
        with pytest.raises(RuleViolation) as exc:
            term_check_election_date(union=cast.union, kind="union", held_on=day)
        assert exc.value.code == "schedule_not_approved"
    client = client_for(cast.users["chair"])
    client.post(reverse("committees:term_reschedule", args=[term.pk]),
                {"approved_on": "2026-05-20", "hold_by": "2026-06-30", "approval_document": "县总工发〔2026〕8号",
                 "approved_by": "测试县总工会"})
    term.refresh_from_db()
    assert term.reschedule_document == "县总工发〔2026〕8号"
    assert "县总工发〔2026〕8号" in client.get(reverse("committees:term", args=[term.pk])).content.decode()
    term_check_election_date(union=cast.union, kind="union", held_on=dt.date(2026, 6, 1))
    with pytest.raises(RuleViolation):  # outside the approved dates
        term_check_election_date(union=cast.union, kind="union", held_on=dt.date(2026, 7, 15))


def _add_members(cast, n):
    from unionhome.core import idcard
    from unionhome.members.services import worker_create

    for i in range(n):
        born = dt.date(1985, 1 + i % 12, 1 + i % 28)
        worker_create(actor=None, union=cast.union, name=f"新会员{i}", gender="M", birth_date=born,
                      id_number=idcard.make("110101", born, 500 + i, "M"), join_on=dt.date(2020, 1, 1))


def test_a_union_under_25_members_may_elect_one_organiser_instead_of_a_committee(cast):
    from unionhome.committees.queries import structure_warnings

    assert members(cast) < 25
    assert "small_union_options" in {w.code for w in structure_warnings(cast.union)}  # the options are offered
    with pytest.raises(RuleViolation) as exc:
        pending_term(cast, seats=3, organiser=True)
    assert exc.value.code == "organiser_one_seat"
    term = term_approve(actor=None, term=pending_term(cast, seats=1, organiser=True), **APPROVAL)
    with pytest.raises(RuleViolation) as exc:
        position_assign(actor=None, term=term, worker=cast.workers["chair"], title="chair", started_on=START)
    assert exc.value.code == "organiser_title"
    assert position_assign(actor=None, term=term, worker=cast.workers["chair"], title="organiser",
                           started_on=START).get_title_display() == "组织员"
    assert "no_union_committee" not in {w.code for w in structure_warnings(cast.union)}
    _add_members(cast, 25 - members(cast))
    assert "organiser_outgrown" in {w.code for w in structure_warnings(cast.union)}
    with pytest.raises(RuleViolation) as exc:
        term_create(actor=None, union=cast.union, kind="union", number=2, starts_on=START, years=5, seats=1,
                    organiser=True)
    assert exc.value.code == "organiser_too_many_members"

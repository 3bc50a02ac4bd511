"""By-elections: a vacancy is filled only by a member elected and approved (regulations §1.6, rules 10 and 12)."""
import datetime as dt

import pytest

from unionhome.committees.models import Position
from unionhome.core.errors import RuleViolation
from unionhome.elections import services
from unionhome.elections.models import Election
from unionhome.elections.queries import vacancies
from unionhome.elections.tests import setup

pytestmark = pytest.mark.django_db
APPROVAL = dict(approval_document="县总工发〔2026〕31号", approved_by="测试县总工会")


def by_election(cast, *, held_on=None, candidates=("member", "finance"), purpose="committee", seats=1):
    election = services.election_create(actor=None, union=cast.union, kind="by", committee_kind="union",
                                        mode="paper", seats=seats, held_on=held_on or setup.today(), purpose=purpose)
    for r in candidates:
        services.candidate_nominate(actor=None, election=election, worker=cast.workers[r], confirmed=True)
    return election


def counted(election, figures, *, present=None):
    services.election_open(actor=None, election=election)
    setup.paper_counts(election, figures, present=present)
    return services.election_close(actor=None, election=election)


def test_a_by_election_without_quorum_leaves_the_seat_vacant_and_cannot_be_approved(cast):
    term = setup.committee_term(cast)
    setup.vacate(cast)
    election = by_election(cast)
    with pytest.raises(RuleViolation) as exc:  # without 2/3 present the count is refused (item 14)
        counted(election, {}, present=1)
    assert exc.value.code == "no_quorum"
    [v] = vacancies(cast.union)
    assert not v.covered
    election.refresh_from_db()
    with pytest.raises(RuleViolation):
        services.election_approve(actor=None, election=election, approved_on=setup.today(), **APPROVAL)
    assert term.positions.get(worker=cast.workers["group2_worker"]).ended_on is None
    assert len(vacancies(cast.union)) == 1


def test_a_by_election_that_elected_nobody_fills_nothing_even_when_approved(cast):
    setup.setting("elections.shortfall_action", "vacant")
    setup.committee_term(cast)
    setup.vacate(cast)
    election = counted(by_election(cast), {cast.workers["member"].pk: (2, 6, 0)})
    assert election.outcome == Election.Outcome.SHORTFALL_VACANT
    services.election_release(actor=None, election=election, on=setup.today())
    with pytest.raises(RuleViolation) as exc:
        services.election_approve(actor=None, election=election, approved_on=setup.today(), **APPROVAL)
    assert exc.value.code == "nobody_elected"
    assert len(vacancies(cast.union)) == 1


def test_the_seat_stays_vacant_until_the_elected_member_is_approved(cast):
    term = setup.committee_term(cast)
    setup.vacate(cast)
    election = counted(by_election(cast), {cast.workers["member"].pk: (9, 0, 0)})
    services.election_release(actor=None, election=election, on=setup.today())
    [v] = vacancies(cast.union)  # elected, not yet approved: still vacant, and not open to a second by-election
    assert v.pending and not v.covered
    with pytest.raises(RuleViolation) as exc:
        by_election(cast)
    assert exc.value.code == "no_vacancy"
    services.election_approve(actor=None, election=election, approved_on=setup.today(), **APPROVAL)
    assert vacancies(cast.union) == []
    assert term.positions.get(worker=cast.workers["member"], ended_on__isnull=True).title == Position.Title.MEMBER


def vacate_chair(cast, on=None):
    from unionhome.members.services import membership_transfer_out

    on = on or setup.today() - dt.timedelta(days=20)
    membership_transfer_out(actor=None, worker=cast.workers["chair"], on=on, to_union="示范县教育系统工会",
                            card_endorsement="转出签注")
    return on


def test_the_committee_fills_a_chair_vacancy_by_electing_one_of_its_sitting_members(cast):
    term = setup.committee_term(cast)
    with pytest.raises(RuleViolation) as exc:  # the chair is in office
        by_election(cast, purpose="chair", candidates=())
    assert exc.value.code == "chair_not_vacant"
    left_on = vacate_chair(cast)
    election = by_election(cast, purpose="chair", candidates=("committee",))
    assert election.body == Election.Body.COMMITTEE and election.term == term
    with pytest.raises(RuleViolation) as exc:  # not on the committee: first elected a member (rule 12)
        services.candidate_nominate(actor=None, election=election, worker=cast.workers["member"])
    assert exc.value.code == "not_elected_member"
    election = counted(election, {cast.workers["committee"].pk: (2, 0, 0)})
    assert election.entitled == 2 and election.outcome == Election.Outcome.ELECTED  # the two sitting members
    services.election_release(actor=None, election=election, on=setup.today())
    assert term.positions.get(worker=cast.workers["committee"], ended_on__isnull=True).title == "member"
    services.election_approve(actor=None, election=election, approved_on=setup.today(), **APPROVAL)
    chair = term.positions.get(title=Position.Title.CHAIR, ended_on__isnull=True)
    assert chair.worker == cast.workers["committee"] and chair.started_on == setup.today()
    old = term.positions.get(worker=cast.workers["chair"])
    assert old.ended_on == left_on
    # the departed chair's committee seat is still to be filled by a members' by-election; 王五 leaves none
    [v] = vacancies(cast.union)
    assert v.worker == cast.workers["chair"] and v.since == left_on


def test_results_release_and_approval_take_their_real_dates_within_bounds(cast, client_for):
    from django.urls import reverse

    setup.committee_term(cast)
    setup.vacate(cast)
    held = setup.today() - dt.timedelta(days=5)
    election = counted(by_election(cast, held_on=held), {cast.workers["member"].pk: (9, 0, 0)})
    for day, code in ((setup.today() + dt.timedelta(days=1), "date_in_future"),
                      (held - dt.timedelta(days=1), "date_too_early")):
        with pytest.raises(RuleViolation) as exc:
            services.election_release(actor=None, election=election, on=day)
        assert exc.value.code == code
    client = client_for(cast.users["chair"])
    page = client.get(reverse("elections:detail", args=[election.pk])).content.decode()
    assert 'name="released_on"' in page
    client.post(reverse("elections:release", args=[election.pk]), {"released_on": str(held + dt.timedelta(days=1))})
    election.refresh_from_db()
    assert election.status == Election.Status.RELEASED and election.released_on == held + dt.timedelta(days=1)
    for day in (held, setup.today() + dt.timedelta(days=1)):  # before the results were out; in the future
        with pytest.raises(RuleViolation):
            services.election_approve(actor=None, election=election, approved_on=day, **APPROVAL)
    approved_on = held + dt.timedelta(days=3)
    term = services.election_approve(actor=None, election=election, approved_on=approved_on, **APPROVAL)
    assert term.positions.get(worker=cast.workers["member"]).started_on == approved_on


def test_the_chair_sets_up_the_committees_chair_by_election_on_the_manage_page(cast, client_for):
    from django.urls import reverse

    setup.committee_term(cast)
    vacate_chair(cast)
    client = client_for(cast.users["admin"])  # the chair has left
    page = client.get(reverse("elections:manage")).content.decode()
    assert 'name="purpose"' in page and "吴十" in page  # the departed chair's seat is listed as vacant
    response = client.post(reverse("elections:manage"), {
        "kind": "by", "committee_kind": "union", "purpose": "chair", "mode": "paper", "seats": 1,
        "held_on": str(setup.today())})
    election = Election.objects.get(purpose="chair")
    assert response.status_code == 302 and election.body == Election.Body.COMMITTEE and election.parent is None


def test_a_union_under_25_members_elects_one_organiser_instead_of_a_committee(cast):
    with pytest.raises(RuleViolation):  # 11 members: a committee has 3 seats
        setup.general(cast, seats=2, candidates=())
    election = setup.general(cast, seats=1, candidates=("member", "committee"))
    election = counted(election, {cast.workers["member"].pk: (9, 0, 0)})
    services.election_release(actor=None, election=election, on=setup.today())
    term = services.election_approve(actor=None, election=election, approved_on=setup.today(), **APPROVAL)
    assert term.organiser and term.seats == 1
    [position] = term.positions.all()
    assert position.worker == cast.workers["member"] and position.title == Position.Title.ORGANISER

"""By-elections: a vacancy is filled only by a member elected and approved (regulations §1.6, rules 10 and 12)."""
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
    election = counted(by_election(cast), {}, present=1)
    assert election.outcome == Election.Outcome.NO_QUORUM
    services.election_release(actor=None, election=election, on=setup.today())
    [v] = vacancies(cast.union)
    assert not v.covered and not v.pending
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

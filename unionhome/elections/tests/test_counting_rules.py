"""Voting and counting: regulations §1.5 and rules 6–12 of the closing list, each with its own test."""
import datetime as dt

import pytest
from django.utils import timezone

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.elections import services
from unionhome.elections.models import Ballot, Election, Participation
from unionhome.elections.services_voting import ballot_cast
from unionhome.elections.tests import setup

pytestmark = pytest.mark.django_db
O = Election.Outcome


def paper(cast, fors, seats=3, candidates=("member", "committee", "finance", "auditor"), **counts):
    election = setup.general(cast, seats=seats, candidates=candidates)
    services.election_open(actor=None, election=election)
    setup.paper_counts(election, {cast.workers[r].pk: (n, 0, 0) for r, n in fors.items()}, **counts)
    return services.election_close(actor=None, election=election)


def elected(election):
    return {c.worker.name for c in election.candidates.filter(elected=True)}


def test_it_refuses_the_paper_count_without_two_thirds_present(cast):
    # 11 entitled: 7 present is below 2/3 — the vote is not held, so its count is refused; 8 is enough
    with pytest.raises(RuleViolation) as refused:
        paper(cast, {"member": 7}, present=7)
    assert refused.value.code == "no_quorum" and "至少8人" in refused.value.message
    election = paper(cast, {"member": 8, "committee": 8, "finance": 7}, present=8)
    assert election.outcome == O.ELECTED


def test_it_refuses_a_paper_count_with_more_ballots_issued_than_members_present(cast):
    with pytest.raises(RuleViolation) as refused:
        paper(cast, {"member": 9}, present=9, issued=10, returned=9)
    assert refused.value.code == "issued_exceeds_present"


def test_an_online_vote_does_not_open_without_two_thirds_present(cast):
    election = setup.general(cast, mode=Election.Mode.ONLINE)
    for present, code in ((None, "present_required"), (7, "no_quorum"), (12, "present_exceeds_entitled")):
        with pytest.raises(RuleViolation) as refused:
            setup.open_online(election, present=present) if present else services.election_open(
                actor=None, election=election, opens_at=timezone.now(), closes_at=timezone.now() + dt.timedelta(hours=1))
        assert refused.value.code == code
    election.refresh_from_db()
    assert election.status == Election.Status.DRAFT and not Ballot.objects.filter(election=election).exists()
    assert setup.open_online(election, present=8).status == Election.Status.OPEN


def test_it_voids_the_round_when_more_ballots_are_returned_than_issued(cast):
    election = paper(cast, {"member": 9, "committee": 9, "finance": 9}, issued=10, returned=11)
    assert election.outcome == O.VOID_ROUND
    assert elected(election) == set()


def test_it_elects_only_with_for_votes_above_half_of_the_entitled(cast):
    # 11 entitled: 6 for-votes is more than half, 5 (less than half of 11) is not, even if 5 > half of 9 present
    election = paper(cast, {"member": 6, "committee": 5, "finance": 5}, present=9)
    assert elected(election) == {"张三"}


def test_the_threshold_base_is_configurable(cast):
    setup.setting("elections.elected_base", "present", union=cast.union)
    election = paper(cast, {"member": 6, "committee": 5, "finance": 5}, present=9)
    assert elected(election) == {"张三", "王五", "孙八"}


def test_when_too_many_qualify_the_most_votes_win(cast):
    election = paper(cast, {"member": 9, "committee": 8, "finance": 7, "auditor": 6})
    assert elected(election) == {"张三", "王五", "孙八"}
    assert election.outcome == O.ELECTED


def test_a_tie_at_the_last_seat_leads_to_a_runoff_among_the_tied(cast):
    election = paper(cast, {"member": 9, "committee": 8, "finance": 7, "auditor": 7})
    assert election.outcome == O.RUNOFF
    assert elected(election) == {"张三", "王五"}
    assert {c.worker.name for c in election.candidates.filter(tied=True)} == {"孙八", "钱七"}
    services.election_release(actor=None, election=election, on=setup.today())
    runoff = services.election_next_round(actor=None, election=election, held_on=setup.today())
    assert runoff.seats == 1 and runoff.round == 2
    assert {c.worker.name for c in runoff.candidates.all()} == {"孙八", "钱七"}
    services.election_open(actor=None, election=runoff)  # no competition rule between the tied
    setup.paper_counts(runoff, {cast.workers["finance"].pk: (7, 0, 0), cast.workers["auditor"].pk: (4, 0, 0)})
    assert elected(services.election_close(actor=None, election=runoff)) == {"孙八"}


def test_too_few_elected_leads_to_another_round_among_the_rest_by_default(cast):
    election = paper(cast, {"member": 8, "committee": 5, "finance": 4, "auditor": 2})
    assert election.outcome == O.SHORTFALL_ROUND
    services.election_release(actor=None, election=election, on=setup.today())
    nxt = services.election_next_round(actor=None, election=election, held_on=setup.today())
    assert nxt.seats == 2
    assert {c.worker.name for c in nxt.candidates.all()} == {"王五", "孙八", "钱七"}


def test_too_few_elected_leaves_the_seats_vacant_when_so_configured(cast):
    setup.setting("elections.shortfall_action", "vacant")
    election = paper(cast, {"member": 8, "committee": 5})
    assert election.outcome == O.SHORTFALL_VACANT
    services.election_release(actor=None, election=election, on=setup.today())
    with pytest.raises(Conflict):
        services.election_next_round(actor=None, election=election, held_on=setup.today())


def test_it_rejects_tellers_figures_that_exceed_the_valid_ballots(cast):
    election = setup.general(cast)
    services.election_open(actor=None, election=election)
    with pytest.raises(RuleViolation) as exc:
        setup.paper_counts(election, {cast.workers["member"].pk: (9, 2, 1)}, returned=11, invalid=2)
    assert exc.value.code == "counts_exceed_ballots"
    with pytest.raises(RuleViolation):  # 4 × 9 for-votes on 9 valid ballots for 3 seats is impossible
        setup.paper_counts(election, {cast.workers[r].pk: (9, 0, 0) for r in ("member", "committee", "finance", "auditor")},
                           returned=11, invalid=2)
    with pytest.raises(RuleViolation):
        setup.paper_counts(election, {}, returned=5, invalid=6)


def test_a_paper_write_in_can_be_elected(cast):
    election = setup.general(cast)
    services.election_open(actor=None, election=election)
    setup.paper_counts(election, {cast.workers["member"].pk: (10, 0, 0), cast.workers["committee"].pk: (9, 0, 0)},
                       write_ins=[(cast.workers["hardship_officer"], 7)])
    assert elected(services.election_close(actor=None, election=election)) == {"张三", "王五", "周九"}


# --- online ballots ----------------------------------------------------------------------------------

def online(cast, seats=3):
    return setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE, seats=seats))


def vote(cast, election, role, fors=(), against=(), write_ins=()):
    ids = {c.worker_id: c.pk for c in election.candidates.all()}
    marks = {ids[cast.workers[r].pk]: "F" for r in fors} | {ids[cast.workers[r].pk]: "A" for r in against}
    return ballot_cast(actor=None, election=election, worker=cast.workers[role], marks=marks,
                       write_ins=[cast.workers[r] for r in write_ins])


def test_a_ballot_with_more_marks_than_seats_is_void(cast):
    election = online(cast)
    vote(cast, election, "chair", fors=("member", "committee", "finance", "auditor"))
    vote(cast, election, "admin", fors=("member", "committee"), write_ins=("hardship_officer", "women_committee"))
    vote(cast, election, "member", fors=("member", "committee"), write_ins=("hardship_officer",))
    election = services.election_close(actor=None, election=election)
    assert (election.ballots_returned, election.ballots_invalid) == (3, 2)
    member = election.candidates.get(worker=cast.workers["member"])
    assert member.for_votes == 1


def test_each_voter_votes_once(cast):
    election = online(cast)
    vote(cast, election, "member", fors=("member",))
    with pytest.raises(Conflict) as exc:
        vote(cast, election, "member", fors=("committee",))
    assert exc.value.code == "already_voted"
    assert Ballot.objects.filter(election=election, filled=True).count() == 1


def test_it_refuses_votes_outside_the_window(cast):
    election = online(cast)
    with pytest.raises(RuleViolation) as exc:
        ballot_cast(actor=None, election=election, worker=cast.workers["member"], marks={},
                    now=timezone.now() + dt.timedelta(hours=3))
    assert exc.value.code == "not_in_window"
    assert not Participation.objects.exists()


def test_a_retained_member_cannot_vote(cast):
    from unionhome.members.services import membership_retire

    election = online(cast)
    membership_retire(actor=None, worker=cast.workers["finance"], on=setup.today())
    cast.workers["finance"].refresh_from_db()
    with pytest.raises(RuleViolation) as exc:
        vote(cast, election, "finance")
    assert exc.value.code == "not_entitled"


def test_the_receipt_is_in_the_published_list(cast, client_for):
    election = online(cast)
    receipts = [vote(cast, election, r, fors=("member",)) for r in ("member", "chair", "committee", "auditor",
                                                                    "finance", "admin", "hardship_officer", "group_leader")]
    unused = list(Ballot.objects.filter(election=election, filled=False).values_list("receipt", flat=True))
    assert len(unused) == 3
    services.election_close(actor=None, election=election)
    services.election_release(actor=None, election=election, on=setup.today())
    page = client_for(cast.users["member"]).get(f"/elections/{election.pk}/results/").content.decode()
    assert all(r in page for r in receipts)
    assert not any(r in page for r in unused)


def test_results_are_hidden_from_everyone_including_the_chair_until_released(cast, client_for):
    election = online(cast)
    vote(cast, election, "member", fors=("member",))
    url = f"/elections/{election.pk}/results/"
    assert client_for(cast.users["chair"]).get(url).status_code == 403
    detail = client_for(cast.users["chair"]).get(f"/elections/{election.pk}/").content.decode()
    assert "赞成1" not in detail
    services.election_close(actor=None, election=election)
    for role in ("chair", "admin", "member"):
        assert client_for(cast.users[role]).get(url).status_code == 403
    assert "赞成" not in client_for(cast.users["chair"]).get(f"/elections/{election.pk}/").content.decode().split("候选人")[2]
    services.election_release(actor=None, election=election, on=setup.today())
    assert client_for(cast.users["chair"]).get(url).status_code == 200


def test_the_chair_is_elected_after_the_committee_and_only_from_the_elected(cast):
    committee = setup.general(cast)
    with pytest.raises(RuleViolation) as exc:
        services.election_create(actor=None, union=cast.union, kind=committee.kind, committee_kind="union",
                                 mode="paper", seats=1, held_on=setup.today(), purpose="chair", parent=committee)
    assert exc.value.code == "committee_first"
    services.election_open(actor=None, election=committee)
    setup.paper_counts(committee, {cast.workers[r].pk: (9, 0, 0) for r in ("member", "committee", "finance")})
    services.election_close(actor=None, election=committee)
    services.election_release(actor=None, election=committee, on=setup.today())
    chair = services.election_create(actor=None, union=cast.union, kind=committee.kind, committee_kind="union",
                                     mode="paper", seats=1, held_on=setup.today(), purpose="chair", parent=committee)
    assert chair.body == Election.Body.COMMITTEE  # configured: the new committee elects its chair
    with pytest.raises(RuleViolation) as exc:
        services.candidate_nominate(actor=None, election=chair, worker=cast.workers["auditor"])
    assert exc.value.code == "not_elected_member"
    services.candidate_nominate(actor=None, election=chair, worker=cast.workers["committee"], confirmed=True)
    services.election_open(actor=None, election=chair)
    chair.refresh_from_db()
    assert chair.entitled == 3  # the three new committee members vote


def test_the_congress_elects_the_chair_when_so_configured(cast):
    setup.setting("elections.chair_elected_by", "congress")
    committee = setup.general(cast)
    services.election_open(actor=None, election=committee)
    setup.paper_counts(committee, {cast.workers[r].pk: (9, 0, 0) for r in ("member", "committee", "finance")})
    services.election_close(actor=None, election=committee)
    services.election_release(actor=None, election=committee, on=setup.today())
    chair = services.election_create(actor=None, union=cast.union, kind=committee.kind, committee_kind="union",
                                     mode="paper", seats=1, held_on=setup.today(), purpose="chair", parent=committee)
    assert chair.body == Election.Body.MEMBERS

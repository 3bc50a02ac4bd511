"""Setting up an election: body, electorate, seats, competitive lists, stroke order, vacancies (regulations §1)."""
import datetime as dt

import pytest

from unionhome.committees.models import Committee
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.elections import services
from unionhome.elections.models import Election
from unionhome.elections.queries import ballot_candidates, vacancies
from unionhome.elections.strokes import surname_strokes
from unionhome.elections.tally import competition_minimum
from unionhome.elections.tests import setup
from unionhome.members.services import membership_retire

pytestmark = pytest.mark.django_db


def _create(cast, **kw):
    args = dict(actor=None, union=cast.union, kind=Election.Kind.GENERAL, committee_kind=Committee.Kind.UNION,
                mode=Election.Mode.PAPER, seats=3, held_on=setup.today(), term_years=5)
    args.update(kw)
    return services.election_create(**args)


def test_it_chooses_the_members_congress_for_a_small_union_and_refuses_a_representatives_congress(cast):
    assert _create(cast).body == Election.Body.MEMBERS
    with pytest.raises(RuleViolation) as exc:
        _create(cast, body=Election.Body.REPRESENTATIVES)
    assert exc.value.code == "body_members_required"


def test_it_allows_a_representatives_congress_above_the_configured_size(cast):
    election = setup.representatives(cast)
    services.elector_set(actor=None, election=election, workers=[cast.workers[r] for r in
                                                                 ("member", "chair", "committee", "finance")])
    services.election_open(actor=None, election=election)
    election.refresh_from_db()
    assert election.entitled == 4
    assert set(election.electors.values_list("worker_id", flat=True)) == {
        cast.workers[r].pk for r in ("member", "chair", "committee", "finance")}


def test_a_representatives_congress_cannot_open_before_its_representatives_are_named(cast):
    election = setup.representatives(cast)  # a competitive list of confirmed candidates: only the electors miss
    with pytest.raises(RuleViolation) as exc:
        services.election_open(actor=None, election=election)
    assert exc.value.code == "no_electorate"
    election.refresh_from_db()
    assert election.status == Election.Status.DRAFT


def test_representatives_are_members_in_good_standing_and_only_for_a_representatives_congress(cast):
    election = setup.representatives(cast)
    members_congress = _create(cast, body=Election.Body.MEMBERS)
    membership_retire(actor=None, worker=cast.workers["women_committee"], on=setup.today())
    cast.workers["women_committee"].refresh_from_db()
    with pytest.raises(RuleViolation) as exc:
        services.elector_set(actor=None, election=election, workers=[cast.workers["women_committee"]])
    assert exc.value.code == "not_eligible"
    with pytest.raises(RuleViolation) as exc:
        services.elector_set(actor=None, election=members_congress, workers=[cast.workers["member"]])
    assert exc.value.code == "electorate_fixed"
    # Naming someone twice (two ticked groups in the page) names them once; a new list replaces the old one.
    assert services.elector_set(actor=None, election=election, workers=[cast.workers["member"]] * 2) == 1
    services.elector_set(actor=None, election=election, workers=[cast.workers["chair"]])
    assert list(election.electors.values_list("worker_id", flat=True)) == [cast.workers["chair"].pk]


def test_a_representative_whose_membership_lapsed_must_be_replaced_before_the_vote_opens(cast):
    election = setup.representatives(cast)
    services.elector_set(actor=None, election=election, workers=[cast.workers[r] for r in ("member", "chair", "admin")])
    membership_retire(actor=None, worker=cast.workers["admin"], on=setup.today())
    with pytest.raises(RuleViolation) as exc:
        services.election_open(actor=None, election=election)
    assert exc.value.code == "elector_not_eligible" and "郑一" in exc.value.message
    services.elector_set(actor=None, election=election, workers=[cast.workers[r] for r in ("member", "chair")])
    services.election_open(actor=None, election=election)
    election.refresh_from_db()
    assert election.entitled == 2


def test_it_rejects_an_even_number_of_seats(cast):
    setup.setting("committees.seat_ranges", [[None, 1, 9]])
    with pytest.raises(RuleViolation) as exc:
        _create(cast, seats=4)
    assert exc.value.code == "seats_even"


def test_it_rejects_seats_outside_the_range_for_the_membership(cast):
    with pytest.raises(RuleViolation) as exc:
        _create(cast, seats=5)  # 11 members → 3 seats
    assert exc.value.code == "seats_out_of_range"


def test_it_rejects_a_term_length_the_statute_does_not_allow(cast):
    with pytest.raises(RuleViolation):
        _create(cast, term_years=4)


def test_it_refuses_a_retained_member_as_candidate_and_keeps_them_out_of_the_electorate(cast):
    election = _create(cast)
    membership_retire(actor=None, worker=cast.workers["finance"], on=setup.today())
    cast.workers["finance"].refresh_from_db()
    with pytest.raises(RuleViolation) as exc:
        services.candidate_nominate(actor=None, election=election, worker=cast.workers["finance"])
    assert exc.value.code == "not_eligible"
    for r in ("member", "committee", "auditor", "chair"):
        services.candidate_nominate(actor=None, election=election, worker=cast.workers[r], confirmed=True)
    services.election_open(actor=None, election=election)
    electors = set(election.electors.values_list("worker_id", flat=True))
    assert cast.workers["finance"].pk not in electors
    assert len(electors) == 10


@pytest.mark.parametrize("seats,need", [(1, 2), (3, 4), (7, 8), (19, 20), (20, 21), (21, 23), (40, 42)])
def test_competition_minimum_is_five_percent_rounded_up_and_at_least_one_more(seats, need):
    assert competition_minimum(seats, 5) == need


def test_it_refuses_to_open_a_committee_vote_without_enough_competition(cast):
    election = setup.general(cast, candidates=("member", "committee", "finance"))
    with pytest.raises(RuleViolation) as exc:
        services.election_open(actor=None, election=election)
    assert exc.value.code == "not_competitive"
    services.candidate_nominate(actor=None, election=election, worker=cast.workers["auditor"], confirmed=True)
    assert services.election_open(actor=None, election=election).status == Election.Status.OPEN


def test_unconfirmed_candidates_do_not_count_towards_the_competition(cast):
    election = setup.general(cast, candidates=("member", "committee", "finance"))
    services.candidate_nominate(actor=None, election=election, worker=cast.workers["auditor"])  # not confirmed
    with pytest.raises(RuleViolation):
        services.election_open(actor=None, election=election)


def test_it_allows_a_single_candidate_list_only_where_configured(cast):
    committee = setup.general(cast)
    _run_paper(cast, committee, {"member": 9, "committee": 8, "finance": 7, "auditor": 1})
    chair = services.election_create(actor=None, union=cast.union, kind=committee.kind,
                                     committee_kind=committee.committee_kind, mode=Election.Mode.PAPER, seats=1,
                                     held_on=setup.today(), purpose=Election.Purpose.CHAIR, parent=committee)
    services.candidate_nominate(actor=None, election=chair, worker=cast.workers["member"], confirmed=True)
    assert services.election_open(actor=None, election=chair).status == Election.Status.OPEN
    setup.setting("elections.single_candidate_purposes", [])
    chair2 = services.election_create(actor=None, union=cast.union, kind=committee.kind,
                                      committee_kind=committee.committee_kind, mode=Election.Mode.PAPER, seats=1,
                                      held_on=setup.today(), purpose=Election.Purpose.VICE_CHAIR, parent=committee)
    services.candidate_nominate(actor=None, election=chair2, worker=cast.workers["committee"], confirmed=True)
    with pytest.raises(RuleViolation):
        services.election_open(actor=None, election=chair2)


def test_the_list_is_ordered_by_surname_strokes(cast):
    # 王(4) 孙(6) 张(7) 钱(10)
    election = setup.general(cast, candidates=("finance", "auditor", "member", "committee"))
    names = [c.worker.name for c in ballot_candidates(election)]
    assert names == ["王五", "孙八", "张三", "钱七"]
    assert [surname_strokes(n) for n in names] == [4, 6, 7, 10]


def test_stroke_table_counts_common_surnames_and_compound_surnames():
    assert surname_strokes("丁一") == 2 and surname_strokes("魏征") == 17 and surname_strokes("欧阳修") == 14
    assert surname_strokes("𠀀某") == 99  # unknown surnames sort last


def test_scrutineers_and_tellers_are_not_candidates(cast):
    election = setup.general(cast)
    with pytest.raises(RuleViolation) as exc:
        services.election_set_officers(actor=None, election=election, scrutineers=[cast.workers["member"]], tellers=[])
    assert exc.value.code == "officer_is_candidate"
    services.election_set_officers(actor=None, election=election, scrutineers=[cast.workers["chair"]],
                                   tellers=[cast.workers["hardship_officer"]])
    with pytest.raises(RuleViolation):
        services.candidate_nominate(actor=None, election=election, worker=cast.workers["chair"])


def test_a_transferred_committee_member_leaves_a_vacancy_due_within_90_days(cast):
    term = setup.committee_term(cast)
    assert vacancies(cast.union) == []
    since = setup.vacate(cast)
    [v] = vacancies(cast.union)
    assert v.term == term and v.worker == cast.workers["group2_worker"]
    assert v.due == since + dt.timedelta(days=90)


def test_a_position_ended_mid_term_is_a_vacancy(cast):
    from unionhome.committees.services import position_end

    term = setup.committee_term(cast)
    position = term.positions.get(worker=cast.workers["committee"])
    position_end(actor=None, position=position, on=setup.today(), reason="辞职")
    [v] = vacancies(cast.union)
    assert v.since == setup.today()


def test_the_vacancy_stays_on_the_dashboard_when_the_by_election_fails(cast, client_for):
    setup.committee_term(cast)
    setup.vacate(cast)
    page = client_for(cast.users["chair"]).get("/").content.decode()
    assert "须于" in page and "陈三" in page
    election = _by_election(cast)
    assert vacancies(cast.union)  # set up, not yet held
    setup.open_online(election)
    election = services.election_close(actor=None, election=election)  # nobody voted: no quorum
    assert election.outcome == Election.Outcome.NO_QUORUM
    services.election_release(actor=None, election=election, on=setup.today())
    [v] = vacancies(cast.union)
    assert v.worker == cast.workers["group2_worker"] and not v.pending
    page = client_for(cast.users["chair"]).get("/").content.decode()
    assert "须于" in page and "陈三" in page
    assert _by_election(cast).seats == 1  # the seat can be put to a new by-election


def test_a_by_election_cannot_fill_more_seats_than_are_vacant(cast):
    setup.committee_term(cast)
    with pytest.raises(RuleViolation) as exc:
        _by_election(cast)
    assert exc.value.code == "no_vacancy"
    setup.vacate(cast)
    with pytest.raises(RuleViolation):
        _by_election(cast, seats=2)


def test_it_rejects_a_duplicate_candidate(cast):
    election = setup.general(cast)
    with pytest.raises(Conflict):
        services.candidate_nominate(actor=None, election=election, worker=cast.workers["member"])


def _by_election(cast, seats=1):
    election = services.election_create(actor=None, union=cast.union, kind=Election.Kind.BY,
                                        committee_kind=Committee.Kind.UNION, mode=Election.Mode.ONLINE, seats=seats,
                                        held_on=setup.today())
    for r in ("member", "finance"):
        services.candidate_nominate(actor=None, election=election, worker=cast.workers[r], confirmed=True)
    return election


def _run_paper(cast, election, fors: dict, **kw):
    services.election_open(actor=None, election=election)
    setup.paper_counts(election, {cast.workers[r].pk: (n, 0, 0) for r, n in fors.items()}, **kw)
    services.election_close(actor=None, election=election)
    return services.election_release(actor=None, election=election, on=setup.today())


def test_a_candidate_photo_is_an_image_kept_under_a_generated_name_and_only_while_preparing(cast, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from unionhome.activities.tests.routes import PNG

    settings.MEDIA_ROOT = tmp_path
    election = setup.general(cast, mode=Election.Mode.ONLINE)
    candidate = election.candidates.get(worker=cast.workers["member"])
    with pytest.raises(RuleViolation) as refused:
        services.candidate_photo_set(actor=None, candidate=candidate, upload=SimpleUploadedFile("x.png", b"<svg/>"))
    assert refused.value.code == "photo_not_image"
    candidate = services.candidate_photo_set(actor=None, candidate=candidate, upload=SimpleUploadedFile("张三.png", PNG))
    assert candidate.photo.name.startswith(f"elections/candidates/{cast.union.pk}/") and "张三" not in candidate.photo.name
    assert candidate.photo_type == "image/png"
    setup.open_online(election)
    with pytest.raises(Conflict):  # the ballot is fixed once the vote opens
        services.candidate_photo_set(actor=None, candidate=candidate, upload=SimpleUploadedFile("y.png", PNG))

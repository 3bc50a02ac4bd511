"""After the vote: results take effect only with the higher union's approval; documents (regulations §1.2)."""
import io

import pytest
from docx import Document

from unionhome.committees.models import Position, Term
from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.elections import documents, services
from unionhome.elections.models import Election
from unionhome.elections.queries import vacancies
from unionhome.elections.tests import setup

pytestmark = pytest.mark.django_db
APPROVAL = dict(approval_document="县总工发〔2026〕30号", approved_by="测试县总工会")


def _general_with_chair(cast):
    committee = setup.general(cast)
    services.election_open(actor=None, election=committee)
    setup.paper_counts(committee, {cast.workers[r].pk: (9, 1, 1) for r in ("member", "committee", "finance")})
    services.election_close(actor=None, election=committee)
    services.election_release(actor=None, election=committee, on=setup.today())
    chair = services.election_create(actor=None, union=cast.union, kind=committee.kind, committee_kind="union",
                                     mode="paper", seats=1, held_on=setup.today(), purpose="chair", parent=committee)
    services.candidate_nominate(actor=None, election=chair, worker=cast.workers["committee"], confirmed=True)
    services.election_open(actor=None, election=chair)
    setup.paper_counts(chair, {cast.workers["committee"].pk: (3, 0, 0)})
    services.election_close(actor=None, election=chair)
    services.election_release(actor=None, election=chair, on=setup.today())
    return committee, chair


def test_a_general_election_takes_effect_only_after_approval_and_ends_the_outgoing_term(cast):
    from unionhome.committees.services import term_reschedule_approve

    old = setup.committee_term(cast)
    with pytest.raises(RuleViolation) as exc:  # years before the term ends: early, rule 9
        _general_with_chair(cast)
    assert exc.value.code == "schedule_not_approved"
    term_reschedule_approve(actor=None, term=old, approved_on=setup.today(), hold_by=setup.today(),
                            approval_document="县总工发〔2026〕29号", approved_by="测试县总工会")
    committee, chair = _general_with_chair(cast)
    assert Term.objects.filter(union=cast.union).count() == 1  # nothing happens before approval
    with pytest.raises(RuleViolation):
        services.election_approve(actor=None, election=committee, approved_on=setup.today(), approval_document="",
                                  approved_by="")
    term = services.election_approve(actor=cast.users["chair"], election=committee, approved_on=setup.today(),
                                     **APPROVAL)
    old.refresh_from_db()
    assert old.status == Term.Status.ENDED and not old.positions.filter(ended_on__isnull=True).exists()
    assert term.status == Term.Status.ACTIVE and term.number == 2 and term.approval_document == APPROVAL["approval_document"]
    holders = {p.worker.name: p.title for p in term.positions.all()}
    assert holders == {"王五": Position.Title.CHAIR, "张三": Position.Title.MEMBER, "孙八": Position.Title.MEMBER}
    committee.refresh_from_db()
    assert committee.status == Election.Status.APPROVED and committee.term == term
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"elections.election.approved", "committees.term.created", "committees.term.approved",
            "committees.term.ended", "committees.position.assigned", "committees.position.ended"} <= actions


def test_approval_waits_for_the_chair_election_results(cast):
    committee = setup.general(cast)
    services.election_open(actor=None, election=committee)
    setup.paper_counts(committee, {cast.workers[r].pk: (9, 0, 0) for r in ("member", "committee", "finance")})
    services.election_close(actor=None, election=committee)
    services.election_release(actor=None, election=committee, on=setup.today())
    chair = services.election_create(actor=None, union=cast.union, kind=committee.kind, committee_kind="union",
                                     mode="paper", seats=1, held_on=setup.today(), purpose="chair", parent=committee)
    with pytest.raises(RuleViolation) as exc:
        services.election_approve(actor=None, election=committee, approved_on=setup.today(), **APPROVAL)
    assert exc.value.code == "results_not_released"
    assert chair.status == Election.Status.DRAFT


def test_approval_waits_for_a_pending_runoff(cast):
    committee = setup.general(cast)
    services.election_open(actor=None, election=committee)
    setup.paper_counts(committee, {cast.workers[r].pk: (n, 0, 0) for r, n in
                                   (("member", 9), ("committee", 8), ("finance", 7), ("auditor", 7))})
    services.election_close(actor=None, election=committee)
    services.election_release(actor=None, election=committee, on=setup.today())
    with pytest.raises(RuleViolation) as exc:
        services.election_approve(actor=None, election=committee, approved_on=setup.today(), **APPROVAL)
    assert exc.value.code == "round_pending"


def test_a_by_election_fills_the_vacant_seat_and_ends_the_outgoing_holder(cast, client_for):
    term = setup.committee_term(cast)
    since = setup.vacate(cast)
    election = services.election_create(actor=None, union=cast.union, kind="by", committee_kind="union",
                                        mode="online", seats=1, held_on=setup.today())
    for r in ("member", "finance"):
        services.candidate_nominate(actor=None, election=election, worker=cast.workers[r], confirmed=True)
    setup.open_online(election)
    from unionhome.elections.services_voting import ballot_cast
    pk = election.candidates.get(worker=cast.workers["member"]).pk
    for r in ("member", "chair", "committee", "auditor", "finance", "admin", "hardship_officer", "group_leader"):
        ballot_cast(actor=None, election=election, worker=cast.workers[r], marks={pk: "F"})
    services.election_close(actor=None, election=election)
    services.election_release(actor=None, election=election, on=setup.today())
    assert not term.positions.filter(worker=cast.workers["member"]).exists()
    services.election_approve(actor=None, election=election, approved_on=setup.today(), **APPROVAL)
    assert term.positions.get(worker=cast.workers["member"]).title == Position.Title.MEMBER
    outgoing = term.positions.get(worker=cast.workers["group2_worker"])
    # the seat closed the day its holder's membership lapsed, not the approval day
    assert outgoing.ended_on == since and "增补" in outgoing.end_reason
    assert vacancies(cast.union) == []
    assert "张三" in client_for(cast.users["chair"]).get("/committees/").content.decode()


def test_an_earlier_election_can_be_recorded_as_the_one_that_produced_a_term_on_file(cast):
    term = setup.committee_term(cast)
    election = setup.general(cast, candidates=("chair", "committee", "group2_worker", "member"),
                             held_on=term.starts_on)
    services.election_open(actor=None, election=election)
    setup.paper_counts(election, {cast.workers[r].pk: (9, 0, 0) for r in ("chair", "committee", "group2_worker")})
    services.election_close(actor=None, election=election)
    services.election_release(actor=None, election=election, on=term.starts_on)
    other = setup.general(cast, candidates=("chair", "committee", "member", "finance"), held_on=term.starts_on)
    services.election_open(actor=None, election=other)
    setup.paper_counts(other, {cast.workers[r].pk: (9, 0, 0) for r in ("chair", "committee", "member")})
    services.election_close(actor=None, election=other)
    services.election_release(actor=None, election=other, on=term.starts_on)
    with pytest.raises(RuleViolation) as exc:  # its elected are not the term's holders
        services.election_approve(actor=None, election=other, approved_on=term.approved_on, existing_term=term,
                                  **APPROVAL)
    assert exc.value.code == "term_mismatch"
    services.election_approve(actor=None, election=election, approved_on=term.approved_on, existing_term=term,
                              approval_document=term.approval_document, approved_by=term.approved_by)
    assert Term.objects.filter(union=cast.union).count() == 1
    election.refresh_from_db()
    assert election.term == term


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_documents_list_the_candidates_and_the_results(cast):
    committee, chair = _general_with_chair(cast)
    ballot = _text(documents.ballot(committee, copies=2))
    assert ballot.index("王五") < ballot.index("孙八") < ballot.index("张三")
    assert "多于应选名额的为废票" in ballot
    report = _text(documents.report(committee))
    assert "请予批复" in report and "当选" in report and "主席" in report
    assert "赞成" in _text(documents.tally_sheet(committee)) and "监票人" in _text(documents.minutes(committee))


def test_the_tally_sheet_is_blank_until_released(cast):
    committee = setup.general(cast)
    services.election_open(actor=None, election=committee)
    setup.paper_counts(committee, {cast.workers["member"].pk: (9, 0, 0)})
    committee = services.election_close(actor=None, election=committee)
    assert "9" not in _text(documents.tally_sheet(committee)).split("赞成")[1]

"""The elections API does what the election pages do, through the same services, with the same codes."""
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from ninja.renderers import JSONRenderer

from unionhome.core.models import AuditEntry
from unionhome.elections import services, services_voting
from unionhome.elections.models import Election
from unionhome.elections.schemas import ReceiptOut
from unionhome.elections.tests import setup

pytestmark = pytest.mark.django_db

API = "/api/v1/elections"


def post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def put(client, url, body):
    return client.put(url, body, content_type="application/json")


def window():
    now = timezone.now()
    return (now - dt.timedelta(minutes=5)).isoformat(), (now + dt.timedelta(hours=2)).isoformat()


def test_an_online_election_from_set_up_to_release_with_the_receipt_in_the_published_list(cast, client_for):
    chair = client_for(cast.users["chair"])
    r = post(chair, API, {"kind": "general", "committee_kind": "union", "mode": "online", "seats": 3,
                          "held_on": setup.today().isoformat(), "term_years": 5})
    assert r.status_code == 201, r.json()
    election = r.json()
    assert (election["status"], election["body"], election["candidates"]) == ("draft", "members", [])
    eid = election["id"]
    ids = []
    for role in ("member", "committee", "finance", "auditor"):
        r = post(chair, f"{API}/{eid}/candidates", {"worker_id": cast.workers[role].pk, "nominated_by": "小组推荐"})
        assert r.status_code == 201 and r.json()["confirmed"] is False
        ids.append(r.json()["id"])
    for cid in ids:
        assert post(chair, f"{API}/{eid}/candidates/{cid}/confirm").json()["confirmed"] is True
    r = put(chair, f"{API}/{eid}/officers", {"scrutineer_ids": [cast.workers["hardship_officer"].pk],
                                             "teller_ids": [cast.workers["group1_worker"].pk]})
    assert r.status_code == 200 and [p["name"] for p in r.json()["tellers"]] == ["冯二"]
    opens, closes = window()
    r = post(chair, f"{API}/{eid}/open", {"opens_at": opens, "closes_at": closes, "present": 11})
    assert r.status_code == 200 and r.json()["status"] == "open" and r.json()["entitled"] == 11

    member = client_for(cast.users["member"])
    listing = member.get(API).json()
    assert [e["id"] for e in listing["open"]] == [eid] and listing["all"] is None
    ballot = member.get(f"{API}/{eid}/ballot").json()
    assert ballot["voting_open"] and len(ballot["candidates"]) == 4 and ballot["candidates"][0]["unit"]
    marks = [{"candidate_id": ids[0], "mark": "F"}, {"candidate_id": ids[1], "mark": "A"}]
    r = post(member, f"{API}/{eid}/vote/check", {"marks": marks, "write_in_ids": [cast.workers["chair"].pk]})
    assert r.json() == {"chosen": 2, "seats": 3, "void": False}
    r = post(member, f"{API}/{eid}/vote", {"marks": marks})
    assert r.status_code == 201
    receipt = r.json()["receipt"]
    again = post(member, f"{API}/{eid}/vote", {"marks": marks})
    assert again.status_code == 409 and again.json()["code"] == "already_voted"
    assert member.get(f"{API}/{eid}/ballot").json()["voted"] is True
    assert member.get(API).json()["open"] == []

    chair = client_for(cast.users["chair"])  # one test client: logging in as another ends the last session
    detail = chair.get(f"{API}/{eid}").json()
    assert detail["voted"] == 1 and detail["outcome"] is None
    r = post(chair, f"{API}/{eid}/close")
    assert r.status_code == 200 and r.json()["status"] == "closed"
    hidden = r.json()
    assert hidden["present"] is None and hidden["candidates"][0]["for_votes"] is None  # nothing shown yet
    refused = chair.get(f"{API}/{eid}/results")
    assert refused.status_code == 403 and refused.json()["code"] == "results_not_released"
    r = post(chair, f"{API}/{eid}/release", {"released_on": setup.today().isoformat()})
    assert r.status_code == 200 and r.json()["status"] == "released" and r.json()["present"] == 1
    member = client_for(cast.users["member"])
    results = member.get(f"{API}/{eid}/results").json()
    assert results["receipts"] == [receipt]
    assert {c["candidate_id"]: c["for_votes"] for c in results["results"]}[ids[0]] == 1
    assert [e["id"] for e in member.get(API).json()["released"]] == [eid]


def test_wrong_state_and_not_eligible_answer_the_pages_codes(cast, client_for):
    chair = client_for(cast.users["chair"])
    election = setup.general(cast, mode=Election.Mode.ONLINE)
    setup.vacate(cast)  # 陈三 transferred out
    r = post(chair, f"{API}/{election.pk}/candidates", {"worker_id": cast.workers["group2_worker"].pk})
    assert r.status_code == 422 and r.json()["code"] == "not_eligible"
    r = post(chair, f"{API}/{election.pk}/open", {})
    assert r.status_code == 422 and r.json()["code"] == "window_invalid"
    setup.open_online(election)
    r = post(chair, f"{API}/{election.pk}/candidates", {"worker_id": cast.workers["hardship_officer"].pk})
    assert r.status_code == 409 and r.json()["code"] == "election_wrong_status"
    r = post(chair, f"{API}/{election.pk}/release", {"released_on": setup.today().isoformat()})
    assert r.status_code == 409 and r.json()["code"] == "election_wrong_status"
    r = post(chair, f"{API}/{election.pk}/count", {"present": 1, "issued": 1, "returned": 1, "invalid": 0,
                                                    "counts": []})
    assert r.status_code == 422 and r.json()["code"] == "not_paper"
    other = client_for(cast.users["outsider"])
    assert post(other, f"{API}/{election.pk}/close").status_code == 404  # another union's election


def test_the_vote_refuses_what_the_ballot_page_refuses(cast, client_for):
    draft = setup.general(cast, mode=Election.Mode.ONLINE)
    member = client_for(cast.users["member"])
    r = post(member, f"{API}/{draft.pk}/vote")
    assert r.status_code == 422 and r.json()["code"] == "not_in_window"
    assert member.get(f"{API}/{draft.pk}/ballot").json()["candidates"] == []  # not shown before the vote opens
    paper = setup.general(cast)
    r = post(member, f"{API}/{paper.pk}/vote")
    assert r.status_code == 422 and r.json()["code"] == "not_online"
    election = setup.open_online(draft)
    listed = election.candidates.filter(write_in=False)
    r = post(member, f"{API}/{election.pk}/vote", {"write_in_ids": [listed[0].worker_id]})
    assert r.status_code == 422 and r.json()["code"] == "write_in_invalid"  # a candidate cannot be written in
    r = post(member, f"{API}/{election.pk}/vote", {"write_in_ids": [cast.workers["other_worker"].pk]})
    assert r.status_code == 422 and r.json()["code"] == "write_in_invalid"  # nor another union's worker
    many = [cast.workers[r].pk for r in ("chair", "women_committee", "group1_worker", "group_leader")]
    r = post(member, f"{API}/{election.pk}/vote", {"write_in_ids": many})
    assert r.status_code == 422 and r.json()["code"] == "write_ins_too_many"
    r = post(member, f"{API}/{election.pk}/vote", {"marks": [{"candidate_id": 10**9, "mark": "F"}]})
    assert r.status_code == 422 and r.json()["code"] == "ballot_invalid"
    r = post(member, f"{API}/{election.pk}/vote", {"marks": [{"candidate_id": listed[0].pk, "mark": "Y"}]})
    assert r.status_code == 422 and r.json()["code"] == "invalid_input"
    assert not election.participations.exists()
    admin = client_for(cast.users["admin"])
    assert post(admin, f"{API}/{election.pk}/vote").status_code == 403  # no elections.vote


def test_the_vote_answer_is_the_schemas_body(cast, client_for):
    """The vote renders its ``ReceiptOut`` body itself (``core.api_answers``: no schema validation on the burst
    path): byte for byte what django-ninja renders through the schema, with the same status and content type."""
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    listed = election.candidates.filter(write_in=False)
    r = post(client_for(cast.users["member"]), f"{API}/{election.pk}/vote",
             {"marks": [{"candidate_id": listed[0].pk, "mark": "F"}]})
    assert r.status_code == 201 and r["Content-Type"] == "application/json; charset=utf-8"
    expected = ReceiptOut(receipt=r.json()["receipt"]).model_dump()
    assert r.content.decode() == JSONRenderer().render(None, expected, response_status=201)


def test_a_representative_votes_and_a_member_who_is_not_one_does_not(cast, client_for):
    election = setup.representatives(cast, mode=Election.Mode.ONLINE)
    chair = client_for(cast.users["chair"])
    opens, closes = window()
    r = post(chair, f"{API}/{election.pk}/open", {"opens_at": opens, "closes_at": closes, "present": 2})
    assert r.status_code == 422 and r.json()["code"] == "no_electorate"
    r = put(chair, f"{API}/{election.pk}/electors", {"worker_ids": [cast.workers["chair"].pk,
                                                                    cast.workers["hardship_officer"].pk]})
    assert r.json() == {"electors": 2}
    assert [p["name"] for p in chair.get(f"{API}/{election.pk}").json()["electors"]] == ["吴十", "周九"]
    r = put(chair, f"{API}/{election.pk}/electors", {"worker_ids": [cast.workers["other_worker"].pk]})
    assert r.status_code == 422 and r.json()["code"] == "worker_not_found"
    assert post(chair, f"{API}/{election.pk}/open", {"opens_at": opens, "closes_at": closes,
                                                      "present": 2}).status_code == 200
    r = post(client_for(cast.users["member"]), f"{API}/{election.pk}/vote")
    assert r.status_code == 422 and r.json()["code"] == "not_entitled"
    chair = client_for(cast.users["chair"])
    assert post(client_for(cast.users["hardship_officer"]), f"{API}/{election.pk}/vote").status_code == 201


def test_a_paper_election_counted_released_and_approved(cast, client_for):
    chair = client_for(cast.users["chair"])
    election = setup.general(cast)
    assert post(chair, f"{API}/{election.pk}/open").json()["status"] == "open"
    listed = list(election.candidates.order_by("strokes", "id"))
    figures = {"member": (9, 1, 1), "committee": (8, 2, 1), "finance": (7, 2, 2), "auditor": (2, 8, 1)}
    counts = [{"candidate_id": c.pk, "for_votes": f, "against_votes": a, "abstain_votes": x}
              for c in listed for f, a, x in [figures[next(k for k, w in cast.workers.items() if w.pk == c.worker_id)]]]
    body = {"present": 11, "issued": 11, "returned": 11, "invalid": 0, "counts": counts[:-1]}
    r = post(chair, f"{API}/{election.pk}/count", body)
    assert r.status_code == 422 and r.json()["code"] == "counts_incomplete"
    r = post(chair, f"{API}/{election.pk}/count", {**body, "counts": counts, "present": 12})
    assert r.status_code == 422 and r.json()["code"] == "present_exceeds_entitled"
    r = post(chair, f"{API}/{election.pk}/count", {**body, "counts": counts})
    assert r.status_code == 200 and r.json()["present"] is None  # recorded, not shown before release
    assert post(chair, f"{API}/{election.pk}/close").json()["status"] == "closed"
    today = setup.today().isoformat()
    r = post(chair, f"{API}/{election.pk}/release", {"released_on": (setup.today() + dt.timedelta(days=1)).isoformat()})
    assert r.status_code == 422 and r.json()["code"] == "date_in_future"
    released = post(chair, f"{API}/{election.pk}/release", {"released_on": today}).json()
    assert released["outcome"] == "elected"
    assert {c["worker_name"] for c in released["candidates"] if c["elected"]} == {"张三", "王五", "孙八"}
    r = post(chair, f"{API}/{election.pk}/next-round", {"held_on": today})
    assert r.status_code == 409 and r.json()["code"] == "no_next_round"
    r = post(chair, f"{API}/{election.pk}/chair", {"purpose": "chair", "seats": 2, "mode": "paper", "held_on": today})
    assert r.status_code == 422 and r.json()["code"] == "chair_one_seat"
    r = post(chair, f"{API}/{election.pk}/approve", {"approved_on": today, "approval_document": "",
                                                      "approved_by": "县总工会"})
    assert r.status_code == 422 and r.json()["code"] == "approval_incomplete"
    r = post(chair, f"{API}/{election.pk}/approve", {"approved_on": today, "approval_document": "县总工发〔2026〕9号",
                                                      "approved_by": "县总工会"})
    assert r.status_code == 200 and r.json()["status"] == "active"
    assert chair.get(f"{API}/{election.pk}").json()["status"] == "approved"


def test_closing_waits_while_a_reader_blocks_the_purge_and_the_retry_completes_it(cast, client_for, monkeypatch):
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    services_voting.ballot_cast(actor=None, election=election, worker=cast.workers["member"], marks={})
    chair = client_for(cast.users["chair"])
    real = services.ballot_box_restore
    monkeypatch.setattr(services, "ballot_box_restore", lambda **kw: real(**kw) or services_voting.WAIT_READER)
    r = post(chair, f"{API}/{election.pk}/close")
    assert r.status_code == 409 and r.json() == {"code": "ballot_purge_waiting", "message": services_voting.WAIT_READER}
    assert chair.get(f"{API}/{election.pk}").json()["status"] == "closing"
    monkeypatch.setattr(services_voting, "ballot_purge_verify", lambda: services_voting.WAIT_READER)
    r = post(chair, f"{API}/{election.pk}/close/finish")
    assert r.status_code == 409 and r.json()["code"] == "ballot_purge_waiting"
    monkeypatch.undo()
    r = post(chair, f"{API}/{election.pk}/close/finish")
    assert r.status_code == 200 and r.json()["status"] == "closed"
    again = post(chair, f"{API}/{election.pk}/close/finish")
    assert again.status_code == 409 and again.json()["code"] == "election_wrong_status"


def test_documents_download_and_are_audited_report_only_once_released(cast, client_for):
    election = setup.general(cast)
    chair = client_for(cast.users["chair"])
    r = chair.get(f"{API}/{election.pk}/documents/ballot")
    assert r.status_code == 200 and r["Content-Type"].endswith("wordprocessingml.document")
    assert r.content[:2] == b"PK" and "filename*=UTF-8''" in r["Content-Disposition"]
    assert AuditEntry.objects.filter(action="elections.document.downloaded", note="ballot").count() == 1
    r = chair.get(f"{API}/{election.pk}/documents/report")
    assert r.status_code == 403 and r.json()["code"] == "results_not_released"
    assert chair.get(f"{API}/{election.pk}/documents/nothing").status_code == 404
    assert client_for(cast.users["member"]).get(f"{API}/{election.pk}/documents/ballot").status_code == 403


def test_a_candidate_photo_is_uploaded_checked_shown_and_a_nominee_withdrawn(cast, client_for):
    from unionhome.activities.tests.routes import PNG

    election = setup.general(cast, confirm=False)
    candidate = election.candidates.first()
    chair = client_for(cast.users["chair"])
    url = f"{API}/{election.pk}/candidates/{candidate.pk}/photo"
    r = chair.post(url, {"photo": SimpleUploadedFile("x.png", b"not an image")})
    assert r.status_code == 422 and r.json()["field"] == "file"
    r = chair.post(url, {"photo": SimpleUploadedFile("p.png", PNG)})
    assert r.status_code == 200 and r.json()["has_photo"] is True
    shown = client_for(cast.users["member"]).get(url)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png"
    chair = client_for(cast.users["chair"])
    r = chair.delete(f"{API}/{election.pk}/candidates/{candidate.pk}")
    assert r.status_code == 204 and not election.candidates.filter(pk=candidate.pk).exists()
    assert AuditEntry.objects.filter(action="elections.candidate.withdrawn").count() == 1


def test_members_see_only_what_the_pages_show_them(cast, client_for):
    setup.general(cast)
    member = client_for(cast.users["member"])
    assert member.get(API).json() == {"open": [], "released": [], "all": None}
    assert member.get(f"{API}/{Election.objects.get().pk}").status_code == 403
    assert len(client_for(cast.users["chair"]).get(API).json()["all"]) == 1  # (logs the member out)
    assert client_for(cast.users["outsider"]).get(API).json()["all"] == []

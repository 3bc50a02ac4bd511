
from unionhome.core.testing.matrix import Route, by_perm
from unionhome.elections import services
from unionhome.elections.models import Candidate, Election
from unionhome.elections.tests import setup

MANAGE = by_perm("elections.manage", outsider=404)
MANAGE_POST = by_perm("elections.manage", ok=302, outsider=404)


def draft(cast):
    return {"pk": setup.general(cast, candidates=("member", "committee", "finance"), confirm=False).pk}


def representatives(cast):
    return {"pk": setup.representatives(cast).pk}


def candidate(cast):
    election = setup.general(cast, candidates=("member",), confirm=False)
    return {"pk": election.pk, "candidate_pk": election.candidates.get().pk}


def with_photo(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from unionhome.activities.tests.routes import PNG

    kwargs = candidate(cast)
    c = Candidate.objects.get(pk=kwargs["candidate_pk"])
    services.candidate_photo_set(actor=None, candidate=c, upload=SimpleUploadedFile("p.png", PNG))
    return kwargs


def online_open(cast):
    return {"pk": setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE)).pk}


def closed(cast):
    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    return {"pk": services.election_close(actor=None, election=election).pk}


def released(cast):
    election = Election.objects.get(pk=closed(cast)["pk"])
    return {"pk": services.election_release(actor=None, election=election, on=setup.today()).pk}


def doc(name, make=draft):
    return lambda cast: {**make(cast), "doc": name}


def api(make, **more):
    """The page's kwargs under the API's names (``election_id``, ``candidate_id``)."""
    def kwargs(cast):
        k = make(cast)
        out = {"election_id": k.pop("pk"), **more}
        if "candidate_pk" in k:
            out["candidate_id"] = k.pop("candidate_pk")
        return {**out, **k}
    return kwargs


def paper_open(cast):
    election = setup.general(cast)
    services.election_open(actor=None, election=election)
    return {"pk": election.pk}


def paper_count_json(cast):
    election = Election.objects.filter(union=cast.union, status=Election.Status.OPEN).latest("id")
    return {"present": 11, "issued": 11, "returned": 11, "invalid": 0,
            "counts": [{"candidate_id": c.pk, "for_votes": 6, "against_votes": 3, "abstain_votes": 2}
                       for c in election.candidates.all()]}


VOTE_OR_MANAGE = by_perm("elections.vote", admin=200, outsider=404)


ROUTES = [
    Route("elections:home", expect=by_perm("elections.vote", admin=200)),
    Route("elections:manage", expect=by_perm("elections.manage")),
    Route("elections:manage", method="post", data={"kind": "general"}, expect=by_perm("elections.manage")),
    Route("elections:detail", kwargs=draft, expect=MANAGE),
    Route("elections:candidate_add", method="post", kwargs=draft,
          data=lambda c: {"worker": c.workers["auditor"].pk}, expect=MANAGE_POST),
    Route("elections:candidate_confirm", method="post", kwargs=candidate, expect=MANAGE_POST),
    # Without a file the upload is refused with a message (the page redirects).
    Route("elections:candidate_photo_upload", method="post", kwargs=candidate, expect=MANAGE_POST),
    Route("elections:candidate_photo", kwargs=with_photo,
          expect=by_perm("elections.vote", admin=200, outsider=404)),
    Route("elections:detail", kwargs=representatives, expect=MANAGE),  # with the representatives' picker
    Route("elections:electors", method="post", kwargs=representatives,
          data=lambda c: {"workers": [c.workers["member"].pk, c.workers["chair"].pk]}, expect=MANAGE_POST),
    Route("elections:officers", method="post", kwargs=draft,
          data=lambda c: {"scrutineers": [c.workers["hardship_officer"].pk]}, expect=MANAGE_POST),
    Route("elections:open", method="post", kwargs=draft, expect=MANAGE_POST),
    Route("elections:count", method="post", kwargs=draft, data={"present": 1}, expect=MANAGE_POST),
    Route("elections:close", method="post", kwargs=online_open, expect=MANAGE_POST),
    # Retrying the purge of a vote already closed is refused with a message (the page redirects).
    Route("elections:close_finish", method="post", kwargs=closed, expect=MANAGE_POST),
    Route("elections:release", method="post", kwargs=closed, expect=MANAGE_POST),
    Route("elections:next_round", method="post", kwargs=released, data={"held_on": "2026-12-01"},
          expect=MANAGE_POST),
    Route("elections:chair_create", method="post", kwargs=released,
          data={"purpose": "chair", "seats": 1, "mode": "paper", "held_on": "2026-12-01"}, expect=MANAGE_POST),
    Route("elections:approve", method="post", kwargs=released,
          data={"approved_on": "2026-12-01", "approval_document": "县总工发〔2026〕9号", "approved_by": "县总工会"},
          expect=MANAGE_POST),
    # A member opens the ballot page of a draft election: it says voting is not open.
    Route("elections:vote", kwargs=draft, expect=by_perm("elections.vote", outsider=404)),
    # Voting outside the window is refused with the form shown again (422), never a 500.
    Route("elections:vote", method="post", kwargs=draft, data={}, expect=by_perm("elections.vote", ok=422,
                                                                                  outsider=404)),
    # Results are hidden from every role, the chair included, until released.
    Route("elections:results", kwargs=closed, expect=by_perm("elections.vote", ok=403, outsider=404)),
    Route("elections:results", kwargs=released, expect=by_perm("elections.vote", admin=200, outsider=404)),
    Route("elections:document", kwargs=doc("ballot"), expect=MANAGE),
    Route("elections:document", kwargs=doc("tally"), expect=MANAGE),
    Route("elections:document", kwargs=doc("report"), expect=by_perm("elections.manage", ok=403, outsider=404)),
    Route("elections:document", kwargs=doc("minutes", released), expect=MANAGE),
    # API: the same services, permissions and codes. Writes run for every role in turn on the same election: the
    # chair's call succeeds, the admin's (also elections.manage) meets the state the chair left (409/422/404).
    Route("api:elections_list", expect=by_perm("elections.vote", admin=200)),
    Route("api:elections_detail", kwargs=api(draft), expect=MANAGE),
    Route("api:elections_ballot", kwargs=api(online_open), expect=by_perm("elections.vote", outsider=404)),
    Route("api:elections_results", kwargs=api(closed), expect=by_perm("elections.vote", ok=403, outsider=404)),
    Route("api:elections_results", kwargs=api(released), expect=VOTE_OR_MANAGE),
    Route("api:elections_candidate_photo", kwargs=api(with_photo), expect=VOTE_OR_MANAGE),
    Route("api:elections_document", kwargs=api(draft, doc="ballot"), expect=MANAGE),
    Route("api:elections_document", kwargs=api(draft, doc="report"),
          expect=by_perm("elections.manage", ok=403, outsider=404)),
    Route("api:elections_create", method="post", json=True,
          data={"kind": "general", "committee_kind": "union", "mode": "paper", "seats": 3, "held_on": "2026-12-01",
                "term_years": 5},
          expect=by_perm("elections.manage", ok=201, outsider=422)),  # the other union has no members to elect
    Route("api:elections_candidate_add", method="post", json=True, kwargs=api(draft),
          data=lambda c: {"worker_id": c.workers["auditor"].pk},
          expect=by_perm("elections.manage", ok=201, outsider=404)),
    Route("api:elections_candidate_confirm", method="post", json=True, kwargs=api(candidate),
          expect=by_perm("elections.manage", outsider=404)),
    Route("api:elections_candidate_withdraw", method="delete", json=True, kwargs=api(candidate),
          expect=by_perm("elections.manage", ok=204, outsider=404)),
    # Without a file the upload is refused (422 file_required).
    Route("api:elections_candidate_photo_upload", method="post", kwargs=api(candidate),
          expect=by_perm("elections.manage", ok=422, outsider=404)),
    Route("api:elections_electors", method="put", json=True, kwargs=api(representatives),
          data=lambda c: {"worker_ids": [c.workers["member"].pk, c.workers["chair"].pk]},
          expect=by_perm("elections.manage", outsider=404)),
    Route("api:elections_officers", method="put", json=True, kwargs=api(draft),
          data=lambda c: {"scrutineer_ids": [c.workers["hardship_officer"].pk]},
          expect=by_perm("elections.manage", outsider=404)),
    Route("api:elections_open", method="post", json=True, kwargs=api(draft),
          expect=by_perm("elections.manage", ok=422, outsider=404)),  # unconfirmed candidates: not_competitive
    Route("api:elections_vote_check", method="post", json=True, kwargs=api(online_open),
          expect=by_perm("elections.vote", outsider=404)),
    # Each member votes once; the outsider's own union holds no such election.
    Route("api:elections_vote", method="post", json=True, kwargs=api(online_open),
          expect=by_perm("elections.vote", ok=201, outsider=404)),
    Route("api:elections_vote", method="post", json=True, kwargs=api(draft),
          expect=by_perm("elections.vote", ok=422, outsider=404)),  # not_in_window
    Route("api:elections_count", method="post", json=True, kwargs=api(paper_open), data=paper_count_json,
          expect=by_perm("elections.manage", outsider=404)),
    Route("api:elections_close", method="post", json=True, kwargs=api(online_open),
          expect=by_perm("elections.manage", outsider=404)),
    Route("api:elections_close_finish", method="post", json=True, kwargs=api(closed),
          expect=by_perm("elections.manage", ok=409, outsider=404)),
    Route("api:elections_release", method="post", json=True, kwargs=api(closed),
          data=lambda c: {"released_on": setup.today().isoformat()},
          expect=by_perm("elections.manage", outsider=404)),
    Route("api:elections_next_round", method="post", json=True, kwargs=api(released), data={"held_on": "2026-12-01"},
          expect=by_perm("elections.manage", ok=201, outsider=404)),  # nobody voted: another round
    Route("api:elections_chair_create", method="post", json=True, kwargs=api(released),
          data={"purpose": "chair", "seats": 1, "mode": "paper", "held_on": "2026-12-01"},
          expect=by_perm("elections.manage", ok=201, outsider=404)),
    Route("api:elections_approve", method="post", json=True, kwargs=api(released),
          data=lambda c: {"approved_on": setup.today().isoformat(), "approval_document": "县总工发〔2026〕9号",
                          "approved_by": "县总工会"},
          expect=by_perm("elections.manage", ok=422, outsider=404)),  # nobody voted: nothing to approve
]


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
]

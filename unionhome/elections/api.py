"""JSON API of elections: every action of the election pages, through the same services, permissions and error
codes (a ``DomainError`` → ``{"code", "message"}`` with 409/422).

The online vote (``POST /{id}/vote``) calls ``services_voting.ballot_cast`` exactly as the ballot page does: it
writes the participation row and fills a blank slot, nothing else (no audit row, no time); the answer is the
receipt code. Results, counts and who was elected are shown to nobody, the chair included, until released.
"""
from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from ninja import File, Router, Status
from ninja.files import UploadedFile

from unionhome.core.api_answers import json_answer
from unionhome.core.docx import DOCX_TYPE, attachment
from unionhome.core.errors import Forbidden, RuleViolation
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.elections import documents, queries, services, services_voting
from unionhome.elections.models import Candidate, Election
from unionhome.elections.schemas import (
    ApproveIn,
    BallotCheckOut,
    BallotIn,
    BallotOut,
    CandidateIn,
    CandidateOut,
    ChairElectionIn,
    DateIn,
    ElectionDetailOut,
    ElectionIn,
    ElectionsOut,
    ElectorsIn,
    ElectorsOut,
    OfficersIn,
    OpenIn,
    PaperCountIn,
    ReceiptOut,
    ReleaseIn,
    ResultsOut,
    TermOut,
)
from unionhome.members.models import Worker
from unionhome.members.queries import row_with_member

router = Router(tags=[gettext_lazy("选举")])

VOTE_OR_MANAGE = ("elections.vote", "elections.manage")


def _election(ctx, election_id: int) -> Election:
    return get_in_union_or_404(Election, ctx.union, pk=election_id)


def _candidate(ctx, election: Election, candidate_id: int) -> Candidate:
    return get_in_union_or_404(Candidate.objects.filter(election=election), ctx.union, pk=candidate_id)


def _workers(ctx, ids: list[int], field: str) -> list[Worker]:
    """Members of the caller's union named by id (the service decides who may hold the role)."""
    found = {w.pk: w for w in Worker.objects.filter(union=ctx.union, pk__in=set(ids)).select_related("membership")}
    if len(found) != len(set(ids)):
        raise RuleViolation("worker_not_found", gettext("所选会员不存在"), field=field)
    return [found[i] for i in dict.fromkeys(ids)]


def _people(workers) -> list[dict]:
    return [{"id": w.pk, "name": w.name} for w in workers]


def _candidate_out(c: Candidate, visible: bool) -> dict:
    out = {"id": c.pk, "worker_id": c.worker_id, "worker_name": c.worker.name, "nominated_by": c.nominated_by,
           "confirmed": c.confirmed, "write_in": c.write_in, "strokes": c.strokes, "has_photo": bool(c.photo)}
    if visible:
        out.update(for_votes=c.for_votes, against_votes=c.against_votes, abstain_votes=c.abstain_votes,
                   elected=c.elected, tied=c.tied)
    return out


def _detail(election: Election) -> dict:
    """What the election's page shows its officer."""
    election.refresh_from_db()
    visible = election.results_visible
    voting = election.status == Election.Status.OPEN and election.mode == Election.Mode.ONLINE
    return {
        **{f: getattr(election, f) for f in (
            "id", "title", "kind", "committee_kind", "purpose", "mode", "body", "seats", "held_on", "status", "round",
            "parent_id", "term_years", "opens_at", "closes_at", "released_on", "entitled", "approved_on",
            "approval_document", "approved_by")},
        **{f: getattr(election, f) if visible else None for f in (
            "outcome", "present", "ballots_issued", "ballots_returned", "ballots_invalid")},
        "voted": election.participations.count() if voting else None,
        "candidates": [_candidate_out(c, visible) for c in election.candidates.select_related("worker")],
        "electors": _people(Worker.objects.filter(pk__in=election.electors.values("worker_id")).order_by("name_pinyin"))
        if election.body == Election.Body.REPRESENTATIVES else [],
        "scrutineers": _people(election.scrutineers.order_by("name_pinyin")),
        "tellers": _people(election.tellers.order_by("name_pinyin")),
        "family": [{"id": e.pk, "title": e.title, "purpose": e.purpose, "round": e.round, "status": e.status}
                   for e in queries.election_family(election) if e.pk != election.pk],
    }


# --- reads ----------------------------------------------------------------------------------------------------

@router.get("", response=ElectionsOut, url_name="elections_list")
def election_list(request):
    ctx = api_require(request, *VOTE_OR_MANAGE, any_of=True)
    listed = list(queries.election_list(ctx.union))
    return {"open": queries.elections_open_for(ctx.union, ctx.worker_id),
            "released": [e for e in listed if e.results_visible],
            "all": listed if ctx.has("elections.manage") else None}


@router.get("/{int:election_id}", response=ElectionDetailOut, url_name="elections_detail")
def election_detail(request, election_id: int):
    ctx = api_require(request, "elections.manage")
    return _detail(_election(ctx, election_id))


@router.get("/{int:election_id}/ballot", response=BallotOut, url_name="elections_ballot")
def ballot(request, election_id: int):
    """The ballot page: the candidates (unit, post) while the vote is open to the caller, whether they voted."""
    ctx = api_require(request, "elections.vote")
    election = _election(ctx, election_id)
    now = timezone.now()
    voted = ctx.worker_id is not None and queries.has_voted(election, ctx.worker_id)
    voting_open = (election.status == Election.Status.OPEN and election.mode == Election.Mode.ONLINE
                   and election.opens_at <= now <= election.closes_at and not voted)
    listed = queries.ballot_candidates(election) if voting_open else []
    return {"id": election.pk, "title": election.title, "seats": election.seats, "mode": election.mode,
            "status": election.status, "opens_at": election.opens_at, "closes_at": election.closes_at,
            "voting_open": voting_open, "voted": voted,
            "candidates": [{"id": c.pk, "name": c.worker.name, "unit": c.worker.unit.name if c.worker.unit else "",
                            "post": c.worker.post, "has_photo": bool(c.photo)} for c in listed]}


@router.get("/{int:election_id}/results", response=ResultsOut, url_name="elections_results")
def results(request, election_id: int):
    """Hidden from everyone, the chair included, until released (403 ``results_not_released``)."""
    ctx = api_require(request, *VOTE_OR_MANAGE, any_of=True)
    election = _election(ctx, election_id)
    if not election.results_visible:
        raise Forbidden("results_not_released", gettext("选举结果尚未公布"))
    return {**{f: getattr(election, f) for f in ("id", "title", "outcome", "entitled", "present", "ballots_issued",
                                                 "ballots_returned", "ballots_invalid", "released_on")},
            "results": [{"candidate_id": c.pk, "worker_name": c.worker.name, "write_in": c.write_in,
                         "for_votes": c.for_votes, "against_votes": c.against_votes,
                         "abstain_votes": c.abstain_votes, "elected": c.elected, "tied": c.tied}
                        for c in queries.results(election)],
            "receipts": queries.published_receipts(election) if election.mode == Election.Mode.ONLINE else []}


@router.get("/{int:election_id}/candidates/{int:candidate_id}/photo", url_name="elections_candidate_photo",
            openapi_extra={"responses": {200: {"description": "the candidate's photo (an image)",
                                               "content": {"image/*": {"schema": {"type": "string",
                                                                                   "format": "binary"}}}}}})
def candidate_photo(request, election_id: int, candidate_id: int):
    ctx = api_require(request, *VOTE_OR_MANAGE, any_of=True)
    candidate = _candidate(ctx, _election(ctx, election_id), candidate_id)
    if not candidate.photo:
        raise Http404(gettext("候选人没有照片"))
    try:
        return FileResponse(candidate.photo.open("rb"), content_type=candidate.photo_type)
    except FileNotFoundError:
        raise Http404(gettext("候选人没有照片")) from None


DOCX = {200: {"description": "a Word document", "content": {DOCX_TYPE: {"schema": {"type": "string", "format": "binary"}}}}}


@router.get("/{int:election_id}/documents/{doc}", url_name="elections_document",
            openapi_extra={"responses": DOCX})
def document(request, election_id: int, doc: str):
    """``doc``: ballot 选票, tally 计票单, report 选举结果的请示, minutes 会议记录 (the last two once released).
    Every download is audited."""
    ctx = api_require(request, "elections.manage")
    election = _election(ctx, election_id)
    if doc not in documents.BUILDERS:
        raise Http404(gettext("没有这种文档"))
    if doc in documents.NEED_RESULTS and not election.results_visible:
        raise Forbidden("results_not_released", gettext("选举结果尚未公布"))
    content = services.election_document_export(actor=request.user, election=election, doc=doc)
    return attachment(content, documents.download_name(election, doc), fallback=f"election-{election.pk}-{doc}.docx")


# --- setting up -----------------------------------------------------------------------------------------------

@router.post("", response={201: ElectionDetailOut}, url_name="elections_create")
def election_create(request, payload: ElectionIn):
    ctx = api_require(request, "elections.manage")
    data = payload.dict()
    election = services.election_create(actor=request.user, union=ctx.union, **{
        **data, "body": data["body"] or None})
    return Status(201, _detail(election))


@router.post("/{int:election_id}/candidates", response={201: CandidateOut}, url_name="elections_candidate_add")
def candidate_add(request, election_id: int, payload: CandidateIn):
    ctx = api_require(request, "elections.manage")
    election = _election(ctx, election_id)
    worker = get_in_union_or_404(Worker.objects.select_related("membership"), ctx.union, pk=payload.worker_id)
    candidate = services.candidate_nominate(actor=request.user, election=election, worker=worker,
                                            nominated_by=payload.nominated_by)
    return Status(201, _candidate_out(candidate, False))


@router.post("/{int:election_id}/candidates/{int:candidate_id}/confirm", response=CandidateOut,
             url_name="elections_candidate_confirm")
def candidate_confirm(request, election_id: int, candidate_id: int):
    ctx = api_require(request, "elections.manage")
    candidate = _candidate(ctx, _election(ctx, election_id), candidate_id)
    return _candidate_out(services.candidate_confirm(actor=request.user, candidate=candidate), False)


@router.delete("/{int:election_id}/candidates/{int:candidate_id}", response={204: None},
               url_name="elections_candidate_withdraw")
def candidate_withdraw(request, election_id: int, candidate_id: int):
    """Take a nominee off the list while the ballot is being prepared."""
    ctx = api_require(request, "elections.manage")
    candidate = _candidate(ctx, _election(ctx, election_id), candidate_id)
    services.candidate_withdraw(actor=request.user, candidate=candidate)
    return Status(204, None)


@router.post("/{int:election_id}/candidates/{int:candidate_id}/photo", response=CandidateOut,
             url_name="elections_candidate_photo_upload")
def candidate_photo_upload(request, election_id: int, candidate_id: int, photo: UploadedFile = File(None)):
    """The photo voters see beside the name (multipart field ``photo``: JPEG/PNG/GIF/WebP)."""
    ctx = api_require(request, "elections.manage")
    candidate = _candidate(ctx, _election(ctx, election_id), candidate_id)
    if photo is None:
        raise RuleViolation("file_required", gettext("请选择照片"), field="photo")
    return _candidate_out(services.candidate_photo_set(actor=request.user, candidate=candidate, upload=photo), False)


@router.put("/{int:election_id}/electors", response=ElectorsOut, url_name="elections_electors")
def electors_set(request, election_id: int, payload: ElectorsIn):
    """A representatives' congress: the representatives (会员代表), replacing the list."""
    ctx = api_require(request, "elections.manage")
    election = _election(ctx, election_id)
    workers = _workers(ctx, payload.worker_ids, "worker_ids")
    return {"electors": services.elector_set(actor=request.user, election=election, workers=workers)}


@router.put("/{int:election_id}/officers", response=ElectionDetailOut, url_name="elections_officers")
def officers_set(request, election_id: int, payload: OfficersIn):
    """监票人 and 计票人, replacing both lists."""
    ctx = api_require(request, "elections.manage")
    election = _election(ctx, election_id)
    services.election_set_officers(actor=request.user, election=election,
                                   scrutineers=_workers(ctx, payload.scrutineer_ids, "scrutineer_ids"),
                                   tellers=_workers(ctx, payload.teller_ids, "teller_ids"))
    return _detail(election)


# --- the vote -------------------------------------------------------------------------------------------------

@router.post("/{int:election_id}/open", response=ElectionDetailOut, url_name="elections_open")
def election_open(request, election_id: int, payload: OpenIn):
    ctx = api_require(request, "elections.manage")
    election = _election(ctx, election_id)
    services.election_open(actor=request.user, election=election, **payload.dict())
    return _detail(election)


# What a ballot reads of the voter (their membership comes with them): never their encrypted fields.
VOTER_FIELDS = ("union_id", "name")


def _voter(ctx) -> Worker:
    worker = (Worker.objects.select_related("membership").filter(union=ctx.union, pk=ctx.worker_id).first()
              if ctx.worker_id else None)  # the membership decides whether they may vote: read with the worker
    if worker is None:
        raise RuleViolation("no_worker", gettext("您的账号未关联会员信息，不能投票"))
    return worker


def _ballot(ctx, election: Election, payload: BallotIn) -> tuple[dict, list[Worker]]:
    if len(payload.write_in_ids) > election.seats:
        raise RuleViolation("write_ins_too_many", gettext("另选他人最多%(n)s人") % {"n": election.seats}, field="write_in_ids")
    found = ({w.pk: w for w in Worker.objects.filter(union=ctx.union, pk__in=set(payload.write_in_ids))}
             if payload.write_in_ids else {})  # most ballots write nobody in: no query set to build for them
    if len(found) != len(set(payload.write_in_ids)):
        raise RuleViolation("write_in_invalid", gettext("另选他人须为本会在会会员且不是候选人"), field="write_in_ids")
    return {m.candidate_id: m.mark for m in payload.marks}, [found[i] for i in payload.write_in_ids]


@router.post("/{int:election_id}/vote/check", response=BallotCheckOut, url_name="elections_vote_check")
def vote_check(request, election_id: int, payload: BallotIn):
    """The ballot page's confirmation step: refuses what the cast would refuse, casts nothing."""
    ctx = api_require(request, "elections.vote")
    election = _election(ctx, election_id)
    worker = _voter(ctx)
    marks, write_ins = _ballot(ctx, election, payload)
    services_voting.ballot_check(election=election, worker=worker, marks=marks, write_ins=write_ins)
    chosen = list(marks.values()).count("F") + len(write_ins)
    return {"chosen": chosen, "seats": election.seats, "void": chosen > election.seats}


@router.post("/{int:election_id}/vote", response={201: ReceiptOut}, url_name="elections_vote")
def vote(request, election_id: int, payload: BallotIn):
    """Cast the caller's secret ballot; the answer is the receipt code to find in the published list.
    409 ``already_voted``; 422 ``not_in_window``, ``not_entitled``, ``ballot_invalid``, ``write_in_invalid``."""
    ctx = api_require(request, "elections.vote")
    # The election and the voter with their membership (which decides whether they may vote) in one statement.
    election, worker = row_with_member(Election, ctx.union, election_id, ctx.worker_id, VOTER_FIELDS)
    if worker is None:
        raise RuleViolation("no_worker", gettext("您的账号未关联会员信息，不能投票"))
    marks, write_ins = _ballot(ctx, election, payload)
    receipt = services_voting.ballot_cast(actor=request.user, election=election, worker=worker, marks=marks,
                                          write_ins=write_ins)
    # The burst path: the ``ReceiptOut`` body without schema validation (``core.api_answers``; compared with
    # django-ninja's rendering by ``test_the_vote_answer_is_the_schemas_body``).
    return json_answer(request, {"receipt": receipt}, status=201)


@router.post("/{int:election_id}/count", response=ElectionDetailOut, url_name="elections_count")
def paper_count(request, election_id: int, payload: PaperCountIn):
    """The tellers' figures of a paper ballot: every listed candidate's 赞成/反对/弃权, and any written in."""
    ctx = api_require(request, "elections.manage")
    election = _election(ctx, election_id)
    workers = _workers(ctx, [w.worker_id for w in payload.write_ins], "write_ins")
    by_id = {w.pk: w for w in workers}
    services.paper_count_record(
        actor=request.user, election=election, present=payload.present, issued=payload.issued,
        returned=payload.returned, invalid=payload.invalid,
        counts={c.candidate_id: (c.for_votes, c.against_votes, c.abstain_votes) for c in payload.counts},
        write_ins=[(by_id[w.worker_id], w.votes) for w in payload.write_ins])
    return _detail(election)


@router.post("/{int:election_id}/close", response=ElectionDetailOut, url_name="elections_close")
def election_close(request, election_id: int):
    """Close and count. 409 ``ballot_purge_waiting``: voting has stopped and the box is counted, but a reader
    keeps the traces of voting from being purged; the election waits in ``closing`` — retry with ``close/finish``."""
    ctx = api_require(request, "elections.manage")
    election = _election(ctx, election_id)
    services.election_close(actor=request.user, election=election)
    return _detail(election)


@router.post("/{int:election_id}/close/finish", response=ElectionDetailOut, url_name="elections_close_finish")
def election_close_finish(request, election_id: int):
    ctx = api_require(request, "elections.manage")
    election = _election(ctx, election_id)
    services.election_close_finish(actor=request.user, election=election)
    return _detail(election)


# --- after the vote -------------------------------------------------------------------------------------------

@router.post("/{int:election_id}/release", response=ElectionDetailOut, url_name="elections_release")
def election_release(request, election_id: int, payload: ReleaseIn):
    ctx = api_require(request, "elections.manage")
    election = _election(ctx, election_id)
    services.election_release(actor=request.user, election=election, on=payload.released_on)
    return _detail(election)


@router.post("/{int:election_id}/next-round", response={201: ElectionDetailOut}, url_name="elections_next_round")
def next_round(request, election_id: int, payload: DateIn):
    ctx = api_require(request, "elections.manage")
    election = _election(ctx, election_id)
    return Status(201, _detail(services.election_next_round(actor=request.user, election=election,
                                                            held_on=payload.held_on)))


@router.post("/{int:election_id}/chair", response={201: ElectionDetailOut}, url_name="elections_chair_create")
def chair_election_create(request, election_id: int, payload: ChairElectionIn):
    """The chair (vice-chair) election after the committee's results are released."""
    ctx = api_require(request, "elections.manage")
    election = _election(ctx, election_id)
    return Status(201, _detail(services.election_create(
        actor=request.user, union=ctx.union, kind=election.kind, committee_kind=election.committee_kind,
        parent=election, **payload.dict())))


@router.post("/{int:election_id}/approve", response=TermOut, url_name="elections_approve")
def election_approve(request, election_id: int, payload: ApproveIn):
    """The higher union's approval: the elected take office."""
    ctx = api_require(request, "elections.manage")
    election = _election(ctx, election_id)
    return services.election_approve(actor=request.user, election=election, **payload.dict())

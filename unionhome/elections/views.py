"""Election pages: thin — validate, call one service or query, render or redirect."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.core import uploads
from unionhome.core.docx import attachment
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import attempt, form_action, form_errors_text, form_page
from unionhome.elections import documents, queries, services, services_voting
from unionhome.elections.forms import (
    ApproveForm,
    CandidatePhotoForm,
    ChairElectionForm,
    DateForm,
    ElectionForm,
    ElectorsForm,
    OfficersForm,
    OpenForm,
    PaperCountForm,
    ReleaseForm,
    VoteForm,
    WorkerPickForm,
)
from unionhome.elections.models import Candidate, Election
from unionhome.members.models import Worker


def _election(request, pk) -> Election:
    return get_in_union_or_404(Election, request.ctx.union, pk=pk)


def _apply(request, election, form, call, ok: str):
    """A step on the election's page: ``call(form)`` through ``form_action``; bad input is named by field."""
    return form_action(request, form, lambda _d: call(form), ok=ok, to=reverse("elections:detail", args=[election.pk]),
                       invalid=lambda f: form_errors_text(f, labels=True))


@require("elections.vote", "elections.manage", any_of=True)
def election_home(request):
    ctx = request.ctx
    return render(request, "elections/home.html", {
        "open": queries.elections_open_for(ctx.union, ctx.worker_id),
        "released": [e for e in queries.election_list(ctx.union) if e.results_visible]})


@require("elections.manage")
def election_manage(request):
    union = request.ctx.union
    form = ElectionForm(request.POST if request.method == "POST" else None, initial={"held_on": timezone.localdate()})
    return form_page(request, form, lambda d: services.election_create(
        actor=request.user, union=union, **{k: v for k, v in d.items() if k != "body"}, body=d["body"] or None),
        to=lambda election: reverse("elections:detail", args=[election.pk]), template="elections/manage.html",
        context=lambda: {"elections": queries.election_list(union), "vacancies": queries.vacancies(union)})


@require("elections.manage")
def election_detail(request, pk: int):
    election = _election(request, pk)
    union = request.ctx.union
    listed = queries.ballot_candidates(election)
    elector_groups, electors_chosen = (queries.elector_picklist(election)
                                       if election.body == Election.Body.REPRESENTATIVES else ([], set()))
    return render(request, "elections/detail.html", {
        "elector_groups": elector_groups, "electors_chosen": electors_chosen,
        "election": election, "family": queries.election_family(election),
        "candidates": election.candidates.select_related("worker"),
        "pick": WorkerPickForm(union=union), "officers": OfficersForm(union=union, initial={
            "scrutineers": election.scrutineers.all(), "tellers": election.tellers.all()}),
        "open_form": OpenForm(), "count_form": PaperCountForm(union=union, candidates=listed),
        "approve_form": ApproveForm(initial={"approved_on": timezone.localdate()}),
        "chair_form": ChairElectionForm(initial={"held_on": election.held_on}),
        "date_form": DateForm(initial={"held_on": timezone.localdate()}),
        "release_form": ReleaseForm(initial={"released_on": timezone.localdate()}),
        "voted": election.participations.count()})


@require_POST
@require("elections.manage")
def candidate_add(request, pk: int):
    election = _election(request, pk)
    form = WorkerPickForm(request.POST, union=request.ctx.union)
    return _apply(request, election, form, lambda f: services.candidate_nominate(
        actor=request.user, election=election, worker=f.cleaned_data["worker"],
        nominated_by=f.cleaned_data["nominated_by"]), _("已提名候选人"))


@require_POST
@require("elections.manage")
def candidate_confirm(request, pk: int, candidate_pk: int):
    election = _election(request, pk)
    candidate = get_in_union_or_404(Candidate.objects.filter(election=election), request.ctx.union, pk=candidate_pk)
    form = DateForm({"held_on": timezone.localdate()})
    return _apply(request, election, form, lambda f: services.candidate_confirm(actor=request.user, candidate=candidate),
                  _("已确定为正式候选人"))


@require_POST
@require("elections.manage")
def candidate_photo_upload(request, pk: int, candidate_pk: int):
    election = _election(request, pk)
    candidate = get_in_union_or_404(Candidate.objects.filter(election=election), request.ctx.union, pk=candidate_pk)
    return _apply(request, election, CandidatePhotoForm(request.POST, request.FILES), lambda f: services.candidate_photo_set(
        actor=request.user, candidate=candidate, upload=f.cleaned_data["photo"]), _("已上传候选人照片"))


@require("elections.vote", "elections.manage", any_of=True)
def candidate_photo(request, pk: int, candidate_pk: int):
    election = _election(request, pk)
    candidate = get_in_union_or_404(Candidate.objects.filter(election=election), request.ctx.union, pk=candidate_pk)
    return uploads.stored_file_response(candidate.photo, content_type=candidate.photo_type)


@require_POST
@require("elections.manage")
def electors_set(request, pk: int):
    election = _election(request, pk)
    form = ElectorsForm(request.POST, union=request.ctx.union)
    return _apply(request, election, form, lambda f: services.elector_set(
        actor=request.user, election=election, workers=list(f.cleaned_data["workers"])), _("已保存会员代表名单"))


@require_POST
@require("elections.manage")
def officers_set(request, pk: int):
    election = _election(request, pk)
    form = OfficersForm(request.POST, union=request.ctx.union)
    return _apply(request, election, form, lambda f: services.election_set_officers(
        actor=request.user, election=election, scrutineers=list(f.cleaned_data["scrutineers"]),
        tellers=list(f.cleaned_data["tellers"])), _("已确定监票人、计票人"))


@require_POST
@require("elections.manage")
def election_open(request, pk: int):
    election = _election(request, pk)
    return _apply(request, election, OpenForm(request.POST), lambda f: services.election_open(
        actor=request.user, election=election, **f.cleaned_data), _("投票已开始"))


@require_POST
@require("elections.manage")
def paper_count(request, pk: int):
    election = _election(request, pk)
    form = PaperCountForm(request.POST, union=request.ctx.union, candidates=queries.ballot_candidates(election))
    return _apply(request, election, form, lambda f: services.paper_count_record(
        actor=request.user, election=election, present=f.cleaned_data["present"], issued=f.cleaned_data["issued"],
        returned=f.cleaned_data["returned"], invalid=f.cleaned_data["invalid"], counts=f.counts(),
        write_ins=f.write_ins()), _("计票结果已录入"))


@require_POST
@require("elections.manage")
def election_close(request, pk: int):
    election = _election(request, pk)
    return _apply(request, election, DateForm({"held_on": timezone.localdate()}),
                  lambda f: services.election_close(actor=request.user, election=election), _("已闭票并计票，结果待公布"))


@require_POST
@require("elections.manage")
def election_close_finish(request, pk: int):
    election = _election(request, pk)
    return _apply(request, election, DateForm({"held_on": timezone.localdate()}),
                  lambda f: services.election_close_finish(actor=request.user, election=election),
                  _("投票痕迹已清除并核实，闭票完成，结果待公布"))


@require_POST
@require("elections.manage")
def election_release(request, pk: int):
    election = _election(request, pk)
    return _apply(request, election, ReleaseForm(request.POST), lambda f: services.election_release(
        actor=request.user, election=election, on=f.cleaned_data["released_on"]), _("选举结果已公布"))


@require_POST
@require("elections.manage")
def next_round(request, pk: int):
    election = _election(request, pk)
    return _apply(request, election, DateForm(request.POST), lambda f: services.election_next_round(
        actor=request.user, election=election, held_on=f.cleaned_data["held_on"]), _("已安排下一轮投票"))


@require_POST
@require("elections.manage")
def chair_election_create(request, pk: int):
    election = _election(request, pk)
    return _apply(request, election, ChairElectionForm(request.POST), lambda f: services.election_create(
        actor=request.user, union=request.ctx.union, kind=election.kind, committee_kind=election.committee_kind,
        parent=election, **f.cleaned_data), _("已建立主席、副主席选举"))


@require_POST
@require("elections.manage")
def election_approve(request, pk: int):
    election = _election(request, pk)
    return _apply(request, election, ApproveForm(request.POST), lambda f: services.election_approve(
        actor=request.user, election=election, **f.cleaned_data), _("已记录上级工会批复，新一届委员会成员已任职"))


@require("elections.vote")
def vote(request, pk: int):
    """Two steps: the ballot, then its choices shown back to confirm (or change) before it is cast."""
    election = _election(request, pk)
    worker = Worker.objects.filter(union=request.ctx.union, pk=request.ctx.worker_id).first()
    form = VoteForm(request.POST if request.method == "POST" else None, candidates=queries.ballot_candidates(election), union=request.ctx.union,
                    seats=election.seats)
    receipt, confirming = None, False
    if request.method == "POST" and worker is None:
        form.add_error(None, _("您的账号未关联会员信息，不能投票"))
    elif request.method == "POST" and form.is_valid() and "edit" not in request.POST:
        if "confirm" not in request.POST:
            # refuse now what the cast would refuse, rather than after the voter confirms
            confirming = bool(attempt(lambda: services_voting.ballot_check(
                election=election, worker=worker, marks=form.marks(), write_ins=form.write_ins()), form=form))
        else:
            receipt = attempt(lambda: services_voting.ballot_cast(
                actor=request.user, election=election, worker=worker, marks=form.marks(),
                write_ins=form.write_ins()), form=form).value
    voted = worker is not None and queries.has_voted(election, worker.pk)
    return render(request, "elections/vote.html", {"election": election, "form": form, "receipt": receipt,
                                                   "confirming": confirming, "voted": voted, "now": timezone.now()},
                  status=422 if form.errors else 200)


@require("elections.vote", "elections.manage", any_of=True)
def results(request, pk: int):
    election = _election(request, pk)
    if not election.results_visible:  # hidden from everyone, the chair included, until released
        raise PermissionDenied
    return render(request, "elections/results.html", {
        "election": election, "results": queries.results(election),
        "receipts": queries.published_receipts(election) if election.mode == Election.Mode.ONLINE else []})


@require("elections.manage")
def document(request, pk: int, doc: str):
    election = _election(request, pk)
    if doc not in documents.BUILDERS:
        raise Http404
    if doc in documents.NEED_RESULTS and not election.results_visible:
        raise PermissionDenied
    content = services.election_document_export(actor=request.user, election=election, doc=doc)
    return attachment(content, documents.download_name(election, doc), fallback=f"election-{election.pk}-{doc}.docx")

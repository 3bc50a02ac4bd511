from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.committees import services
from unionhome.committees.forms import ApprovalForm, PositionEndForm, PositionForm, RescheduleForm, TermForm
from unionhome.committees.models import Position, Term
from unionhome.committees.queries import (
    congress_type_for,
    current_terms,
    structure_warnings,
    term_positions,
    union_member_count,
)
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import form_action, form_page
from unionhome.members.models import Worker


@require("org.view")
def committee_home(request):
    union = request.ctx.union
    terms = [(term, list(term_positions(term))) for term in current_terms(union)]
    members = union_member_count(union)
    return render(request, "committees/home.html", {
        "terms": terms, "warnings": structure_warnings(union), "members": members,
        "congress": congress_type_for(union=union, members=members)})


@require("committees.manage")
def term_create_view(request):
    return form_page(request, TermForm(request.POST or None), lambda d: services.term_create(
        actor=request.user, union=request.ctx.union, **d),
        ok=_("届次已建立，待上级工会批复"), to=lambda term: _back_to_term(term.pk),
        template="core/form_page.html", context={"title": _("新建委员会届次")})


@require("org.view")
def term_detail(request, pk: int):
    term = get_in_union_or_404(Term.objects.select_related("committee"), request.ctx.union, pk=pk)
    positions = term.positions.select_related("worker", "worker__membership").order_by("ended_on", "title", "id")
    data = {"term": term, "positions": positions}
    if request.ctx.has("committees.manage"):
        workers = Worker.objects.filter(union=request.ctx.union).active_members().only("id", "name")
        data.update(assign_form=PositionForm(workers=workers), approve_form=ApprovalForm(), end_form=PositionEndForm(),
                    reschedule_form=RescheduleForm())
    return render(request, "committees/term.html", data)


def _back_to_term(term_pk: int) -> str:
    return reverse("committees:term", args=[term_pk])


@require_POST
@require("committees.manage")
def term_approve_view(request, pk: int):
    term = get_in_union_or_404(Term, request.ctx.union, pk=pk)
    return form_action(request, ApprovalForm(request.POST),
                       lambda d: services.term_approve(actor=request.user, term=term, **d),
                       ok=_("已记录上级工会批复"), to=_back_to_term(term.pk))


@require_POST
@require("committees.manage")
def position_assign_view(request, pk: int):
    term = get_in_union_or_404(Term, request.ctx.union, pk=pk)

    def assign(d):
        worker = get_in_union_or_404(Worker, request.ctx.union, pk=d["worker"])
        services.position_assign(actor=request.user, term=term, worker=worker, title=d["title"],
                                 started_on=d["started_on"])

    return form_action(request, PositionForm(request.POST), assign, ok=_("已任职"), to=_back_to_term(term.pk))


@require_POST
@require("committees.manage")
def position_end_view(request, pk: int):
    position = get_in_union_or_404(Position, request.ctx.union, pk=pk)
    return form_action(request, PositionEndForm(request.POST),
                       lambda d: services.position_leave(actor=request.user, position=position, **d),
                       ok=_("已离任"), to=_back_to_term(position.term_id))


@require_POST
@require("committees.manage")
def term_reschedule_view(request, pk: int):
    term = get_in_union_or_404(Term, request.ctx.union, pk=pk)
    return form_action(request, RescheduleForm(request.POST),
                       lambda d: services.term_reschedule_approve(actor=request.user, term=term, **d),
                       ok=_("已记录提前或延期换届的批复"), to=_back_to_term(term.pk))

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.care import queries
from unionhome.care.forms import DischargeForm, VisitForm
from unionhome.care.models import CareVisit, VisitPhoto
from unionhome.care.models.visits import VisitKind
from unionhome.care.services.visits import visit_discharge, visit_photo_view, visit_record
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import attempt, form_action


@require("care.view")
def home(request):
    year = request.GET.get("year")
    year = int(year) if year and year.isdigit() and 2000 <= int(year) <= 2100 else None
    calendar = queries.care_calendar(request.ctx.union, today=timezone.localdate(), year=year)
    return render(request, "care/home.html", {"calendar": calendar, "year": year})


@require("care.view")
def visit_list(request):
    kind = request.GET.get("kind", "")
    qs = queries.visit_list(request.ctx.union, kind=kind if kind in VisitKind.values else "")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "care/visit_list.html", {"page": page, "kinds": VisitKind.choices, "kind": kind})


@require("care.manage")
def visit_new(request):
    union = request.ctx.union
    officers = queries.officer_choices(union)
    initial = {"kind": request.GET.get("kind") if request.GET.get("kind") in VisitKind.values else VisitKind.HOSPITAL,
               "officers": [request.ctx.worker_id] if request.ctx.worker_id else []}
    form = VisitForm(request.POST or None, request.FILES or None, union=union, officers=officers, initial=initial)
    needs_override = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(lambda: visit_record(
            actor=request.user, union=union, worker=data["worker"], kind=data["kind"],
            visited_on=data["visited_on"], amount=data["amount"], gift_form=data["gift_form"], gift=data["gift"],
            festival=data["festival"], relation=data["relation"], surgery=data["surgery"],
            event_key=data["event_key"], officers=data["officers"], note=data["note"],
            photos=request.FILES.getlist("photos"), override_reason=data["override_reason"]), form=form)
        if not outcome:
            needs_override = outcome.error.code == "cap_exceeded" and request.ctx.has("funds.override")
        else:
            visit = outcome.value
            messages.success(request, _("已登记%(get_kind_display)s：%(name)s，并已记账") % {
                "get_kind_display": visit.get_kind_display(), "name": visit.worker.name})
            return redirect("care:visit_detail", pk=visit.pk)
    chosen = form.cleaned_data.get("worker") if form.is_bound and hasattr(form, "cleaned_data") else None
    return render(request, "care/visit_form.html", {"form": form, "chosen": chosen, "needs_override": needs_override})


@require("care.manage")
def member_search(request):
    return render(request, "care/_member_results.html",
                  {"workers": queries.member_search(request.ctx.union, request.GET.get("q", ""))})


@require("care.view")
def visit_detail(request, pk: int):
    visit = get_in_union_or_404(CareVisit.objects.select_related("worker", "payout__entry"), request.ctx.union, pk=pk)
    return render(request, "care/visit_detail.html", {"visit": visit, "officers": visit.officers.all(),
                                                      "photos": visit.photos.all(), "today": timezone.localdate()})


@require_POST
@require("care.manage")
def visit_discharge_view(request, pk: int):
    visit = get_in_union_or_404(CareVisit, request.ctx.union, pk=pk)
    return form_action(request, DischargeForm(request.POST), lambda d: visit_discharge(
        actor=request.user, visit=visit, on=d["on"]), ok=_("已登记出院"), to=visit.get_absolute_url())


@require("care.view")
def visit_photo(request, pk: int):
    photo = get_in_union_or_404(VisitPhoto, request.ctx.union, pk=pk)
    visit_photo_view(actor=request.user, photo=photo)
    response = FileResponse(photo.image.open("rb"), content_type=photo.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from unionhome.care import queries
from unionhome.care.forms import (
    AssistanceForm,
    CloseForm,
    ConsentForm,
    HardshipForm,
    PublishForm,
    ReviewForm,
    household_formset,
)
from unionhome.care.models import Consent, HardshipFile
from unionhome.care.services import hardship as svc
from unionhome.core.errors import DomainError
from unionhome.core.forms import add_domain_error
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import attempt, button_action, form_action, form_page


@require("care.hardship")
def hardship_list(request):
    status = request.GET.get("status", "open")
    files = queries.hardship_list(request.ctx.union, status=status if status in ("open", "closed", "") else "open")
    due = {f.pk for f in queries.hardship_review_due(request.ctx.union, today=timezone.localdate())}
    return render(request, "care/hardship_list.html", {"files": files, "status": status, "due": due})


@require("care.hardship")
def consent_new(request):
    today = timezone.localdate()
    form = ConsentForm(request.POST or None, union=request.ctx.union,
                       initial={"worker": request.GET.get("worker"), "given_on": today})
    worker_id = request.GET.get("worker")
    return form_page(request, form, lambda d: svc.consent_record(
        actor=request.user, union=request.ctx.union, worker=d["worker"], kind=d["kind"], given_on=d["given_on"],
        signed_by=d["signed_by"], subject_name=d["subject_name"], subject_birth_date=d["subject_birth_date"]),
        ok=lambda consent: gettext("已记录%(name)s的同意") % {"name": consent.worker.name},
        to=lambda consent: f"{request.path}?worker={consent.worker_id}", template="care/consent_form.html",
        context=lambda: {"worker_id": worker_id, "held": (
            Consent.objects.filter(union=request.ctx.union, worker_id=worker_id)
            if worker_id and worker_id.isdigit() else Consent.objects.none())})


@require_POST
@require("care.hardship")
def consent_withdraw(request, pk: int):
    """PIPL art.15: the member withdraws a consent; later processing that needs it is refused."""
    consent = get_in_union_or_404(Consent, request.ctx.union, pk=pk)
    return button_action(request, lambda: svc.consent_withdraw(actor=request.user, consent=consent,
                                                               on=timezone.localdate()),
                         ok=gettext("已记录撤回同意"), to=f"{reverse('care:consent_new')}?worker={consent.worker_id}")


@require("care.hardship")
def hardship_new(request):
    form = HardshipForm(request.POST or None, union=request.ctx.union,
                        initial={"worker": request.GET.get("worker"), "opened_on": timezone.localdate()})
    members = household_formset(request.POST or None)
    if request.method == "POST" and all([form.is_valid(), members.is_valid()]):  # both, to show every error
        d = form.cleaned_data
        fields = {k: d[k] for k in svc.FILE_FIELDS if k in d}
        outcome = attempt(lambda: svc.hardship_file_open(
            actor=request.user, union=request.ctx.union, worker=d["worker"], opened_on=d["opened_on"],
            place=d["place"], own_income=d["own_income"], household=members.members(),
            rigid_spending=d["rigid_spending"], accident_costs=d["accident_costs"] or 0,
            household_head_id=d["household_head_id"], exclusions=d["exclusions"], **fields))
        if not outcome:
            household_error(form, members, outcome.error)
        else:
            file = outcome.value
            messages.success(request, gettext("已建档：%(name)s（%(get_category_display)s）") % {
                "name": file.worker.name, "get_category_display": file.get_category_display()})
            return redirect("care:hardship_detail", pk=file.pk)
    return render(request, "care/hardship_form.html", {"form": form, "members": members})


@require("care.hardship")
def hardship_detail(request, pk: int):
    file = get_in_union_or_404(HardshipFile.objects.select_related("worker", "worker__unit"), request.ctx.union, pk=pk)
    svc.hardship_file_view(actor=request.user, file=file)
    today = timezone.localdate()
    response = render(request, "care/hardship_detail.html", {
        "file": file, "household": file.household.all(), "per_capita": svc.file_per_capita_monthly(file),
        "assistance": queries.assistance_with_vouchers(file),
        "consents": Consent.objects.filter(worker=file.worker), "publications": file.publications.all(),
        "review_due": svc.review_due_on(file), "today": today,
        "assist_form": AssistanceForm(initial={"given_on": today}), "close_form": CloseForm(initial={"on": today}),
        "publish_form": PublishForm(initial={"starts_on": today})})
    response["Cache-Control"] = "no-store"
    return response


@require("care.hardship")
def hardship_review(request, pk: int):
    """年度复核 with the same household rows as 建档, filled in with last year's members."""
    file = get_in_union_or_404(HardshipFile.objects.select_related("worker"), request.ctx.union, pk=pk)
    form = ReviewForm(request.POST or None, initial={"on": timezone.localdate(), "own_income": file.own_income or None,
                                                     "rigid_spending": file.rigid_spending})
    members = household_formset(request.POST or None, initial=queries.household_initial(file))
    if request.method == "POST" and all([form.is_valid(), members.is_valid()]):  # both, to show every error
        d = form.cleaned_data
        outcome = attempt(lambda: svc.hardship_file_review(
            actor=request.user, file=file, on=d["on"], own_income=d["own_income"], household=members.members(),
            rigid_spending=d["rigid_spending"], accident_costs=d["accident_costs"] or 0, note=d["note"]))
        if not outcome:
            household_error(form, members, outcome.error)
        else:
            messages.success(request, gettext("年度复核已完成"))
            return redirect("care:hardship_detail", pk=file.pk)
    return render(request, "care/hardship_review.html", {"form": form, "members": members, "file": file})


@require_POST
@require("care.hardship")
def hardship_close(request, pk: int):
    file = get_in_union_or_404(HardshipFile, request.ctx.union, pk=pk)
    return form_action(request, CloseForm(request.POST), lambda d: svc.hardship_file_close(
        actor=request.user, file=file, reason=d["reason"], on=d["on"], note=d["note"]),
        ok=gettext("档案已销档"), to=reverse("care:hardship_detail", args=[file.pk]))


@require_POST
@require("care.hardship")
def hardship_publish(request, pk: int):
    file = get_in_union_or_404(HardshipFile, request.ctx.union, pk=pk)
    return form_action(request, PublishForm(request.POST), lambda d: svc.publication_open(
        actor=request.user, file=file, starts_on=d["starts_on"]), ok=gettext("已发布公示"),
        to=reverse("care:hardship_detail", args=[file.pk]))


@require_POST
@require("care.hardship")
def hardship_assist(request, pk: int):
    file = get_in_union_or_404(HardshipFile, request.ctx.union, pk=pk)
    return form_action(request, AssistanceForm(request.POST), lambda d: svc.assistance_record(
        actor=request.user, file=file, kind=d["kind"], amount=d["amount"], given_on=d["given_on"],
        description=d["description"]), ok=gettext("帮扶已登记并记账"), to=reverse("care:hardship_detail", args=[file.pk]))


@require("care.publicity")
def publicity(request):
    notices = queries.publications_current(request.ctx.union, today=timezone.localdate())
    return render(request, "care/publicity.html", {"notices": notices})


def household_error(form, formset, exc: DomainError) -> None:
    """A domain error about one household row (``household-<i>-<field>``) goes next to that row."""
    prefix, _, rest = (exc.field or "").partition("-")
    index, _, name = rest.partition("-")
    if prefix == formset.prefix and index.isdigit():
        rows = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if int(index) < len(rows):
            row = rows[int(index)]
            add_domain_error(row, exc, field=name)
            return
    add_domain_error(form, exc)

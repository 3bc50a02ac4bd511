from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.care import queries
from unionhome.care.forms import (
    BloodDriveForm,
    DonationDriveForm,
    DonationForm,
    HandoverForm,
    OutcomeForm,
    ReceiveForm,
    VolunteerForm,
)
from unionhome.care.models import BloodDrive, BloodVolunteer, Donation, DonationDrive
from unionhome.care.services import drives as svc
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import form_action, form_page


@require("care.view")
def donation_list(request):
    return render(request, "care/donation_list.html",
                  {"drives": DonationDrive.objects.filter(union=request.ctx.union)})


@require("care.manage")
def donation_new(request):
    form = DonationDriveForm(request.POST or None, initial={"opened_on": timezone.localdate()})
    return form_page(request, form, lambda d: svc.donation_drive_create(actor=request.user,
                                                                        union=request.ctx.union, **d),
                     to=lambda drive: reverse("care:donation_detail", args=[drive.pk]),
                     template="care/simple_form.html", context={"title": _("新建捐资捐物")})


@require("care.view")
def donation_detail(request, pk: int):
    drive = get_in_union_or_404(DonationDrive, request.ctx.union, pk=pk)
    today = timezone.localdate()
    return render(request, "care/donation_detail.html", {
        "drive": drive, "donations": drive.donations.select_related("worker", "worker__group"),
        "totals": queries.donation_totals(drive), "today": today,
        "form": DonationForm(union=request.ctx.union, initial={"received_on": today}),
        "handover_form": HandoverForm(initial={"on": today})})


@require_POST
@require("care.manage")
def donation_record(request, pk: int):
    drive = get_in_union_or_404(DonationDrive, request.ctx.union, pk=pk)
    return form_action(request, DonationForm(request.POST, union=request.ctx.union), lambda d: svc.donation_record(
        actor=request.user, drive=drive, worker=d["worker"], kind=d["kind"], pledged=d["pledged"],
        received=d["received"] or 0, goods=d["goods"], received_on=d["received_on"]),
        ok=_("已登记"), to=reverse("care:donation_detail", args=[drive.pk]))


@require_POST
@require("care.manage")
def donation_receive(request, pk: int):
    donation = get_in_union_or_404(Donation, request.ctx.union, pk=pk)
    return form_action(request, ReceiveForm(request.POST), lambda d: svc.donation_receive(
        actor=request.user, donation=donation, received=d["received"], on=d["on"]),
        ok=_("已登记收款"), to=reverse("care:donation_detail", args=[donation.drive_id]))


@require_POST
@require("care.manage")
def donation_handover(request, pk: int):
    drive = get_in_union_or_404(DonationDrive, request.ctx.union, pk=pk)
    return form_action(request, HandoverForm(request.POST), lambda d: svc.donation_drive_hand_over(
        actor=request.user, drive=drive, on=d["on"], note=d["note"]),
        ok=_("已移交接收单位"), to=reverse("care:donation_detail", args=[drive.pk]))


@require("care.view")
def blood_list(request):
    return render(request, "care/blood_list.html", {"drives": BloodDrive.objects.filter(union=request.ctx.union)})


@require("care.manage")
def blood_new(request):
    form = BloodDriveForm(request.POST or None, initial={"held_on": timezone.localdate()})
    return form_page(request, form, lambda d: svc.blood_drive_create(actor=request.user,
                                                                     union=request.ctx.union, **d),
                     to=lambda drive: reverse("care:blood_detail", args=[drive.pk]),
                     template="care/simple_form.html", context={"title": _("新建义务献血")})


@require("care.view")
def blood_detail(request, pk: int):
    drive = get_in_union_or_404(BloodDrive, request.ctx.union, pk=pk)
    return render(request, "care/blood_detail.html", {
        "drive": drive, "volunteers": drive.volunteers.select_related("worker", "worker__unit"),
        "totals": queries.blood_totals(drive), "form": VolunteerForm(union=request.ctx.union),
        "outcome_form": OutcomeForm()})


@require_POST
@require("care.manage")
def blood_volunteer(request, pk: int):
    drive = get_in_union_or_404(BloodDrive, request.ctx.union, pk=pk)
    return form_action(request, VolunteerForm(request.POST, union=request.ctx.union), lambda d: svc.blood_volunteer_add(
        actor=request.user, drive=drive, worker=d["worker"]), ok=_("已报名"),
        to=reverse("care:blood_detail", args=[drive.pk]))


@require_POST
@require("care.manage")
def blood_outcome(request, pk: int):
    volunteer = get_in_union_or_404(BloodVolunteer, request.ctx.union, pk=pk)
    return form_action(request, OutcomeForm(request.POST), lambda d: svc.blood_outcome_record(
        actor=request.user, volunteer=volunteer, outcome=d["outcome"], volume_ml=d["volume_ml"]),
        ok=_("已登记结果"), to=reverse("care:blood_detail", args=[volunteer.drive_id]))

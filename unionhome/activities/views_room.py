"""Pages of the activity room: equipment and loans, the overdue list, the booking calendar."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.activities import queries_room
from unionhome.activities.forms import AssetForm, BookingForm, LoanForm, ReturnForm
from unionhome.activities.models import Asset, Booking, Loan
from unionhome.activities.services_room import asset_create, booking_cancel, booking_create, loan_create, loan_return
from unionhome.core.errors import DomainError
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404


@require("room.view")
def room(request):
    union = request.ctx.union
    category = request.GET.get("category", "")
    if category not in Asset.Category.values:
        category = ""
    manage = request.ctx.has("room.manage")
    return render(request, "activities/room.html", {
        "assets": queries_room.asset_list(union, category=category, q=request.GET.get("q", "")[:50]),
        "categories": Asset.Category.choices, "category": category,
        "open_loans": queries_room.loan_open(union) if manage else [],
        "overdue": queries_room.loan_overdue(union) if manage else [],
        "my_loans": queries_room.loans_of(union, request.ctx.worker_id or 0).filter(returned_on__isnull=True),
        "asset_form": AssetForm(initial={"lendable": True}), "loan_form": LoanForm(union=union),
        "return_form": ReturnForm(), "today": timezone.localdate()})


@require_POST
@require("room.manage")
def asset_new(request):
    form = AssetForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["price"] = data.get("price") or 0
        try:
            asset = asset_create(actor=request.user, union=request.ctx.union, **data)
            messages.success(request, _("已登记 %(asset)s") % {"asset": asset})
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("请填写名称、编号和类别"))
    return redirect("activities:room")


@require_POST
@require("room.manage")
def loan_new(request):
    form = LoanForm(request.POST, union=request.ctx.union)
    if form.is_valid():
        try:
            loan = loan_create(actor=request.user, asset=form.cleaned_data["asset"], worker=form.cleaned_data["worker"],
                               due_on=form.cleaned_data["due_on"])
            messages.success(request, _("%(name)s 已借给 %(name2)s，%(due_on)s前归还") % {"name": loan.asset.name, "name2": loan.worker.name, "due_on": format(loan.due_on, _('%m月%d日'))})
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("请选择物品和借用人"))
    return redirect("activities:room")


@require_POST
@require("room.manage")
def loan_back(request, pk: int):
    loan = get_in_union_or_404(Loan.objects.select_related("asset"), request.ctx.union, pk=pk)
    form = ReturnForm(request.POST)
    condition = form.cleaned_data["condition"] if form.is_valid() else ""
    try:
        loan_return(actor=request.user, loan=loan, condition=condition)
        messages.success(request, _("%(name)s 已归还") % {"name": loan.asset.name})
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("activities:room")


def _week_start(request) -> dt.date:
    try:
        day = dt.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        day = timezone.localdate()
    return day - dt.timedelta(days=day.weekday())


@require("room.view")
def calendar(request):
    start = _week_start(request)
    form = BookingForm(request.POST or None, union=request.ctx.union)
    if request.method == "POST":
        if not request.ctx.has("room.manage"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if form.is_valid():
            try:
                booking_create(actor=request.user, **form.cleaned_data)
                messages.success(request, _("预约成功"))
                return redirect(f"{request.path}?start={timezone.localtime(form.cleaned_data['starts_at']).date()}")
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render(request, "activities/calendar.html", {
        "days": queries_room.booking_week(request.ctx.union, start), "start": start, "form": form,
        "prev": start - dt.timedelta(days=7), "next": start + dt.timedelta(days=7)})


@require_POST
@require("room.manage")
def booking_drop(request, pk: int):
    booking = get_in_union_or_404(Booking.objects.all(), request.ctx.union, pk=pk)
    try:
        booking_cancel(actor=request.user, booking=booking)
        messages.success(request, _("预约已取消"))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse('activities:calendar')}?start={timezone.localtime(booking.starts_at).date()}")

"""Pages of the activity room: equipment and loans, the overdue list, the booking calendar."""
from __future__ import annotations

import datetime as dt

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.activities import queries_room
from unionhome.activities.forms import AssetForm, BookingForm, LoanForm, ReturnForm, RoomForm
from unionhome.activities.models import Asset, Booking, Loan, Room
from unionhome.activities.services_room import (
    asset_create,
    booking_cancel,
    booking_create,
    loan_create,
    loan_return,
    room_create,
    room_set_closed,
    room_update,
)
from unionhome.core.permissions import require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import button_action, form_action, form_page


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
        "return_form": ReturnForm(), "today": timezone.localdate(),
        "rooms": queries_room.room_list(union), "room_form": RoomForm()})


@require_POST
@require("room.manage")
def room_new(request):
    return form_action(request, RoomForm(request.POST), lambda d: room_create(
        actor=request.user, union=request.ctx.union, **d),
        ok=lambda room: _("已新增 %(name)s，现在可以预约了") % {"name": room.name}, to="activities:room")


@require("room.manage")
def room_edit(request, pk: int):
    room = get_in_union_or_404(Room, request.ctx.union, pk=pk)
    form = RoomForm(request.POST or None, initial={k: getattr(room, k) for k in ("name", "location", "capacity",
                                                                                 "hours")})
    return form_page(request, form, lambda d: room_update(actor=request.user, room=room, **d),
                     ok=_("已保存"), to="activities:room", template="activities/room_form.html",
                     context={"room": room})


@require_POST
@require("room.manage")
def room_close(request, pk: int):
    room = get_in_union_or_404(Room, request.ctx.union, pk=pk)
    return button_action(request, lambda: room_set_closed(actor=request.user, room=room, closed=True),
                         ok=_("%(name)s 已停用，不再接受新预约") % {"name": room.name}, to="activities:room")


@require_POST
@require("room.manage")
def room_reopen(request, pk: int):
    room = get_in_union_or_404(Room, request.ctx.union, pk=pk)
    return button_action(request, lambda: room_set_closed(actor=request.user, room=room, closed=False),
                         ok=_("%(name)s 已重新启用") % {"name": room.name}, to="activities:room")


@require_POST
@require("room.manage")
def asset_new(request):
    return form_action(request, AssetForm(request.POST), lambda d: asset_create(
        actor=request.user, union=request.ctx.union, **{**d, "price": d.get("price") or 0}),
        ok=lambda asset: _("已登记 %(asset)s") % {"asset": asset}, invalid=_("请填写名称、编号和类别"), to="activities:room")


@require_POST
@require("room.manage")
def loan_new(request):
    return form_action(request, LoanForm(request.POST, union=request.ctx.union), lambda d: loan_create(
        actor=request.user, asset=d["asset"], worker=d["worker"], due_on=d["due_on"]),
        ok=lambda loan: _("%(name)s 已借给 %(name2)s，%(due_on)s前归还") % {
            "name": loan.asset.name, "name2": loan.worker.name, "due_on": format(loan.due_on, _("%m月%d日"))},
        invalid=_("请选择物品和借用人"), to="activities:room")


@require_POST
@require("room.manage")
def loan_back(request, pk: int):
    loan = get_in_union_or_404(Loan.objects.select_related("asset"), request.ctx.union, pk=pk)
    form = ReturnForm(request.POST)
    condition = form.cleaned_data["condition"] if form.is_valid() else ""
    return button_action(request, lambda: loan_return(actor=request.user, loan=loan, condition=condition),
                         ok=_("%(name)s 已归还") % {"name": loan.asset.name}, to="activities:room")


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
    if request.method == "POST" and not request.ctx.has("room.manage"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return form_page(request, form, lambda d: booking_create(actor=request.user, **d), ok=_("预约成功"),
                     to=lambda _b: f"{request.path}?start={timezone.localtime(form.cleaned_data['starts_at']).date()}",
                     template="activities/calendar.html", context=lambda: {
                         "days": queries_room.booking_week(request.ctx.union, start), "start": start,
                         "prev": start - dt.timedelta(days=7), "next": start + dt.timedelta(days=7)})


@require_POST
@require("room.manage")
def booking_drop(request, pk: int):
    booking = get_in_union_or_404(Booking.objects.all(), request.ctx.union, pk=pk)
    return button_action(request, lambda: booking_cancel(actor=request.user, booking=booking), ok=_("预约已取消"),
                         to=f"{reverse('activities:calendar')}?start={timezone.localtime(booking.starts_at).date()}")

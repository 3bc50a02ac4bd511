"""Writes for the activity room (活动室): equipment, loans to members, room bookings."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.activities.models import Asset, Booking, Loan, Room
from unionhome.core.audit import audit_log, changed, snapshot
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rules import rule_value
from unionhome.funds.services import entry_post_for

ASSET_FIELDS = ("name", "code", "category", "condition", "location", "lendable", "supplier")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _validate_asset(asset: Asset) -> None:
    if not asset.name.strip():
        raise RuleViolation("name_required", _("请填写名称"), field="name")
    if not asset.code.strip():
        raise RuleViolation("code_required", _("请填写编号"), field="code")
    if asset.category not in Asset.Category.values:
        raise RuleViolation("category_invalid", _("类别不正确"), field="category")
    if asset.condition not in Asset.Condition.values:
        raise RuleViolation("condition_invalid", _("状况不正确"), field="condition")
    if asset.price is None or asset.price < 0:
        raise RuleViolation("price_negative", _("购置价不能为负数"), field="price")


@transaction.atomic
def asset_create(*, actor, union, name: str, code: str, category: str, price: Decimal = Decimal("0"),
                 purchased_on: dt.date | None = None, supplier: str = "", condition: str = Asset.Condition.GOOD,
                 location: str = "", lendable: bool = True, post_purchase: bool = True) -> Asset:
    """Register equipment; a purchase with a price is posted to the ledger (资本性支出)."""
    asset = Asset(union=union, name=(name or "").strip(), code=(code or "").strip(), category=category,
                  price=Decimal(price or 0), purchased_on=purchased_on, supplier=supplier, condition=condition,
                  location=location, lendable=lendable)
    _validate_asset(asset)
    if asset.price > 0 and purchased_on is None:
        raise RuleViolation("purchase_date_required", _("有购置价时请填写购置日期"), field="purchased_on")
    if Asset.objects.filter(union=union, code=asset.code).exists():
        raise Conflict("code_duplicate", _("编号 %(code)s 已存在") % {"code": asset.code}, field="code")
    try:
        with transaction.atomic():
            asset.save()
    except IntegrityError:
        raise Conflict("code_duplicate", _("编号 %(code)s 已存在") % {"code": asset.code}, field="code")
    if post_purchase and asset.price > 0:
        # booked under the key "activities.asset_purchase" (资本性支出, rule figure funds.source_categories)
        entry_post_for(actor=actor, source=asset, category_key="activities.asset_purchase", amount=asset.price,
                       on=purchased_on, counterparty=supplier, note=_("购置%(name)s（%(code)s）") % {"name": asset.name, "code": asset.code})
    audit_log(actor=actor, action="room.asset.created", target=asset, after=snapshot(asset))
    return asset


@transaction.atomic
def asset_update(*, actor, asset: Asset, **changes) -> Asset:
    unknown = set(changes) - set(ASSET_FIELDS)
    if unknown:
        raise RuleViolation("field_not_editable", _("不能修改字段：%(join)s") % {"join": ', '.join(sorted(unknown))})
    asset = Asset.objects.select_for_update().get(pk=asset.pk)
    before = snapshot(asset)
    for key, value in changes.items():
        setattr(asset, key, value.strip() if isinstance(value, str) else value)
    _validate_asset(asset)
    if Asset.objects.filter(union=asset.union, code=asset.code).exclude(pk=asset.pk).exists():
        raise Conflict("code_duplicate", _("编号 %(code)s 已存在") % {"code": asset.code}, field="code")
    asset.save()
    b, a = changed(before, snapshot(asset))
    audit_log(actor=actor, action="room.asset.updated", target=asset, before=b, after=a)
    return asset


def _locked_asset(asset: Asset) -> Asset:
    """The item's row is the lock of its loans: one open loan per item, decided one after the other."""
    return Asset.objects.select_for_update().get(pk=asset.pk)


@transaction.atomic
def loan_create(*, actor, asset: Asset, worker, lent_on: dt.date | None = None, due_on: dt.date | None = None) -> Loan:
    """Lend an item to a member: one open loan per item, a cap per member, a due date (house rule)."""
    asset = _locked_asset(asset)
    lent_on = lent_on or timezone.localdate()
    days = int(rule_value("room.loan_days", union=asset.union, on=lent_on))
    due_on = due_on or lent_on + dt.timedelta(days=days)
    if worker.union_id != asset.union_id:
        raise RuleViolation("worker_other_union", _("只能借给本工会职工"), field="worker")
    if not asset.lendable:
        raise RuleViolation("not_lendable", _("%(name)s 不外借，请在活动室使用") % {"name": asset.name})
    if asset.condition in (Asset.Condition.BROKEN, Asset.Condition.RETIRED):
        raise RuleViolation("not_usable", _("%(name)s %(get_condition_display)s，不能借出") % {"name": asset.name, "get_condition_display": asset.get_condition_display()})
    if due_on < lent_on:
        raise RuleViolation("due_before_lent", _("应还日期不能早于借出日期"), field="due_on")
    if Loan.objects.filter(asset=asset, returned_on__isnull=True).exists():
        raise Conflict("already_lent", _("%(name)s 已借出，尚未归还") % {"name": asset.name})
    most = int(rule_value("room.max_open_loans", union=asset.union, on=lent_on))
    if Loan.objects.filter(worker=worker, returned_on__isnull=True).count() >= most:
        raise RuleViolation("too_many_loans", _("%(name)s 已借 %(most)s 件未还，请先归还") % {"name": worker.name, "most": most})
    loan = Loan.objects.create(union=asset.union, asset=asset, worker=worker, lent_on=lent_on, due_on=due_on,
                               lent_by=_user(actor))
    audit_log(actor=actor, action="room.loan.created", target=loan, after=snapshot(loan))
    return loan


@transaction.atomic
def loan_return(*, actor, loan: Loan, returned_on: dt.date | None = None, condition: str = "") -> Loan:
    loan = Loan.objects.select_for_update().select_related("asset").get(pk=loan.pk)
    if loan.returned_on:
        raise Conflict("already_returned", _("已归还"))
    returned_on = returned_on or timezone.localdate()
    if returned_on < loan.lent_on:
        raise RuleViolation("return_before_lent", _("归还日期不能早于借出日期"), field="returned_on")
    if condition and condition not in Asset.Condition.values:
        raise RuleViolation("condition_invalid", _("状况不正确"), field="condition")
    loan.returned_on = returned_on
    loan.return_condition = condition
    loan.save(update_fields=["returned_on", "return_condition", "updated_at"])
    if condition and condition != loan.asset.condition:
        Asset.objects.filter(pk=loan.asset_id).update(condition=condition)
    audit_log(actor=actor, action="room.loan.returned", target=loan,
              after={"returned_on": returned_on, "condition": condition})
    return loan


ROOM_FIELDS = ("name", "location", "capacity", "hours")


def _room_checked(union, *, name: str, location: str, capacity, hours: str, pk=None) -> dict:
    """A room's fields cleaned and checked: a name, unique in the union; a capacity, when given, of at least 1."""
    name, location, hours = (name or "").strip(), (location or "").strip(), (hours or "").strip()
    if not name:
        raise RuleViolation("name_required", _("请填写名称"), field="name")
    if capacity in ("",):
        capacity = None
    if capacity is not None and int(capacity) < 1:
        raise RuleViolation("capacity_positive", _("容纳人数应至少为 1 人"), field="capacity")
    if Room.objects.filter(union=union, name=name).exclude(pk=pk).exists():
        raise Conflict("room_duplicate", _("同名场地已存在"), field="name")
    return {"name": name, "location": location, "capacity": None if capacity is None else int(capacity),
            "hours": hours}


@transaction.atomic
def room_create(*, actor, union, name: str, location: str = "", capacity: int | None = None,
                hours: str = "") -> Room:
    """A room of the union (the Friday activity room, a meeting room) that bookings can name."""
    fields = _room_checked(union, name=name, location=location, capacity=capacity, hours=hours)
    try:
        with transaction.atomic():
            room = Room.objects.create(union=union, **fields)
    except IntegrityError:  # the same name saved at the same moment
        raise Conflict("room_duplicate", _("同名场地已存在"), field="name")
    audit_log(actor=actor, action="room.room.created", target=room, after=snapshot(room))
    return room


@transaction.atomic
def room_update(*, actor, room: Room, name: str, location: str = "", capacity: int | None = None,
                hours: str = "") -> Room:
    """Rename a room or change its place, capacity or opening hours; its bookings stay."""
    room = Room.objects.select_for_update().get(pk=room.pk)
    fields = _room_checked(room.union, name=name, location=location, capacity=capacity, hours=hours, pk=room.pk)
    before = snapshot(room, ROOM_FIELDS)
    for key, value in fields.items():
        setattr(room, key, value)
    try:
        with transaction.atomic():
            room.save(update_fields=[*ROOM_FIELDS, "updated_at"])
    except IntegrityError:
        raise Conflict("room_duplicate", _("同名场地已存在"), field="name")
    b, a = changed(before, snapshot(room, ROOM_FIELDS))
    audit_log(actor=actor, action="room.room.updated", target=room, before=b, after=a)
    return room


@transaction.atomic
def room_set_closed(*, actor, room: Room, closed: bool) -> Room:
    """Close a room to new bookings (renovation, given back), or reopen it. A room is never deleted: its
    bookings are the union's record; bookings already made stay on the calendar."""
    room = Room.objects.select_for_update().get(pk=room.pk)
    if room.closed == closed:
        raise Conflict("room_already_closed" if closed else "room_already_open",
                       _("该场地已停用") if closed else _("该场地已在使用中"))
    room.closed = closed
    room.save(update_fields=["closed", "updated_at"])
    audit_log(actor=actor, action="room.room.closed" if closed else "room.room.reopened", target=room,
              before={"closed": not closed}, after={"closed": closed})
    return room


def _locked_room(room: Room) -> Room:
    """The room row is the lock of its calendar: two bookings of one slot are decided one after the other."""
    return Room.objects.select_for_update().get(pk=room.pk)


@transaction.atomic
def booking_create(*, actor, room: Room, starts_at: dt.datetime, ends_at: dt.datetime, purpose: str,
                   activity=None) -> Booking:
    """Book a slot; an overlapping live booking is refused (under the room's row lock here,
    and by the exclusion constraint on PostgreSQL)."""
    if not (purpose or "").strip():
        raise RuleViolation("purpose_required", _("请填写用途"), field="purpose")
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise RuleViolation("times_invalid", _("结束时间应晚于开始时间"), field="ends_at")
    hours = int(rule_value("room.booking_max_hours", union=room.union, on=starts_at.date()))
    if ends_at - starts_at > dt.timedelta(hours=hours):
        raise RuleViolation("too_long", _("单次预约不超过 %(hours)s 小时") % {"hours": hours}, field="ends_at")
    if activity is not None and activity.union_id != room.union_id:
        raise RuleViolation("activity_other_union", _("活动不属于本工会"))
    room = _locked_room(room)
    if room.closed:
        raise Conflict("room_closed", _("%(name)s 已停用，不能预约") % {"name": room.name}, field="room")
    clash = Booking.objects.filter(room=room, status=Booking.Status.BOOKED, starts_at__lt=ends_at,
                                   ends_at__gt=starts_at).first()
    if clash:
        local = timezone.localtime(clash.starts_at)
        raise Conflict("booking_overlap", _("与已有预约冲突：%(local)s %(purpose)s") % {"local": format(local, _('%m月%d日 %H:%M')), "purpose": clash.purpose})
    try:
        with transaction.atomic():
            booking = Booking.objects.create(union=room.union, room=room, starts_at=starts_at, ends_at=ends_at,
                                             purpose=purpose.strip(), activity=activity, booked_by=_user(actor))
    except IntegrityError:
        raise Conflict("booking_overlap", _("与已有预约冲突"))
    audit_log(actor=actor, action="room.booking.created", target=booking, after=snapshot(booking))
    return booking


@transaction.atomic
def booking_cancel(*, actor, booking: Booking) -> Booking:
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == Booking.Status.CANCELLED:
        raise Conflict("already_cancelled", _("该预约已取消"))
    booking.status = Booking.Status.CANCELLED
    booking.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="room.booking.cancelled", target=booking)
    return booking

"""Writes for activities and sign-ups.

No oversell, ever (docs/reliability.md §5, pretix's locking note): a sign-up takes the
activity's row lock late — with the conditional UPDATE that also counts the place
(``accepted_count < capacity``) — then inserts. The database backs every rule up:
one live sign-up per member and activity, ``accepted_count <= capacity`` and
``<= places`` of a group quota, an idempotency key used once. Losers get a
``Conflict`` (HTTP 409) with 名额已满 or 已报名, never a 500.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from unionhome.activities.events import tell_invited, tell_signup
from unionhome.activities.models import (
    Activity,
    ActivityCost,
    ActivityPhoto,
    ActivitySeries,
    GroupQuota,
    Invitation,
    Signup,
)
from unionhome.core import uploads
from unionhome.core.audit import audit_log, changed, snapshot
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.money import parse_money
from unionhome.core.rules import rule_value
from unionhome.core.statements import built_once, insert_row, statement_cursor
from unionhome.funds.services import entry_post_for
from unionhome.members.choices import EmploymentStatus, MembershipStatus

ACTIVITY_FIELDS = ("kind", "title", "description", "place", "starts_at", "ends_at", "signup_opens_at",
                   "signup_closes_at", "partner", "recurrence", "capacity", "waitlist", "eligibility", "budget")

FULL = gettext_lazy("名额已满")
ALREADY = gettext_lazy("已报名")


# --- Activities -----------------------------------------------------------------------------------

def _validate_activity(a: Activity) -> None:
    if not (a.title or "").strip():
        raise RuleViolation("title_required", gettext("请填写活动名称"), field="title")
    if a.kind not in Activity.Kind.values:
        raise RuleViolation("kind_invalid", gettext("活动类型不正确"), field="kind")
    if a.eligibility not in Activity.Eligibility.values:
        raise RuleViolation("eligibility_invalid", gettext("参加范围不正确"), field="eligibility")
    if a.starts_at is None or a.ends_at is None or a.ends_at < a.starts_at:
        raise RuleViolation("dates_invalid", gettext("结束时间不能早于开始时间"), field="ends_at")
    if a.signup_opens_at and a.signup_closes_at and a.signup_closes_at < a.signup_opens_at:
        raise RuleViolation("window_invalid", gettext("报名截止不能早于报名开始"), field="signup_closes_at")
    if a.kind == Activity.Kind.JOINT and not a.partner.strip():
        raise RuleViolation("partner_required", gettext("联合活动须写明合作工会"), field="partner")
    if a.kind == Activity.Kind.EXTERNAL and not a.partner.strip():
        raise RuleViolation("host_required", gettext("参加外部活动须写明主办方"), field="partner")
    if a.kind == Activity.Kind.RECURRING and not a.recurrence.strip():
        raise RuleViolation("recurrence_required", gettext("常态化活动须写明周期，如“每周五下午”"), field="recurrence")
    if a.budget is not None and a.budget < 0:
        raise RuleViolation("budget_negative", gettext("预算不能为负数"), field="budget")
    if a.capacity is not None and a.capacity < a.accepted_count:
        raise RuleViolation("capacity_below_accepted", gettext("已有%(accepted_count)s人报名，名额不能少于此数") % {"accepted_count": a.accepted_count}, field="capacity")


def _check_organisers(union, organisers) -> list:
    organisers = list(organisers or [])
    for w in organisers:
        if w.union_id != union.pk:
            raise RuleViolation("organiser_other_union", gettext("组织者须为本工会职工"), field="organisers")
    return organisers


@transaction.atomic
def activity_create(*, actor, union, kind: str, title: str, starts_at: dt.datetime, ends_at: dt.datetime,
                    description: str = "", place: str = "", signup_opens_at=None, signup_closes_at=None,
                    partner: str = "", recurrence: str = "", capacity: int | None = None, waitlist: bool = True,
                    eligibility: str = Activity.Eligibility.EVERYONE, budget: Decimal = Decimal("0"),
                    organisers=(), quotas: dict | None = None) -> Activity:
    """Create an activity; ``quotas`` maps union groups to their places (eligibility "group_quota")."""
    activity = Activity(union=union, kind=kind, title=(title or "").strip(), description=description, place=place,
                        starts_at=starts_at, ends_at=ends_at, signup_opens_at=signup_opens_at,
                        signup_closes_at=signup_closes_at, partner=partner or "", recurrence=recurrence or "",
                        capacity=capacity, waitlist=waitlist, eligibility=eligibility, budget=budget or Decimal("0"))
    _validate_activity(activity)
    organisers = _check_organisers(union, organisers)
    activity.save()
    activity.organisers.set(organisers)
    for group, places in (quotas or {}).items():
        quota_set(actor=actor, activity=activity, group=group, places=places)
    _check_quotas(activity)
    audit_log(actor=actor, action="activities.activity.created", target=activity,
              after={**snapshot(activity), "organisers": [w.pk for w in organisers]})
    return activity


def _check_quotas(activity: Activity) -> None:
    """An activity open "by group quota" needs places for at least one group, or nobody could join it."""
    if (activity.eligibility == Activity.Eligibility.GROUP_QUOTA
            and not GroupQuota.objects.filter(activity=activity, places__gt=0).exists()):
        raise RuleViolation("quota_required", gettext("按小组分配名额的活动，须至少为一个小组填写名额"), field="eligibility")


@transaction.atomic
def activity_update(*, actor, activity: Activity, organisers=None, quotas: dict | None = None,
                    **changes) -> Activity:
    """Change an activity; ``quotas`` ({group: places}) sets the places of those groups."""
    unknown = set(changes) - set(ACTIVITY_FIELDS)
    if unknown:
        raise RuleViolation("field_not_editable", gettext("不能修改字段：%(join)s") % {"join": ', '.join(sorted(unknown))})
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    before = snapshot(activity)
    for key, value in changes.items():
        setattr(activity, key, value)
    _validate_activity(activity)
    activity.save()
    if organisers is not None:
        activity.organisers.set(_check_organisers(activity.union, organisers))
    for group, places in (quotas or {}).items():
        quota_set(actor=actor, activity=activity, group=group, places=places)
    _check_quotas(activity)
    b, a = changed(before, snapshot(activity))
    audit_log(actor=actor, action="activities.activity.updated", target=activity, before=b, after=a)
    return activity


@transaction.atomic
def activity_cancel(*, actor, activity: Activity, reason: str = "") -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status == Activity.Status.CANCELLED:
        raise Conflict("activity_cancelled", gettext("活动已取消"))
    activity.status = Activity.Status.CANCELLED
    activity.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="activities.activity.cancelled", target=activity, note=reason)
    return activity


def _occurrence_at(first: dt.datetime, frequency: str, n: int) -> dt.datetime:
    """The start of occurrence ``n`` (0 = the first), on the wall clock of the first one.

    Weekly: the same weekday and time ``n`` weeks on. Monthly: the same day of the month, or the
    month's last day when it is shorter (31 January → 28/29 February → 31 March).
    """
    local = timezone.localtime(first)
    if frequency == ActivitySeries.Frequency.WEEKLY:
        day = local.date() + dt.timedelta(weeks=n)
    else:
        month0 = local.month - 1 + n
        year, month = local.year + month0 // 12, month0 % 12 + 1
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        day = dt.date(year, month, min(local.day, last))
    return dt.datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=local.tzinfo)


@transaction.atomic
def series_create(*, actor, union, frequency: str, occurrences: int, starts_at: dt.datetime, ends_at: dt.datetime,
                  signup_opens_at=None, signup_closes_at=None, recurrence: str = "", **fields) -> ActivitySeries:
    """A weekly or monthly series created once: ``occurrences`` ordinary activities, each with its own
    sign-ups, check-in and attendance; times and the sign-up window move with each occurrence.
    The most occurrences at once is the rule ``activities.series_max_occurrences``."""
    if frequency not in ActivitySeries.Frequency.values:
        raise RuleViolation("frequency_invalid", gettext("请选择每周或每月重复"), field="repeat")
    most = int(rule_value("activities.series_max_occurrences", union=union))
    if occurrences is None or not 2 <= int(occurrences) <= most:
        raise RuleViolation("occurrences_invalid", gettext("重复次数应在 2 到 %(most)s 之间") % {"most": most}, field="occurrences")
    if starts_at is None or ends_at is None or ends_at < starts_at:
        raise RuleViolation("dates_invalid", gettext("结束时间不能早于开始时间"), field="ends_at")
    label = ActivitySeries.Frequency(frequency).label
    d = timezone.localtime(starts_at)
    recurrence = (recurrence or "").strip() or gettext("%(label)s（%(year)s年%(month)s月%(day)s日起，共%(int)s次）") % {"label": label, "year": d.year, "month": d.month, "day": d.day, "int": int(occurrences)}
    series = ActivitySeries.objects.create(union=union, title=(fields.get("title") or "").strip(),
                                           frequency=frequency, first_starts_at=starts_at,
                                           occurrences=int(occurrences))
    for n in range(int(occurrences)):
        start = _occurrence_at(starts_at, frequency, n)
        shift = start - starts_at
        activity = activity_create(actor=actor, union=union, starts_at=start, ends_at=ends_at + shift,
                                   signup_opens_at=signup_opens_at + shift if signup_opens_at else None,
                                   signup_closes_at=signup_closes_at + shift if signup_closes_at else None,
                                   recurrence=recurrence, **fields)
        Activity.objects.filter(pk=activity.pk).update(series=series, occurrence=n + 1)
    audit_log(actor=actor, action="activities.series.created", target=series,
              after={"frequency": frequency, "occurrences": int(occurrences), "first": starts_at.isoformat()})
    return series


@transaction.atomic
def quota_set(*, actor, activity: Activity, group, places: int) -> GroupQuota:
    if group.union_id != activity.union_id:
        raise RuleViolation("group_other_union", gettext("小组不属于本工会"), field="group")
    if places is None or int(places) < 0:
        raise RuleViolation("places_invalid", gettext("名额应为非负整数"), field="places")
    quota, _ = GroupQuota.objects.select_for_update().get_or_create(
        union=activity.union, activity=activity, group=group, defaults={"places": int(places)})
    if quota.accepted_count > int(places):
        raise RuleViolation("places_below_accepted", gettext("%(group)s已有%(accepted_count)s人报名，名额不能少于此数") % {"group": group, "accepted_count": quota.accepted_count})
    before = quota.places
    quota.places = int(places)
    quota.save(update_fields=["places", "updated_at"])
    audit_log(actor=actor, action="activities.quota.set", target=activity, target_label=f"{activity} · {group}",
              before={"places": before}, after={"group": group.pk, "places": quota.places})
    return quota


# --- Eligibility --------------------------------------------------------------------------------

def eligibility_problem(activity: Activity, worker) -> str | None:
    """Why ``worker`` may not take part (a Chinese sentence), or None. Read by pages too."""
    membership = getattr(worker, "membership", None)
    if worker.union_id != activity.union_id:
        return gettext("不是本工会会员")
    if membership is None or membership.status not in (MembershipStatus.ACTIVE, MembershipStatus.RETAINED):
        return gettext("只有本工会会员可以报名")
    rule = activity.eligibility
    if rule == Activity.Eligibility.WOMEN and worker.gender != "F":
        return gettext("本活动仅限女会员参加")
    if rule == Activity.Eligibility.RETIREES and worker.employment_status != EmploymentStatus.RETIRED:
        return gettext("本活动仅限退休会员参加")
    if rule == Activity.Eligibility.REPRESENTATIVES and not Invitation.objects.filter(
            activity=activity, worker=worker).exclude(status=Invitation.Status.DECLINED).exists():
        return gettext("本活动由工会邀请代表参加，不接受个人报名")
    if rule == Activity.Eligibility.GROUP_QUOTA and not (
            worker.group_id and GroupQuota.objects.filter(activity=activity, group_id=worker.group_id).exists()):
        return gettext("您所在的小组没有本活动名额")
    return None


def _check_can_sign_up(activity: Activity, worker, *, window: bool, now) -> None:
    if activity.status == Activity.Status.CANCELLED:
        raise Conflict("activity_cancelled", gettext("活动已取消"))
    if window:
        if activity.signup_opens_at and now < activity.signup_opens_at:
            raise RuleViolation("signup_not_open", gettext("报名尚未开始"))
        if activity.signup_closes_at and now > activity.signup_closes_at:
            raise RuleViolation("signup_closed", gettext("报名已截止"))
        if now > activity.ends_at:
            raise RuleViolation("activity_over", gettext("活动已结束"))
    problem = eligibility_problem(activity, worker)
    if problem:
        raise RuleViolation("not_eligible", problem)


# --- Sign-ups -------------------------------------------------------------------------------------

def _take_place(activity: Activity, group_id: int | None, *, for_signup: bool = False) -> bool:
    """Count one accepted place under the activity's row lock; False when full (capacity or quota).

    The conditional UPDATE decides on the row itself — status, capacity and the counter as they are
    now, not as the caller's copy says — and locks it when it matches; when it does not, lock the row
    explicitly so a waitlist entry and a concurrent cancellation cannot miss each other. For a new
    sign-up (``for_signup``) a cancelled activity raises 活动已取消 (the caller's copy may predate it).
    """
    open_now = Activity.objects.filter(pk=activity.pk, status=Activity.Status.OPEN)
    has_room = Q(capacity__isnull=True) | Q(accepted_count__lt=F("capacity"))
    if activity.eligibility == Activity.Eligibility.GROUP_QUOTA:
        locked = Activity.objects.select_for_update().get(pk=activity.pk)  # lock order: activity, then quota
        if for_signup and locked.status == Activity.Status.CANCELLED:
            raise Conflict("activity_cancelled", gettext("活动已取消"))
        if locked.capacity is not None and locked.accepted_count >= locked.capacity:
            return False
        if not GroupQuota.objects.filter(activity=activity, group_id=group_id,
                                         accepted_count__lt=F("places")).update(accepted_count=F("accepted_count") + 1):
            return False
        Activity.objects.filter(pk=activity.pk).update(accepted_count=F("accepted_count") + 1)
        return True
    qs = open_now if for_signup else Activity.objects.filter(pk=activity.pk)
    if qs.filter(has_room).update(accepted_count=F("accepted_count") + 1):
        return True
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if for_signup and locked.status == Activity.Status.CANCELLED:
        raise Conflict("activity_cancelled", gettext("活动已取消"))
    if locked.capacity is None or locked.accepted_count < locked.capacity:
        Activity.objects.filter(pk=activity.pk).update(accepted_count=F("accepted_count") + 1)
        return True
    return False


def _release_place(signup: Signup) -> None:
    Activity.objects.filter(pk=signup.activity_id).update(accepted_count=F("accepted_count") - 1)
    if signup.activity.eligibility == Activity.Eligibility.GROUP_QUOTA and signup.group_id:
        GroupQuota.objects.filter(activity_id=signup.activity_id, group_id=signup.group_id).update(
            accepted_count=F("accepted_count") - 1)


def _existing_for_key(activity, worker, key):
    existing = Signup.objects.filter(union=activity.union, idempotency_key=key).first()
    if existing is None:
        return None
    if existing.activity_id != activity.pk or existing.worker_id != worker.pk:
        raise RuleViolation("idempotency_key_reused", gettext("该提交凭据已用于其他报名，请刷新页面后重试"))
    return existing


def _already_signed_up(activity: Activity, worker) -> bool:
    return Signup.objects.filter(activity=activity, worker=worker).exclude(status=Signup.Status.CANCELLED).exists()


class _PlaceLost(Exception):
    """The optimistic sign-up found no place at its last statement: roll it back and decide again with the row
    locked first (waitlist, 活动已取消, 名额已满)."""


def _signup(*, actor, activity: Activity, worker, key: str | None, source: str, window: bool,
            optimistic: bool = False) -> Signup:
    """The hot path of a sign-up burst: four statements for a winner (INSERT, audit, message, UPDATE).

    ``activity`` is the row the caller fetched in this request. What a burst changes (status, the
    counter, the capacity) is decided by the conditional UPDATE on the row itself; a second live
    sign-up is refused by the database (``signup_one_live_per_worker``: the INSERT fails, the whole
    transaction and the counted place with it are rolled back, and ``_signup_atomic`` answers 已报名).

    ``optimistic`` (an activity with places left by the caller's read, no group quotas): the sign-up, its audit
    row and its message are written first and the place is counted last, so the activity's row — the one row
    every sign-up of a burst updates — stays locked only for that UPDATE and the COMMIT, not for the whole
    transaction. When the UPDATE finds no place, ``_PlaceLost`` rolls it all back (message included) and
    ``_signup_atomic`` decides again on the locked row.
    """
    if key:
        existing = _existing_for_key(activity, worker, key)
        if existing is not None:
            return existing
    _check_can_sign_up(activity, worker, window=window, now=timezone.now())
    quota = activity.eligibility == Activity.Eligibility.GROUP_QUOTA
    full_early = activity.places_left == 0 and not quota  # a committed read; the UPDATE decides
    if optimistic and not quota and not full_early:
        signup = _signup_write(actor=actor, activity=activity, worker=worker, key=key, source=source, taken=True)
        if not _take_place_last(activity):
            raise _PlaceLost
        return signup
    taken = False
    if not (full_early and not activity.waitlist):
        taken = _take_place(activity, worker.group_id, for_signup=True)
    if not taken and not activity.waitlist:
        if _already_signed_up(activity, worker):  # only losers pay for this read: 已报名 outranks 名额已满
            raise Conflict("already_signed_up", ALREADY)
        raise Conflict("full", FULL)
    return _signup_write(actor=actor, activity=activity, worker=worker, key=key, source=source, taken=taken)


def _take_place_last(activity: Activity) -> bool:
    """The optimistic sign-up's last statement: count a place if the activity is open and has one — the
    conditional UPDATE, its SQL built once per process (the burst's hot statement)."""
    with statement_cursor() as cursor:
        cursor.execute(built_once(("take_place_last", connection.alias), _take_place_sql),
                       [activity.pk, Activity.Status.OPEN.value])
        return cursor.rowcount == 1


def _take_place_sql() -> str:
    q, meta = connection.ops.quote_name, Activity._meta
    table, count, capacity = q(meta.db_table), q(meta.get_field("accepted_count").column), q(meta.get_field("capacity").column)
    return (f"UPDATE {table} SET {count} = {count} + 1 WHERE {q(meta.pk.column)} = %s"
            f" AND {q(meta.get_field('status').column)} = %s AND ({capacity} IS NULL OR {count} < {capacity})")


def _signup_write(*, actor, activity: Activity, worker, key: str | None, source: str, taken: bool) -> Signup:
    status = Signup.Status.ACCEPTED if taken else Signup.Status.WAITLISTED
    # One INSERT … RETURNING built once per process (``core.statements.insert_row``; nothing listens to Signup's
    # signals): the row ``Signup.objects.create`` wrote, without building it through the ORM on the burst path.
    signup = insert_row(Signup, {"union_id": activity.union_id, "activity_id": activity.pk, "worker_id": worker.pk,
                                 "group_id": worker.group_id, "status": status, "source": source,
                                 "idempotency_key": key}, union=activity.union, activity=activity, worker=worker)
    audit_log(actor=actor, action="activities.signup.created", union=activity.union, target=signup,
              after={"activity": activity.pk, "worker": worker.pk, "status": status, "source": source})
    tell_signup(signup, f"activities.signup_{'confirmed' if taken else 'waitlisted'}", activity)
    return signup


def _signup_atomic(*, actor, activity: Activity, worker, idempotency_key, source: str, window: bool) -> Signup:
    """One transaction (or savepoint); a lost race on a unique constraint rolls all of it back,
    the counted place too, and then answers 已报名 — or the first sign-up for a resubmitted key.
    An optimistic attempt that lost the last place is rolled back and decided again (``_signup``)."""
    key = (idempotency_key or "").strip()[:64] or None
    try:
        try:
            with transaction.atomic():
                return _signup(actor=actor, activity=activity, worker=worker, key=key, source=source, window=window,
                               optimistic=True)
        except _PlaceLost:
            with transaction.atomic():
                return _signup(actor=actor, activity=activity, worker=worker, key=key, source=source, window=window)
    except IntegrityError:
        if key:
            existing = _existing_for_key(activity, worker, key)
            if existing is not None:
                return existing
        raise Conflict("already_signed_up", ALREADY)


def signup_create(*, actor, activity: Activity, worker, idempotency_key: str | None = None) -> Signup:
    """A member signs up (or is put on the waitlist) within the sign-up window.

    Raises ``Conflict("full", 名额已满)`` when there is no place and no waitlist,
    ``Conflict("already_signed_up", 已报名)`` for a second live sign-up. A resubmit with the
    same idempotency key returns the first sign-up. Atomic: see ``_signup_atomic``.
    """
    return _signup_atomic(actor=actor, activity=activity, worker=worker, idempotency_key=idempotency_key,
                          source=Signup.Source.SELF, window=True)


def signup_add(*, actor, activity: Activity, worker) -> Signup:
    """An officer adds someone: the window does not apply, capacity and eligibility do."""
    return _signup_atomic(actor=actor, activity=activity, worker=worker, idempotency_key=None,
                          source=Signup.Source.OFFICER, window=False)


def _promote_next(*, actor, activity: Activity) -> Signup | None:
    """Move the first waitlisted person who fits (capacity, their group's quota) up."""
    for candidate in Signup.objects.select_for_update().filter(
            activity=activity, status=Signup.Status.WAITLISTED).order_by("created_at", "id"):
        if _take_place(activity, candidate.group_id):
            Signup.objects.filter(pk=candidate.pk).update(status=Signup.Status.ACCEPTED, promoted_at=timezone.now())
            candidate.refresh_from_db()
            audit_log(actor=actor, action="activities.signup.promoted", target=candidate,
                      before={"status": Signup.Status.WAITLISTED}, after={"status": Signup.Status.ACCEPTED})
            tell_signup(candidate, "activities.signup_promoted", activity)
            return candidate
        if activity.eligibility != Activity.Eligibility.GROUP_QUOTA:
            return None  # the activity itself is full: nobody further down fits either
    return None


@transaction.atomic
def signup_cancel(*, actor, signup: Signup, note: str = "") -> Signup:
    """Cancel a sign-up (member or officer); a freed place goes to the first on the waitlist."""
    activity = Activity.objects.select_for_update().get(pk=signup.activity_id)
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    if signup.status == Signup.Status.CANCELLED:
        raise Conflict("already_cancelled", gettext("该报名已取消"))
    if signup.checked_in_at:
        raise Conflict("already_checked_in", gettext("已签到，不能取消报名"))
    was = signup.status
    signup.status = Signup.Status.CANCELLED
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["status", "cancelled_at", "updated_at"])
    if was == Signup.Status.ACCEPTED:
        _release_place(signup)
    audit_log(actor=actor, action="activities.signup.cancelled", target=signup, before={"status": was},
              after={"status": signup.status}, note=note)
    tell_signup(signup, "activities.signup_cancelled", activity)
    if was == Signup.Status.ACCEPTED:
        activity.refresh_from_db()
        _promote_next(actor=actor, activity=activity)
    signup.refresh_from_db()
    return signup


def _check_checkin_time(activity: Activity, at: dt.datetime, now: dt.datetime) -> None:
    """A check-in is recorded at its real time: never in the future, and only on the session's day
    (from the local date it starts to the local date it ends, for a trip of several days)."""
    if activity.status == Activity.Status.CANCELLED:
        raise Conflict("activity_cancelled", gettext("活动已取消"))
    if at > now:
        raise RuleViolation("checkin_in_future", gettext("签到时间不能晚于现在"), field="at")
    day = timezone.localtime(at).date()
    first, last = timezone.localtime(activity.starts_at).date(), timezone.localtime(activity.ends_at).date()
    if not first <= day <= last:
        when = f"{first:%Y-%m-%d}" if first == last else gettext("%(first)s 至 %(last)s") % {"first": format(first, '%Y-%m-%d'), "last": format(last, '%Y-%m-%d')}
        raise RuleViolation("checkin_not_on_day", gettext("只能在活动当天签到（%(when)s）") % {"when": when}, field="code")


@transaction.atomic
def signup_check_in(*, actor, activity: Activity, signup: Signup | None = None, code: str = "",
                    at: dt.datetime | None = None) -> Signup:
    """Check someone in: from the list (``signup``) or by the code of their QR (``code``).

    ``at`` is when they arrived (default: now), for attendance recorded afterwards on the same day
    or from a paper list; see ``_check_checkin_time`` for the bounds."""
    now = timezone.now()
    at = at or now
    _check_checkin_time(activity, at, now)
    if signup is None:
        code = (code or "").strip().upper()
        if "/" in code:  # a scanned URL: the code is its last part
            code = code.rstrip("/").rsplit("/", 1)[-1]
        signup = Signup.objects.filter(activity=activity, checkin_code=code).first()
        if signup is None:
            raise RuleViolation("code_unknown", gettext("签到码不正确或不属于本活动"), field="code")
    signup = Signup.objects.select_for_update().select_related("worker").get(pk=signup.pk)
    if signup.activity_id != activity.pk:
        raise RuleViolation("code_unknown", gettext("签到码不正确或不属于本活动"), field="code")
    if signup.status != Signup.Status.ACCEPTED:
        raise Conflict("not_accepted", gettext("%(name)s 不在参加名单中（%(get_status_display)s）") % {"name": signup.worker.name, "get_status_display": signup.get_status_display()})
    if signup.checked_in_at:
        raise Conflict("already_checked_in", gettext("%(name)s 已于 %(localtime)s 签到") % {"name": signup.worker.name, "localtime": format(timezone.localtime(signup.checked_in_at), '%H:%M')})
    signup.checked_in_at = at
    signup.checked_in_by = actor if getattr(actor, "is_authenticated", False) else None
    signup.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    audit_log(actor=actor, action="activities.signup.checked_in", target=signup)
    return signup


# --- Invitations (representatives) ------------------------------------------------------------------

@transaction.atomic
def invitation_create(*, actor, activity: Activity, worker) -> Invitation:
    if worker.union_id != activity.union_id:
        raise RuleViolation("worker_other_union", gettext("只能邀请本工会会员"))
    if Invitation.objects.filter(activity=activity, worker=worker).exists():
        raise Conflict("already_invited", gettext("已邀请 %(name)s") % {"name": worker.name})
    invitation = Invitation.objects.create(union=activity.union, activity=activity, worker=worker,
                                           invited_by=actor if getattr(actor, "is_authenticated", False) else None)
    audit_log(actor=actor, action="activities.invitation.created", target=invitation)
    tell_invited(invitation)
    return invitation


@transaction.atomic
def invitation_respond(*, actor, invitation: Invitation, accept: bool) -> Invitation:
    """The representative answers; accepting puts them on the list (capacity still applies)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.INVITED:
        raise Conflict("already_answered", gettext("已回复过该邀请"))
    invitation.status = Invitation.Status.ACCEPTED if accept else Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at", "updated_at"])
    audit_log(actor=actor, action="activities.invitation.answered", target=invitation,
              after={"status": invitation.status})
    if accept:
        _signup_atomic(actor=actor, activity=invitation.activity, worker=invitation.worker, idempotency_key=None,
                       source=Signup.Source.INVITATION, window=False)
    return invitation


# --- Photos and costs -----------------------------------------------------------------------------

@transaction.atomic
def photo_add(*, actor, activity: Activity, upload, caption: str = "") -> ActivityPhoto:
    """Images only (JPEG/PNG/GIF/WebP by their bytes), within the size limit, stored under a generated name."""
    kind = uploads.upload_check(upload, accept=uploads.PHOTO,
                                max_bytes=int(rule_value("activities.photo_max_bytes", union=activity.union)))
    most = int(rule_value("activities.photos_per_activity", union=activity.union))
    if ActivityPhoto.objects.filter(activity=activity).count() >= most:
        raise RuleViolation("too_many_photos", gettext("每项活动最多 %(most)s 张照片") % {"most": most})
    photo = ActivityPhoto(union=activity.union, activity=activity, content_type=kind.content_type, size=upload.size,
                          caption=(caption or "")[:200],
                          uploaded_by=actor if getattr(actor, "is_authenticated", False) else None)
    uploads.upload_store(photo.file, upload, kind)
    photo.save()
    audit_log(actor=actor, action="activities.photo.added", target=photo, target_label=gettext("%(activity)s 照片") % {"activity": activity},
              after={"file": photo.file.name, "size": photo.size, "type": kind.content_type})
    return photo


@transaction.atomic
def photo_delete(*, actor, photo: ActivityPhoto) -> None:
    name = photo.file.name
    storage = photo.file.storage
    audit_log(actor=actor, action="activities.photo.deleted", target=photo, target_label=gettext("%(activity)s 照片") % {"activity": photo.activity},
              before={"file": name})
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))


# A cost's ``subcategory`` is its key under "activities.cost." in the rule figure ``funds.source_categories``,
# which names the chart item (职工活动支出 and its sub-items) it is booked under.
COST_KEYS = "activities.cost."


@transaction.atomic
def cost_record(*, actor, activity: Activity, on: dt.date, amount: Decimal, subcategory: str = "culture_sports",
                counterparty: str = "", note: str = "") -> ActivityCost:
    """An actual cost of the activity, posted to the ledger under 职工活动支出 (default 文体活动费)."""
    amount = parse_money(amount)  # the one money parser: more than two decimals is refused, not rounded
    if amount <= 0:
        raise RuleViolation("amount_not_positive", gettext("金额应大于0"), field="amount")
    cost = ActivityCost.objects.create(union=activity.union, activity=activity, on=on, amount=amount,
                                       subcategory=subcategory, counterparty=counterparty, note=note,
                                       recorded_by=actor if getattr(actor, "is_authenticated", False) else None)
    entry_post_for(actor=actor, source=cost, category_key=COST_KEYS + subcategory, amount=amount, on=on,
                   counterparty=counterparty, note=f"{activity.title}{'：' + note if note else ''}")
    audit_log(actor=actor, action="activities.cost.recorded", target=activity, after=snapshot(cost))
    return cost

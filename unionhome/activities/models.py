"""Activities and their sign-ups; the activity room's equipment, loans and bookings.

Invariants live in the database as well as in the services: one live sign-up per
member and activity, the accepted counter never above the capacity or a group's
quota, one open loan per item, an idempotency key used once.
"""
from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.core import uploads
from unionhome.core.models import UnionOwned


class ActivitySeries(UnionOwned):
    """A weekly or monthly series created once (每周五下午活动室开放). Each occurrence is an ordinary
    ``Activity`` with its own sign-ups, check-in and attendance, cancelled or moved on its own."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("每周")
        MONTHLY = "monthly", _("每月")

    title = models.CharField(_("名称"), max_length=120)
    frequency = models.CharField(_("重复"), max_length=10, choices=Frequency.choices)
    first_starts_at = models.DateTimeField(_("首次开始时间"))
    occurrences = models.PositiveIntegerField(_("次数"))

    class Meta:
        ordering = ["-first_starts_at", "-id"]
        verbose_name = _("系列活动")
        constraints = [
            models.CheckConstraint(condition=Q(frequency__in=["weekly", "monthly"]), name="series_frequency_valid"),
            models.CheckConstraint(condition=Q(occurrences__gte=2), name="series_at_least_two"),
        ]

    def __str__(self) -> str:
        return self.title


class Activity(UnionOwned):
    class Kind(models.TextChoices):
        CULTURE = "culture", _("文化活动")
        SPORT = "sport", _("体育活动")
        TRIP = "trip", _("集体出游")
        VISIT = "visit", _("参观交流")
        JOINT = "joint", _("联合活动")
        RECURRING = "recurring", _("常态化活动")
        EXTERNAL = "external", _("参加外部活动")

    class Eligibility(models.TextChoices):
        EVERYONE = "everyone", _("全体会员")
        WOMEN = "women", _("女会员")
        RETIREES = "retirees", _("退休会员")
        REPRESENTATIVES = "representatives", _("受邀代表")
        GROUP_QUOTA = "group_quota", _("按小组分配名额")

    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        CANCELLED = "cancelled", _("已取消")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("名称"), max_length=120)
    description = models.TextField(_("简介"), blank=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    signup_opens_at = models.DateTimeField(_("报名开始"), null=True, blank=True)
    signup_closes_at = models.DateTimeField(_("报名截止"), null=True, blank=True)
    partner = models.CharField(_("合作单位/主办方"), max_length=120, blank=True,
                               help_text=_("联合活动的合作工会，或外部活动的主办方"))
    recurrence = models.CharField(_("活动周期"), max_length=60, blank=True, help_text=_("如：每周五下午"))
    organisers = models.ManyToManyField("members.Worker", blank=True, related_name="organised_activities",
                                        verbose_name=_("组织者"))
    capacity = models.PositiveIntegerField(_("名额"), null=True, blank=True, help_text=_("空表示不限"))
    accepted_count = models.PositiveIntegerField(default=0, editable=False)
    waitlist = models.BooleanField(_("名额满后候补"), default=True)
    eligibility = models.CharField(_("参加范围"), max_length=20, choices=Eligibility.choices,
                                   default=Eligibility.EVERYONE)
    budget = models.DecimalField(_("预算"), max_digits=12, decimal_places=2, default=0)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.OPEN)
    series = models.ForeignKey(ActivitySeries, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="occurrences_set", verbose_name=_("所属系列"))
    occurrence = models.PositiveIntegerField(_("第几次"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("活动")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__isnull=True) | Q(accepted_count__lte=F("capacity")),
                                   name="activity_accepted_within_capacity"),
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="activity_ends_after_start"),
            models.CheckConstraint(
                condition=Q(kind__in=["culture", "sport", "trip", "visit", "joint", "recurring", "external"]),
                name="activity_kind_valid"),
            models.UniqueConstraint(fields=["series", "occurrence"], condition=Q(series__isnull=False),
                                    name="activity_occurrence_once_in_series"),
            models.CheckConstraint(condition=Q(series__isnull=True) | Q(occurrence__isnull=False),
                                   name="activity_occurrence_numbered"),
        ]
        indexes = [models.Index(fields=["union", "-starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.accepted_count)


class GroupQuota(UnionOwned):
    """Places reserved for one union group (eligibility "group_quota")."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="quotas")
    group = models.ForeignKey("org.UnionGroup", on_delete=models.PROTECT, related_name="+", verbose_name=_("工会小组"))
    places = models.PositiveIntegerField(_("名额"))
    accepted_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("小组名额")
        constraints = [
            models.UniqueConstraint(fields=["activity", "group"], name="quota_one_per_group"),
            models.CheckConstraint(condition=Q(accepted_count__lte=F("places")), name="quota_accepted_within_places"),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.places}"


def new_checkin_code() -> str:
    # No 0/O/1/I: the code is read aloud and typed on phones.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class Signup(UnionOwned):
    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("已报名")
        WAITLISTED = "waitlisted", _("候补")
        CANCELLED = "cancelled", _("已取消")

    class Source(models.TextChoices):
        SELF = "self", _("本人报名")
        OFFICER = "officer", _("工会添加")
        INVITATION = "invitation", _("受邀参加")

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="signups")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="signups")
    group = models.ForeignKey("org.UnionGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("报名时所在小组"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices)
    source = models.CharField(_("来源"), max_length=12, choices=Source.choices, default=Source.SELF)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    checkin_code = models.CharField(_("签到码"), max_length=12, default=new_checkin_code, editable=False)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("报名")
        constraints = [
            models.UniqueConstraint(fields=["activity", "worker"], condition=~Q(status="cancelled"),
                                    name="signup_one_live_per_worker"),
            models.UniqueConstraint(fields=["union", "idempotency_key"], condition=Q(idempotency_key__isnull=False),
                                    name="signup_idempotency_key_once"),
            models.UniqueConstraint(fields=["union", "checkin_code"], name="signup_checkin_code_unique"),
            models.CheckConstraint(condition=Q(status__in=["accepted", "waitlisted", "cancelled"]),
                                   name="signup_status_valid"),
            models.CheckConstraint(condition=Q(checked_in_at__isnull=True) | Q(status="accepted"),
                                   name="signup_checkin_only_accepted"),
        ]
        indexes = [models.Index(fields=["activity", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.worker} · {self.activity}"


class Invitation(UnionOwned):
    """A representative chosen by the union: invited, then accepts or declines."""

    class Status(models.TextChoices):
        INVITED = "invited", _("已邀请")
        ACCEPTED = "accepted", _("已接受")
        DECLINED = "declined", _("已谢绝")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="invitations")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="activity_invitations")
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.INVITED)
    responded_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("活动邀请")
        constraints = [models.UniqueConstraint(fields=["activity", "worker"], name="invitation_once_per_worker")]

    def __str__(self) -> str:
        return f"{self.worker} · {self.activity}"


def photo_path(instance, filename: str) -> str:
    """A generated name: the uploader's file name never reaches the disk (ASVS 5.3.2)."""
    return f"activities/photos/{instance.union_id}/{uploads.generated_name(filename)}"


class ActivityPhoto(UnionOwned):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=photo_path, max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    caption = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("活动照片")


class ActivityCost(UnionOwned):
    """An actual cost of an activity; posted to the funds ledger when the funds app is present."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="costs")
    on = models.DateField(_("日期"))
    amount = models.DecimalField(_("金额"), max_digits=12, decimal_places=2)
    subcategory = models.CharField(_("支出明细"), max_length=60, blank=True)
    counterparty = models.CharField(_("收款方"), max_length=120, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("活动支出")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="activity_cost_positive")]


# --- The activity room (活动室) ------------------------------------------------------------------

class Asset(UnionOwned):
    class Category(models.TextChoices):
        TV = "tv", _("电视机")
        VIDEO = "video", _("影音设备")
        BOOK = "book", _("图书")
        CHESS = "chess", _("棋牌")
        FITNESS = "fitness", _("健身器材")
        SPORT = "sport", _("球类器材")
        OTHER = "other", _("其他")

    class Condition(models.TextChoices):
        GOOD = "good", _("完好")
        WORN = "worn", _("有磨损")
        BROKEN = "broken", _("损坏待修")
        RETIRED = "retired", _("已报废")

    name = models.CharField(_("名称"), max_length=120)
    code = models.CharField(_("编号"), max_length=40)
    category = models.CharField(_("类别"), max_length=12, choices=Category.choices)
    purchased_on = models.DateField(_("购置日期"), null=True, blank=True)
    price = models.DecimalField(_("购置价"), max_digits=12, decimal_places=2, default=0)
    supplier = models.CharField(_("供应商"), max_length=120, blank=True)
    condition = models.CharField(_("状况"), max_length=12, choices=Condition.choices, default=Condition.GOOD)
    location = models.CharField(_("存放位置"), max_length=120, blank=True)
    lendable = models.BooleanField(_("可外借"), default=True)

    class Meta:
        ordering = ["category", "code", "id"]
        verbose_name = _("活动室设备")
        constraints = [models.UniqueConstraint(fields=["union", "code"], name="asset_code_unique_in_union")]

    def __str__(self) -> str:
        return gettext("%(name)s（%(code)s）") % {"name": self.name, "code": self.code}


class Loan(UnionOwned):
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="loans")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="loans")
    lent_on = models.DateField(_("借出日期"))
    due_on = models.DateField(_("应还日期"))
    returned_on = models.DateField(_("归还日期"), null=True, blank=True)
    return_condition = models.CharField(_("归还时状况"), max_length=12, choices=Asset.Condition.choices, blank=True)
    lent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-lent_on", "-id"]
        verbose_name = _("借用记录")
        constraints = [
            models.UniqueConstraint(fields=["asset"], condition=Q(returned_on__isnull=True), name="loan_one_open_per_asset"),
            models.CheckConstraint(condition=Q(due_on__gte=F("lent_on")), name="loan_due_after_lent"),
            models.CheckConstraint(condition=Q(returned_on__isnull=True) | Q(returned_on__gte=F("lent_on")),
                                   name="loan_returned_after_lent"),
        ]

    def __str__(self) -> str:
        return f"{self.asset} → {self.worker}"


class Room(UnionOwned):
    name = models.CharField(_("名称"), max_length=80)
    location = models.CharField(_("位置"), max_length=120, blank=True)
    capacity = models.PositiveSmallIntegerField(_("容纳人数"), null=True, blank=True)
    hours = models.CharField(_("开放时间"), max_length=120, blank=True)
    closed = models.BooleanField(_("已停用"), default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("活动场地")
        constraints = [models.UniqueConstraint(fields=["union", "name"], name="room_name_unique_in_union")]

    def __str__(self) -> str:
        return self.name


class Booking(UnionOwned):
    """A slot on a room's calendar. Overlaps are refused by the service under a row lock on the
    room and, on PostgreSQL, by an exclusion constraint (migration 0002)."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("已预约")
        CANCELLED = "cancelled", _("已取消")

    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="bookings")
    starts_at = models.DateTimeField(_("开始"))
    ends_at = models.DateTimeField(_("结束"))
    purpose = models.CharField(_("用途"), max_length=120)
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.BOOKED)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("场地预约")
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="booking_ends_after_start")]
        indexes = [models.Index(fields=["room", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.room} {self.starts_at:%Y-%m-%d %H:%M}"

"""Workers (职工, everyone on the staff roster) and their union membership (会员)."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhome.core.crypto import EncryptedTextField, mask_value
from unionhome.core.models import UnionOwned, UnionScopedQuerySet
from unionhome.members.ages import age_on
from unionhome.members.choices import (
    ETHNICITY_CHOICES,
    Education,
    EmploymentStatus,
    Gender,
    MembershipStatus,
    PoliticalStatus,
)


class WorkerQuerySet(UnionScopedQuerySet):
    def on_roster(self):
        """Staff currently employed: the denominator of the membership rate."""
        return self.filter(employment_status=EmploymentStatus.EMPLOYED)

    def active_members(self):
        return self.filter(membership__status=MembershipStatus.ACTIVE)


class MaskedIdentity:
    """How a person's ID number and mobile show on pages and in the API: masked (revealing one is audited)."""

    @property
    def id_number_masked(self) -> str:
        return mask_value(self.id_number)

    @property
    def mobile_masked(self) -> str:
        return mask_value(self.mobile)


class Worker(MaskedIdentity, UnionOwned):
    name = models.CharField(_("姓名"), max_length=50)
    name_pinyin = models.CharField(max_length=200, editable=False, default="")
    name_initials = models.CharField(max_length=50, editable=False, default="")
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    ethnicity = models.CharField(_("民族"), max_length=10, choices=ETHNICITY_CHOICES, default="汉族")
    birth_date = models.DateField(_("出生日期"))
    id_number = EncryptedTextField(_("身份证号"))
    id_number_hash = models.CharField(max_length=64, editable=False)
    id_tail = models.CharField(max_length=4, db_index=True, editable=False, default="")
    mobile = EncryptedTextField(_("手机号"), blank=True, default="")
    mobile_hash = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    address = EncryptedTextField(_("住址"), blank=True, default="")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="workers",
                             verbose_name=_("单位"))
    group = models.ForeignKey("org.UnionGroup", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="workers", verbose_name=_("工会小组"))
    post = models.CharField(_("职务/岗位"), max_length=100, blank=True)
    employment_status = models.CharField(_("在职状态"), max_length=20, choices=EmploymentStatus.choices,
                                         default=EmploymentStatus.EMPLOYED)
    political_status = models.CharField(_("政治面貌"), max_length=20, choices=PoliticalStatus.choices,
                                        default=PoliticalStatus.MASSES)
    education = models.CharField(_("学历"), max_length=20, choices=Education.choices, blank=True)

    objects = WorkerQuerySet.as_manager()

    class Meta:
        ordering = ["name_pinyin", "id"]
        verbose_name = _("职工")
        constraints = [
            models.UniqueConstraint(fields=["union", "id_number_hash"], name="worker_id_number_unique_in_union"),
            models.CheckConstraint(condition=models.Q(gender__in=["M", "F"]), name="worker_gender_valid"),
            models.CheckConstraint(condition=models.Q(employment_status__in=["employed", "retired", "transferred"]),
                                   name="worker_employment_status_valid"),
        ]
        # The list's order; then the pinyin and initials prefix searches (LIKE 'q%'), which PostgreSQL can
        # answer from a B-tree only with a pattern opclass unless the collation is C (SQLite ignores opclasses).
        # The name substring search has a trigram index of its own (migration 0003, PostgreSQL only).
        indexes = [models.Index(fields=["union", "name_pinyin"]),
                   models.Index(fields=["union", "name_pinyin"], opclasses=["int8_ops", "varchar_pattern_ops"],
                                name="worker_pinyin_prefix"),
                   models.Index(fields=["union", "name_initials"], opclasses=["int8_ops", "varchar_pattern_ops"],
                                name="worker_initials_prefix"),
                   models.Index(fields=["union", "name"])]

    def __str__(self) -> str:
        return self.name


    @property
    def address_masked(self) -> str:
        return mask_value(self.address)

    def age_on(self, day: dt.date) -> int:
        return age_on(self.birth_date, day)

    @property
    def is_active_member(self) -> bool:
        membership = getattr(self, "membership", None)
        return membership is not None and membership.status == MembershipStatus.ACTIVE


class Membership(UnionOwned):
    worker = models.OneToOneField(Worker, on_delete=models.PROTECT, related_name="membership")
    card_number = models.CharField(_("会员证号"), max_length=40, blank=True)
    joined_on = models.DateField(_("入会日期"))
    status = models.CharField(_("会籍状态"), max_length=20, choices=MembershipStatus.choices,
                              default=MembershipStatus.ACTIVE)
    status_since = models.DateField(_("状态起始"))

    class Meta:
        verbose_name = _("会员")
        constraints = [
            models.UniqueConstraint(fields=["union", "card_number"], condition=~models.Q(card_number=""),
                                    name="membership_card_unique_in_union"),
            models.CheckConstraint(condition=models.Q(status__in=["active", "retained", "transferred_out", "left"]),
                                   name="membership_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} ({self.get_status_display()})"

    @property
    def may_vote(self) -> bool:
        """条例 art.4: retained members have no vote, candidacy or motion vote."""
        return self.status == MembershipStatus.ACTIVE

    @property
    def owes_dues(self) -> bool:
        return self.status == MembershipStatus.ACTIVE


class MembershipEvent(UnionOwned):
    class Kind(models.TextChoices):
        JOIN = "join", _("入会")
        TRANSFER_IN = "transfer_in", _("转入")
        TRANSFER_OUT = "transfer_out", _("转出")
        RETIRE = "retire", _("退休保留会籍")
        LEAVE = "leave", _("退会")
        REINSTATE = "reinstate", _("恢复会籍")

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("事项"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("日期"))
    other_union = models.CharField(_("对方工会"), max_length=100, blank=True)
    card_endorsement = models.CharField(_("会员证签注"), max_length=200, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("会籍变动")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"


class JoinLink(UnionOwned):
    """The link (and its QR code) a union publishes for 入会申请: anyone holding it may apply; renewing it retires
    the old one."""

    token = models.CharField(max_length=40, unique=True, editable=False)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("入会申请链接")
        constraints = [models.UniqueConstraint(fields=["union"], condition=models.Q(active=True),
                                               name="joinlink_one_active_per_union")]


class JoinApplication(MaskedIdentity, UnionOwned):
    """入会申请: filled by the applicant (no account yet), decided by the committee; approval puts them on the
    roster, makes them a member with a card number and issues their account."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待审批")
        APPROVED = "approved", _("已批准")
        DECLINED = "declined", _("未批准")

    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    ethnicity = models.CharField(_("民族"), max_length=10, choices=ETHNICITY_CHOICES, default="汉族")
    birth_date = models.DateField(_("出生日期"))
    id_number = EncryptedTextField(_("身份证号"))
    id_number_hash = models.CharField(max_length=64, editable=False)
    mobile = EncryptedTextField(_("手机号"), blank=True, default="")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("单位"))
    group = models.ForeignKey("org.UnionGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("工会小组"))
    post = models.CharField(_("职务/岗位"), max_length=100, blank=True)
    statement = models.TextField(_("申请说明"), blank=True, max_length=500)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("未批准理由"), max_length=300, blank=True)
    worker = models.ForeignKey(Worker, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The network address it came from, as a keyed hash (the address itself is personal data and not kept): the
    # public form's per-address limit counts the recent applications with the same hash (``services_join``).
    source_hash = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("入会申请")
        constraints = [
            models.UniqueConstraint(fields=["union", "id_number_hash"], condition=models.Q(status="submitted"),
                                    name="joinapplication_one_pending_per_person"),
            models.CheckConstraint(condition=models.Q(status__in=["submitted", "approved", "declined"]),
                                   name="joinapplication_status_valid"),
        ]
        indexes = [models.Index(fields=["source_hash", "created_at"], name="joinapplication_source_recent")]

    def __str__(self) -> str:
        return self.name


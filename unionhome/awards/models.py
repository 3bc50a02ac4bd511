"""The year-end evaluation (年终评选, issue 11 §3): honour kinds, a round per year, the groups' nominations, the
committee's decision, 公示 with objections, and the honours (``Award``) with their reward and certificate.

A round moves nominating → decided → published (公示) → final; every step is a service in ``services.py``.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhome.core.models import UnionOwned

MONEY = {"max_digits": 10, "decimal_places": 2}


class RewardForm(models.TextChoices):
    GOODS = "goods", _("实物")
    VOUCHER = "voucher", _("指定商品提货券")
    CASH = "cash", _("现金")


class Nominee(models.TextChoices):
    PERSON = "person", _("个人")
    GROUP = "group", _("工会小组")


class HonourKind(UnionOwned):
    """A kind of honour the union awards every year and its reward: a person's (先进工作者, 优秀会员, 优秀工会积极分子…),
    named by the groups within a quota per group, or a group's (优秀工会小组), named within a quota per union."""

    name = models.CharField(_("荣誉名称"), max_length=50)
    nominee = models.CharField(_("评选对象"), max_length=10, choices=Nominee.choices, default=Nominee.PERSON)
    quota_per_group = models.PositiveSmallIntegerField(
        _("每组名额上限"), null=True, blank=True,
        help_text=_("留空则按规则设置（awards.quota_per_group）"))
    quota_per_union = models.PositiveSmallIntegerField(
        _("全会名额上限（集体荣誉）"), null=True, blank=True,
        help_text=_("留空则按规则设置（awards.group_quota_per_union）"))
    reward_item = models.CharField(_("奖品"), max_length=100, blank=True)
    reward_value = models.DecimalField(_("奖品价值（元/人）"), default=0, **MONEY)
    reward_form = models.CharField(_("奖励形式"), max_length=10, choices=RewardForm.choices, default=RewardForm.GOODS)
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("荣誉种类")
        constraints = [models.UniqueConstraint(fields=["union", "name"], name="awards_kind_name_unique"),
                       models.CheckConstraint(condition=Q(reward_value__gte=0), name="awards_kind_reward_not_negative")]

    def __str__(self) -> str:
        return self.name

    @property
    def for_groups(self) -> bool:
        return self.nominee == Nominee.GROUP


class Round(UnionOwned):
    class Status(models.TextChoices):
        NOMINATING = "nominating", _("小组推荐中")
        DECIDED = "decided", _("委员会已评定")
        PUBLISHED = "published", _("公示中")
        FINAL = "final", _("已确定")

    year = models.PositiveIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=100)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.NOMINATING)
    kinds = models.ManyToManyField(HonourKind, related_name="rounds", verbose_name=_("评选的荣誉"))
    meeting_ref = models.CharField(_("评定会议"), max_length=200, blank=True)
    meeting_on = models.DateField(_("会议日期"), null=True, blank=True)
    decision = models.ForeignKey("meetings.Decision", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("会议决定"))
    publicity_starts_on = models.DateField(_("公示开始"), null=True, blank=True)
    publicity_ends_on = models.DateField(_("公示截止"), null=True, blank=True)
    finalised_on = models.DateField(_("确定日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年终评选")
        constraints = [models.UniqueConstraint(fields=["union", "year"], name="awards_one_round_per_year")]

    def __str__(self) -> str:
        return self.title


class Exclusion(UnionOwned):
    """A member the round may not honour, on a ground the union configures (awards.exclusion_grounds)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="exclusions")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="+")
    ground = models.CharField(_("不参评原因"), max_length=50)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("不参评人员")
        constraints = [models.UniqueConstraint(fields=["round", "worker"], name="awards_exclusion_once")]

    def __str__(self) -> str:
        return f"{self.worker} {self.ground}"


class Nomination(UnionOwned):
    """A group's nominee for an honour, with the group's discussion and, when held, its vote count; for a group
    honour (优秀工会小组) the nominee is the group itself (no worker)."""

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("小组推荐")
        CHOSEN = "chosen", _("委员会评定")
        NOT_CHOSEN = "not_chosen", _("未评定")

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="nominations")
    kind = models.ForeignKey(HonourKind, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey("org.UnionGroup", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey("members.Worker", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    discussion = models.CharField(_("小组讨论意见"), max_length=500, blank=True)
    votes_for = models.PositiveIntegerField(_("赞成票"), null=True, blank=True)
    voters = models.PositiveIntegerField(_("参加投票人数"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.NOMINATED)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["group__name", "kind__sort_order", "pk"]
        verbose_name = _("小组推荐")
        constraints = [models.UniqueConstraint(fields=["round", "kind", "worker"], name="awards_nominated_once"),
                       models.UniqueConstraint(fields=["round", "kind", "group"], condition=Q(worker__isnull=True),
                                               name="awards_group_nominated_once")]

    def __str__(self) -> str:
        return f"{self.nominee_name} {self.kind}"

    @property
    def nominee_name(self) -> str:
        return self.worker.name if self.worker_id else self.group.name


class Award(UnionOwned):
    """An honour the committee decided (to a member, or to a group for a group honour). It stands once the round is final (unless an upheld objection withdrew it);
    one per member per kind per year."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="awards")
    kind = models.ForeignKey(HonourKind, on_delete=models.PROTECT, related_name="awards")
    worker = models.ForeignKey("members.Worker", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="honours")
    group = models.ForeignKey("org.UnionGroup", on_delete=models.PROTECT, related_name="+")
    nomination = models.OneToOneField(Nomination, on_delete=models.PROTECT, related_name="award")
    year = models.PositiveIntegerField(_("年度"))
    withdrawn = models.BooleanField(_("公示后撤销"), default=False)
    reward_value = models.DecimalField(_("奖品价值"), null=True, blank=True, **MONEY)
    reward_entry = models.ForeignKey("funds.LedgerEntry", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    certificate_no = models.CharField(_("证书编号"), max_length=30, blank=True)

    class Meta:
        ordering = ["group__name", "kind__sort_order", "pk"]
        verbose_name = _("荣誉")
        constraints = [models.UniqueConstraint(fields=["kind", "worker", "year"], name="awards_one_per_kind_year"),
                       models.UniqueConstraint(fields=["kind", "group", "year"], condition=Q(worker__isnull=True),
                                               name="awards_group_one_per_kind_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.kind} {self.nominee_name}"

    @property
    def nominee_name(self) -> str:
        """The honoured member, or the group for a group honour."""
        return self.worker.name if self.worker_id else self.group.name


class Objection(UnionOwned):
    """A member's objection to an honour during 公示, and the committee's answer."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="objections")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="objections")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    reason = models.CharField(_("异议理由"), max_length=500)
    answer = models.CharField(_("委员会答复"), max_length=500, blank=True)
    upheld = models.BooleanField(_("异议成立"), default=False)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("公示异议")

    def __str__(self) -> str:
        return f"{self.award}: {self.reason[:20]}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None

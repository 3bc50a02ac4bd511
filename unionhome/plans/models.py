"""The year's work plan (工作计划), its mid-year check (年中检查) and year-end summary (年终总结).

An item's evidence is any record of the platform: an ``EvidenceLink`` holds (kind, object id), where the kind is one
of the allow-listed record kinds of ``plans/linkable.py`` that says how to find, date, name and open it; the
service checks the record belongs to the plan's union before the row is written."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhome.core.models import UnionOwned


class Area(models.TextChoices):
    ORGANISATION = "organisation", _("组织建设")
    DEMOCRACY = "democracy", _("民主管理")
    CARE = "care", _("服务职工")
    CULTURE = "culture", _("文体活动")
    STUDY = "study", _("学习培训")
    EVALUATION = "evaluation", _("评先评优")
    FUNDS = "funds", _("经费管理")
    WOMEN = "women", _("女职工工作")
    OTHER = "other", _("其他")


class Plan(UnionOwned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        ADOPTED = "adopted", _("已通过")

    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    adopted_on = models.DateField(_("通过日期"), null=True, blank=True)
    decision = models.ForeignKey("meetings.Decision", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("通过计划的会议决定"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度工作计划")
        constraints = [models.UniqueConstraint(fields=["union", "year"], name="plan_year_unique")]

    def __str__(self) -> str:
        return f"{self.year}"


class PlanItem(UnionOwned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("工作事项"), max_length=200)
    area = models.CharField(_("工作类别"), max_length=20, choices=Area.choices)
    owners = models.ManyToManyField("members.Worker", blank=True, related_name="+", verbose_name=_("责任委员"))
    groups = models.ManyToManyField("org.UnionGroup", blank=True, related_name="+", verbose_name=_("责任小组"))
    target = models.CharField(_("目标"), max_length=200, blank=True)
    figure_key = models.CharField(_("考核指标"), max_length=60, blank=True)
    target_value = models.PositiveIntegerField(_("目标值"), null=True, blank=True)
    deadline = models.DateField(_("完成期限"), null=True, blank=True)
    goals = models.ManyToManyField("meetings.Goal", blank=True, related_name="+", verbose_name=_("委员年度目标"))

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("计划事项")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_item_number_unique")]

    def __str__(self) -> str:
        return self.title


class Review(UnionOwned):
    """The mid-year check or the year-end summary of one plan."""

    class Kind(models.TextChoices):
        MIDYEAR = "midyear", _("年中检查")
        SUMMARY = "summary", _("年终总结")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    checked_on = models.DateField(_("检查日期"))
    note = models.TextField(_("总体情况"), blank=True)

    class Meta:
        ordering = ["plan", "checked_on"]
        verbose_name = _("计划检查")
        constraints = [models.UniqueConstraint(fields=["plan", "kind"], name="plan_review_kind_unique")]


class Entry(UnionOwned):
    """One item at one check: how it stands, the owner's comment, and (below) the records that show it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("未填写")
        ON_TRACK = "on_track", _("按计划推进")
        DONE = "done", _("已完成")
        BEHIND = "behind", _("滞后")
        DROPPED = "dropped", _("取消")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="entries")
    status = models.CharField(_("完成情况"), max_length=10, choices=Status.choices, default=Status.PENDING)
    comment = models.TextField(_("责任人说明"), blank=True)
    reason = models.CharField(_("取消理由"), max_length=300, blank=True)

    class Meta:
        ordering = ["review", "item__number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="plan_entry_unique"),
            models.CheckConstraint(condition=~models.Q(status="dropped") | ~models.Q(reason=""),
                                   name="plan_entry_dropped_has_reason"),
        ]


class EvidenceLink(UnionOwned):
    """A record that shows the item done, by its kind in ``plans/linkable.py`` and its id."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("记录类别"), max_length=40)
    object_id = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["entry", "id"]
        constraints = [models.UniqueConstraint(fields=["entry", "kind", "object_id"], name="plan_link_unique")]

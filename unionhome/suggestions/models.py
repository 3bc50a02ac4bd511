"""合理化建议 / 职工提案 (issue 10 §2): a member's suggestion, the committee's assessment and answer, its
implementation, the author's rating; the steps the author is told of."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhome.core import uploads
from unionhome.core.models import UnionOwned


class Category(models.TextChoices):
    PRODUCTION = "work", _("业务工作")
    MANAGEMENT = "management", _("机关管理")
    WELFARE = "welfare", _("职工生活福利")
    SAFETY = "safety", _("安全与环境")
    UNION = "union", _("工会工作")
    OTHER = "other", _("其他")


class Suggestion(UnionOwned):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待分办")
        ASSIGNED = "assigned", _("办理中")
        ANSWERED = "answered", _("已答复")
        IMPLEMENTING = "implementing", _("落实中")
        DONE = "done", _("已落实")

    class Outcome(models.TextChoices):
        PROPOSAL = "proposal", _("立案为提案")
        ADOPTED = "adopted", _("采纳")
        NOTED = "noted", _("留作参考")
        NOT_ADOPTED = "not_adopted", _("不予采纳")

    year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveIntegerField(_("编号"))
    title = models.CharField(_("标题"), max_length=120)
    text = models.TextField(_("建议内容"), max_length=4000)
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    # The author is always stored (the answer goes to them); ``anonymous`` hides the name from the committee and the board.
    author = models.ForeignKey("members.Worker", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("提出人"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey("org.UnionGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("代表小组"))
    anonymous = models.BooleanField(_("对委员会匿名"), default=False)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("承办人"))
    answer_due = models.DateField(_("答复期限"))
    outcome = models.CharField(_("评估结论"), max_length=20, choices=Outcome.choices, blank=True)
    reason = models.TextField(_("理由"), max_length=2000, blank=True)
    answer = models.TextField(_("答复"), max_length=4000, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    done_on = models.DateField(_("落实日期"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    rating_note = models.CharField(_("评价"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("合理化建议")
        constraints = [
            models.UniqueConstraint(fields=["union", "year", "number"], name="suggestion_number_unique"),
            models.CheckConstraint(condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                                   name="suggestion_rating_1_to_5"),
            models.CheckConstraint(condition=~Q(outcome="not_adopted") | ~Q(reason=""),
                                   name="suggestion_not_adopted_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def code(self) -> str:
        return f"{self.year}-{self.number:03d}"

    @property
    def shown_author(self) -> str:
        """The name the committee and the board see: never the name of an anonymous author."""
        if self.anonymous:
            return str(_("匿名"))
        name = self.author.name if self.author_id else ""
        return _("%(name)s（%(group)s）") % {"name": name, "group": self.group.name} if self.group_id else name

    @property
    def is_answered(self) -> bool:
        return self.status in (self.Status.ANSWERED, self.Status.IMPLEMENTING, self.Status.DONE)


class SuggestionStep(UnionOwned):
    """One step of the suggestion's way, as its author reads it (assigned, answered, progress, done)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("已提交")
        ASSIGNED = "assigned", _("已分办")
        ANSWERED = "answered", _("已答复")
        PROGRESS = "progress", _("落实进展")
        DONE = "done", _("已落实")
        RATED = "rated", _("已评价")

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]


def photo_path(instance, filename: str) -> str:
    return f"suggestions/photos/{instance.union_id}/{uploads.generated_name(filename)}"


class SuggestionPhoto(UnionOwned):
    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=photo_path, max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]

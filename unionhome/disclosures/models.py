"""政务公开 / 会务公开 with inspections (issue 10 §3): what the union publishes, where and in which version, and
the inspections that check it: checklist per item, findings with photos, rectifications closed by re-inspection."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhome.core import uploads
from unionhome.core.models import UnionOwned


class DisclosureItem(UnionOwned):
    class Kind(models.TextChoices):
        DUTIES = "duties", _("工作职责")
        PROCEDURES = "procedures", _("办事程序")
        COMMITMENTS = "commitments", _("服务承诺")
        FUNDS = "funds", _("工会经费收支")
        ACTIVITIES = "activities", _("工会活动")
        OTHER = "other", _("其他")

    class Place(models.TextChoices):
        BOARD = "board", _("公开栏")
        INTRANET = "intranet", _("内网")
        BOTH = "both", _("公开栏和内网")

    title = models.CharField(_("公开事项"), max_length=120)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    publisher = models.CharField(_("公开主体"), max_length=60)
    place = models.CharField(_("公开载体"), max_length=20, choices=Place.choices)
    content = models.TextField(_("公开内容"), max_length=20000)
    version = models.PositiveIntegerField(_("版本"), default=1)
    published_on = models.DateField(_("本版公开日期"))
    review_on = models.DateField(_("下次复核日期"))
    retired = models.BooleanField(_("已停止公开"), default=False)

    class Meta:
        ordering = ["kind", "title", "id"]
        verbose_name = _("公开事项")

    def __str__(self) -> str:
        return self.title


class DisclosureVersion(UnionOwned):
    """Every published text of an item, kept: what was shown, from when, and why it changed."""

    item = models.ForeignKey(DisclosureItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本"))
    content = models.TextField(_("公开内容"))
    published_on = models.DateField(_("公开日期"))
    note = models.CharField(_("修订说明"), max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="disclosure_version_unique")]


class Inspection(UnionOwned):
    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", _("定期检查")
        SURPRISE = "surprise", _("随机抽查")
        REINSPECTION = "reinspection", _("整改复查")

    class Status(models.TextChoices):
        PLANNED = "planned", _("待检查")
        DONE = "done", _("已完成")

    kind = models.CharField(_("检查方式"), max_length=20, choices=Kind.choices)
    planned_on = models.DateField(_("计划日期"))
    held_on = models.DateField(_("检查日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    inspectors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("检查人"))
    reinspection_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="reinspections", verbose_name=_("复查的检查"))
    summary = models.TextField(_("检查结论"), max_length=4000, blank=True)

    class Meta:
        ordering = ["-planned_on", "-id"]
        verbose_name = _("公开检查")

    def __str__(self) -> str:
        return f"{self.planned_on:%Y-%m-%d} {self.get_kind_display()}"


class InspectionCheck(UnionOwned):
    """One line of the checklist: an item as the inspectors found it."""

    class Result(models.TextChoices):
        PENDING = "pending", _("未检查")
        OK = "ok", _("符合")
        PROBLEM = "problem", _("有问题")

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="checks")
    item = models.ForeignKey(DisclosureItem, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("结果"), max_length=20, choices=Result.choices, default=Result.PENDING)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["item__kind", "item__title", "id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "item"], name="inspection_check_unique")]


class Finding(UnionOwned):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(DisclosureItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("公开事项"))
    text = models.TextField(_("发现的问题"), max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]


def photo_path(instance, filename: str) -> str:
    return f"disclosures/photos/{instance.union_id}/{uploads.generated_name(filename)}"


class FindingPhoto(UnionOwned):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=photo_path, max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]


class Rectification(UnionOwned):
    """What must be put right, by whom and when; open until a re-inspection finds it done."""

    class Status(models.TextChoices):
        OPEN = "open", _("整改中")
        CLOSED = "closed", _("已整改")

    finding = models.OneToOneField(Finding, on_delete=models.CASCADE, related_name="rectification")
    demand = models.TextField(_("整改要求"), max_length=2000)
    owner = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="+", verbose_name=_("责任人"))
    deadline = models.DateField(_("整改期限"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("复查确认日期"), null=True, blank=True)
    closed_by = models.ForeignKey(Inspection, null=True, blank=True, on_delete=models.PROTECT, related_name="closed",
                                  verbose_name=_("复查"))
    closing_note = models.CharField(_("复查意见"), max_length=300, blank=True)

    class Meta:
        ordering = ["deadline", "id"]

"""The assessor's 台账 bundle (issue 12 §6): one zip of a year's records, built in the background and kept for a
configurable period (rule figure ``records.bundle_days``) for the officer who asked."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.core import uploads
from unionhome.core.models import UnionOwned


def bundle_path(instance, filename: str) -> str:
    return f"records/bundles/{instance.union_id}/{uploads.generated_name(filename)}"


class Bundle(UnionOwned):
    class Status(models.TextChoices):
        QUEUED = "queued", _("生成中")
        READY = "ready", _("可下载")
        FAILED = "failed", _("生成失败")
        GONE = "gone", _("已清理")

    year = models.PositiveIntegerField(_("年度"))
    reveal = models.BooleanField(_("含完整姓名和会员证号"), default=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    message = models.TextField(_("结果"), blank=True)
    file = models.FileField(upload_to=bundle_path, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    files = models.PositiveIntegerField(_("文件数"), default=0)
    records = models.PositiveIntegerField(_("记录数"), default=0)
    once = models.BooleanField(default=False)
    expires_at = models.DateTimeField(_("保留至"), null=True, blank=True)
    downloads = models.PositiveIntegerField(_("下载次数"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("台账包")
        constraints = [models.CheckConstraint(condition=models.Q(status__in=["queued", "ready", "failed", "gone"]),
                                              name="records_bundle_status_valid")]

    def __str__(self) -> str:
        return gettext("%(year)s年度台账包") % {"year": self.year}

    @property
    def download_name(self) -> str:
        return gettext("%(union)s%(year)s年度台账.zip") % {"union": self.union.name, "year": self.year}

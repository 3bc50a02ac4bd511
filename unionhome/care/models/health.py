"""妇检: a health-check campaign with a partner clinic, slots within capacity, invites and results."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhome.core.crypto import EncryptedTextField
from unionhome.core.models import UnionOwned


class HealthCheckCampaign(UnionOwned):
    name = models.CharField(_("名称"), max_length=100)
    clinic = models.CharField(_("合作医疗机构"), max_length=100)
    include_retirees = models.BooleanField(_("包括退休女会员"), default=False)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("女职工健康检查")

    def __str__(self) -> str:
        return self.name


class HealthCheckSlot(UnionOwned):
    """A time slot on a day; ``taken`` never exceeds ``capacity`` (a DB check and a conditional update)."""

    campaign = models.ForeignKey(HealthCheckCampaign, on_delete=models.CASCADE, related_name="slots")
    day = models.DateField(_("日期"))
    starts_at = models.TimeField(_("开始"))
    ends_at = models.TimeField(_("结束"))
    capacity = models.PositiveSmallIntegerField(_("名额"))
    taken = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["day", "starts_at", "id"]
        verbose_name = _("体检时段")
        constraints = [models.CheckConstraint(condition=models.Q(taken__lte=models.F("capacity")),
                                              name="healthslot_within_capacity")]

    def __str__(self) -> str:
        return f"{self.day:%m-%d} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"


class InviteStatus(models.TextChoices):
    INVITED = "invited", _("已通知")
    SCHEDULED = "scheduled", _("已预约")
    ATTENDED = "attended", _("已体检")
    ABSENT = "absent", _("未到")


class HealthCheckInvite(UnionOwned):
    campaign = models.ForeignKey(HealthCheckCampaign, on_delete=models.CASCADE, related_name="invites")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="health_invites")
    status = models.CharField(_("状态"), max_length=12, choices=InviteStatus.choices, default=InviteStatus.INVITED)
    slot = models.ForeignKey(HealthCheckSlot, null=True, blank=True, on_delete=models.PROTECT, related_name="invites")
    screening = models.BooleanField(_("含乳腺癌、宫颈癌筛查"), default=False)
    attended_on = models.DateField(_("体检日期"), null=True, blank=True)
    result = EncryptedTextField(_("检查结果"), blank=True, default="", mask="all")

    class Meta:
        ordering = ["worker__name_pinyin", "id"]
        verbose_name = _("体检通知")
        constraints = [models.UniqueConstraint(fields=["campaign", "worker"], name="healthinvite_once_per_campaign")]

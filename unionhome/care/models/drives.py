"""捐资捐物 and 义务献血 drives."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhome.core.models import UnionOwned


class DonationDrive(UnionOwned):
    name = models.CharField(_("名称"), max_length=100)
    cause = models.CharField(_("捐助事由"), max_length=200)
    recipient = models.CharField(_("接收单位/对象"), max_length=100)
    opened_on = models.DateField(_("开始日期"))
    handed_over_on = models.DateField(_("移交日期"), null=True, blank=True)
    handover_note = models.CharField(_("移交说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("捐资捐物")

    def __str__(self) -> str:
        return self.name


class Donation(UnionOwned):
    class Kind(models.TextChoices):
        MONEY = "money", _("捐款")
        GOODS = "goods", _("捐物")

    drive = models.ForeignKey(DonationDrive, on_delete=models.PROTECT, related_name="donations")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="donations")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.MONEY)
    pledged = models.DecimalField(_("认捐金额/物品估值（元）"), max_digits=12, decimal_places=2)
    received = models.DecimalField(_("已收（元）"), max_digits=12, decimal_places=2, default=0)
    goods = models.CharField(_("物品"), max_length=200, blank=True)
    received_on = models.DateField(_("收到日期"), null=True, blank=True)

    class Meta:
        ordering = ["worker__name_pinyin", "id"]
        verbose_name = _("捐赠")
        constraints = [
            models.CheckConstraint(condition=models.Q(pledged__gte=0) & models.Q(received__gte=0),
                                   name="donation_amounts_not_negative"),
        ]


class BloodDrive(UnionOwned):
    name = models.CharField(_("名称"), max_length=100)
    held_on = models.DateField(_("日期"))
    partner = models.CharField(_("合作单位"), max_length=100, default="县红十字会")
    place = models.CharField(_("地点"), max_length=100, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("义务献血")

    def __str__(self) -> str:
        return self.name


class BloodOutcome(models.TextChoices):
    SIGNED_UP = "signed_up", _("已报名")
    DONATED = "donated", _("已献血")
    DEFERRED = "deferred", _("体检未通过/暂缓")
    ABSENT = "absent", _("未到")


class BloodVolunteer(UnionOwned):
    drive = models.ForeignKey(BloodDrive, on_delete=models.PROTECT, related_name="volunteers")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="blood_volunteering")
    outcome = models.CharField(_("结果"), max_length=12, choices=BloodOutcome.choices, default=BloodOutcome.SIGNED_UP)
    volume_ml = models.PositiveSmallIntegerField(_("献血量（毫升）"), null=True, blank=True)

    class Meta:
        ordering = ["worker__name_pinyin", "id"]
        verbose_name = _("献血志愿者")
        constraints = [models.UniqueConstraint(fields=["drive", "worker"], name="blood_volunteer_once_per_drive")]

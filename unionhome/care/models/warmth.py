"""送温暖: a festival campaign visiting needy households and retirees."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhome.care.models.visits import Festival
from unionhome.core.models import UnionOwned


class WarmthCampaign(UnionOwned):
    name = models.CharField(_("名称"), max_length=100)
    festival = models.CharField(_("节日"), max_length=20, choices=Festival.choices, default=Festival.SPRING)
    year = models.PositiveSmallIntegerField(_("年度"))
    default_amount = models.DecimalField(_("每户标准（元）"), max_digits=12, decimal_places=2)
    closed = models.BooleanField(_("已结束"), default=False)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("送温暖活动")

    def __str__(self) -> str:
        return self.name


class WarmthVisit(UnionOwned):
    class Target(models.TextChoices):
        NEEDY = "needy", _("困难职工")
        RETIREE = "retiree", _("退休职工")

    campaign = models.ForeignKey(WarmthCampaign, on_delete=models.PROTECT, related_name="visits")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="warmth_visits")
    target = models.CharField(_("对象"), max_length=10, choices=Target.choices)
    file = models.ForeignKey("care.HardshipFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey("members.Worker", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("走访人"))
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)
    gift = models.CharField(_("慰问品"), max_length=200, blank=True)
    done_on = models.DateField(_("走访日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    ledger_ref = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        ordering = ["target", "worker__name_pinyin", "id"]
        verbose_name = _("送温暖走访")
        constraints = [models.UniqueConstraint(fields=["campaign", "worker"], name="warmth_one_visit_per_worker")]

    @property
    def done(self) -> bool:
        return self.done_on is not None

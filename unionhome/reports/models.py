"""The year's written report: a draft per union, year and kind (年度工作总结, 集体典型事迹材料), its versions (each
save of the narrative, each generation of the figures), and the union's own Word template."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhome.core.models import UnionOwned


class Kind(models.TextChoices):
    ANNUAL = "annual", _("年度工作总结")
    DEEDS = "deeds", _("集体典型事迹材料")


class Draft(UnionOwned):
    year = models.PositiveIntegerField(_("年度"))
    kind = models.CharField(_("文稿"), max_length=10, choices=Kind.choices, default=Kind.ANNUAL)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["union", "year", "kind"], name="reports_one_draft_per_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()}"


class Version(models.Model):
    """One saved state of a draft. A ``saved`` version keeps the narrative the chair wrote; a ``generated`` one
    also keeps the figures as computed then (value, count, parts, the first records), the charts' data and which
    figures changed since the previous generated version."""

    class Source(models.TextChoices):
        SAVED = "saved", _("保存文字")
        GENERATED = "generated", _("生成数字")

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    source = models.CharField(_("类型"), max_length=10, choices=Source.choices)
    texts = models.JSONField(_("各部分文字"), default=dict)
    figures = models.JSONField(_("数字"), default=dict)
    charts = models.JSONField(_("图表数据"), default=list)
    changed = models.JSONField(_("变化的数字"), default=dict)  # key -> previous shown value
    as_of = models.DateField(_("数据截至"), null=True, blank=True)
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("操作人"))
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="reports_version_number")]

    def __str__(self) -> str:
        return f"{self.draft} v{self.number}"


class Template(UnionOwned):
    """The union's own Word template (edited in Word from the default one); the latest upload is used."""

    name = models.CharField(_("文件名"), max_length=200, blank=True)
    content = models.BinaryField(_("模板文件"))
    size = models.PositiveIntegerField(_("大小"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("上传人"))

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.name

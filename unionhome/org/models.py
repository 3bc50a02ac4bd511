"""Unions in a tree, their units (单位/部门) and union groups (工会小组)."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhome.core.models import UnionOwned


class UnionQuerySet(models.QuerySet):
    def descendants_of(self, union: Union) -> UnionQuerySet:
        """All unions below ``union`` (any depth), via the materialised path."""
        return self.filter(path__startswith=union.path).exclude(pk=union.pk)


class Union(models.Model):
    class Kind(models.TextChoices):
        FEDERATION = "federation", _("总工会/上级工会")
        GRASSROOTS = "grassroots", _("基层工会")

    name = models.CharField(_("名称"), max_length=100)
    code = models.CharField(_("代码"), max_length=40, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.GRASSROOTS)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("上级工会"))
    # Materialised path "/<id>/<id>/" so a federation finds every union below it in one query.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    province = models.CharField(_("省份"), max_length=20, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = UnionQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("工会")
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=["federation", "grassroots"]), name="union_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class Unit(UnionOwned):
    name = models.CharField(_("单位名称"), max_length=100)
    code = models.CharField(_("单位代码"), max_length=40, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    # the name's natural order (第2 before 第10, then pinyin): core.pinyin.sort_key, set by the org services
    name_sort = models.CharField(max_length=200, editable=False, default="")

    class Meta:
        ordering = ["sort_order", "name_sort", "id"]
        verbose_name = _("单位")
        constraints = [models.UniqueConstraint(fields=["union", "name"], name="unit_name_unique_in_union")]

    def __str__(self) -> str:
        return self.name


class UnionGroup(UnionOwned):
    name = models.CharField(_("小组名称"), max_length=100)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="groups",
                             verbose_name=_("所在单位"))
    sort_order = models.PositiveIntegerField(default=0)
    name_sort = models.CharField(max_length=200, editable=False, default="")  # as Unit.name_sort

    class Meta:
        ordering = ["sort_order", "name_sort", "id"]
        verbose_name = _("工会小组")
        constraints = [models.UniqueConstraint(fields=["union", "name"], name="group_name_unique_in_union")]

    def __str__(self) -> str:
        return self.name

"""The organisation inside a union: its units (单位/部门) and union groups (工会小组). The union itself (and\nits tree) is ``core.models.Union``, the tenant every row belongs to."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhome.core.models import UnionOwned


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

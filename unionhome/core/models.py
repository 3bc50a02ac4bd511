"""Shared primitives: the union (the tenant), the union-owned base model, the audit trail and rule settings."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UnionQuerySet(models.QuerySet):
    def descendants_of(self, union: Union) -> UnionQuerySet:
        """All unions below ``union`` (any depth), via the materialised path."""
        return self.filter(path__startswith=union.path).exclude(pk=union.pk)


class Union(models.Model):
    """A trade union: a grassroots union (基层工会) or a federation above unions, in a tree. Every domain row
    belongs to exactly one (``UnionOwned``); it lives in core because the audit trail and rule settings point at
    it too (docs/architecture.md, "Layers")."""

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
        db_table = "org_union"  # created by org 0001; moved to core without touching the table (core 0003)
        ordering = ["path"]
        verbose_name = _("工会")
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=["federation", "grassroots"]), name="union_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class UnionScopedQuerySet(models.QuerySet):
    def for_union(self, union) -> UnionScopedQuerySet:
        return self.filter(union=union)


class UnionOwned(models.Model):
    """Every domain row belongs to exactly one union: the tenant boundary."""

    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="+", verbose_name=_("工会"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnionScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One row per write, reveal of a sensitive field, export or security event.

    Written inside the transaction of the change it records. The database
    refuses UPDATE and DELETE on this table (triggers in the migration).
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    union = models.ForeignKey(Union, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=200, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["union", "-at"]), models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("审计记录")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_label}"


class RuleSetting(models.Model):
    """A figure used by a rule, overriding the shipped default from a date on.

    ``union`` empty and ``province`` empty → applies everywhere; a province or a
    union narrows it. The most specific, latest-effective row wins.
    """

    key = models.CharField(max_length=100, db_index=True)
    value = models.JSONField()
    source = models.CharField(max_length=300, verbose_name=_("依据"))
    effective_from = models.DateField(verbose_name=_("生效日期"))
    province = models.CharField(max_length=20, blank=True)
    union = models.ForeignKey(Union, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=500, blank=True, verbose_name=_("理由"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("设置人"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "-effective_from"]
        verbose_name = _("规则参数")

    def __str__(self) -> str:
        return f"{self.key}={self.value} ({self.source}, {self.effective_from})"

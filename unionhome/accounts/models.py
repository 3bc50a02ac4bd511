"""Logins, their link to a worker, roles scoped to a union (and group), API tokens."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhome.core.permissions import Role


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    worker = models.OneToOneField("members.Worker", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="account")
    must_change_password = models.BooleanField(default=True)
    password_changed_at = models.DateTimeField(null=True, blank=True)
    # Issued from the roster (or reset by an officer) and not yet activated with a one-time code: the login is
    # inactive, its password unusable. Only such an account may be activated (``services_activation``).
    awaiting_activation = models.BooleanField(_("待激活"), default=False)
    activated_at = models.DateTimeField(_("激活时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("账号资料")


class RoleAssignment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments")
    union = models.ForeignKey("core.Union", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices)
    group = models.ForeignKey("org.UnionGroup", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Source(models.TextChoices):
        GRANTED = "granted", _("授予")
        OFFICE = "office", _("随职务")

    # ``office``: held because the person holds an office (committee position, group leader); ``roles_sync``
    # creates and ends only these, never a role an officer granted.
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.GRANTED)

    class Meta:
        verbose_name = _("角色分配")
        constraints = [
            models.UniqueConstraint(fields=["user", "union", "role", "group"], name="role_assignment_unique"),
            models.UniqueConstraint(fields=["user", "union", "role"], condition=models.Q(group__isnull=True),
                                    name="role_assignment_unique_without_group"),
            models.CheckConstraint(condition=~models.Q(role="group_leader") | models.Q(group__isnull=False),
                                   name="group_leader_role_needs_group"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display()} @ {self.union}"


def default_token_expiry():
    """A row made without the service (bulk set-ups) still expires; ``token_issue`` sets the rule's figure."""
    import datetime as dt

    from django.utils import timezone

    return timezone.now() + dt.timedelta(days=90)


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 is stored. Issued by its owner only, for themselves:
    whoever holds it acts as the owner, so nobody else may ever see it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # Null only on rows from before expiry existed (the migration gives them one); such a row is refused.
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True, default=default_token_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API令牌")

    @property
    def is_active(self) -> bool:
        from django.utils import timezone

        return self.revoked_at is None and self.expires_at is not None and self.expires_at > timezone.now()


class RoleGrantRequest(models.Model):
    """A grant of a role that reaches money, needy members' files or the platform itself: it waits for a
    second officer (chair or admin, not the one who asked, not the grantee) before it takes effect."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        CONFIRMED = "confirmed", _("已确认")
        REJECTED = "rejected", _("已驳回")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_requests")
    union = models.ForeignKey("core.Union", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices)
    group = models.ForeignKey("org.UnionGroup", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("待确认的角色授予")
        constraints = [
            models.UniqueConstraint(fields=["user", "union", "role"], condition=models.Q(status="pending"),
                                    name="role_grant_request_one_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display()} @ {self.union}"


class ActivationCode(models.Model):
    """A one-time code that lets a member choose their password (no e-mail needed): printed on a slip or read
    out by the group leader. Only a keyed hash is stored; it expires (``accounts.activation_days``), is used
    once, and dies after ``accounts.activation_attempts`` wrong tries. A login has at most one live code."""

    class Purpose(models.TextChoices):
        ISSUE = "issue", _("发放")
        RESET = "reset", _("重置")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activation_codes")
    union = models.ForeignKey("core.Union", on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(_("用途"), max_length=10, choices=Purpose.choices, default=Purpose.ISSUE)
    code_hash = models.CharField(max_length=64)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"))
    attempts = models.PositiveSmallIntegerField(_("错误次数"), default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)  # replaced, too many wrong tries, or membership ended

    class Meta:
        verbose_name = _("激活码")
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=models.Q(used_at__isnull=True, voided_at__isnull=True),
                                    name="activation_code_one_live_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_purpose_display()} {self.issued_at:%Y-%m-%d}"

"""The in-app inbox, each message's deliveries on the external channels, and a member's channel choice."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message to one user: the in-app copy, written in the sender's transaction, never lost."""

    union = models.ForeignKey("core.Union", on_delete=models.CASCADE, related_name="+", verbose_name=_("工会"))
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    event = models.CharField(_("事件"), max_length=60)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    link = models.CharField(_("链接"), max_length=300, blank=True)  # a path on this site
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("消息")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        from unionhome.notifications.registry import kinds

        kind = kinds().get(self.event)
        return str(kind.label) if kind else ""


class Delivery(models.Model):
    """The log of one message on one external channel (email, SMS, 企业微信)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")
        SKIPPED = "skipped", _("无联系方式")

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("渠道"), max_length=20)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.CharField(_("错误"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("发送记录")
        constraints = [models.UniqueConstraint(fields=["notification", "channel"], name="delivery_one_per_channel")]


class ChannelPreference(models.Model):
    """The external channels a user wants messages on; without a row, email (when configured) is on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference")
    channels = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("接收渠道")


class Broadcast(models.Model):
    """A notice an officer sent to the members of the union or of one group (通知公告): the record of the send.
    The messages themselves are ordinary in-app notifications (event ``notifications.broadcast``)."""

    union = models.ForeignKey("core.Union", on_delete=models.CASCADE, related_name="+", verbose_name=_("工会"))
    group = models.ForeignKey("org.UnionGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("工会小组"))  # none: the whole union
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recipients = models.PositiveIntegerField(_("收件人数"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("通知公告")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

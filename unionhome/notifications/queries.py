"""Reading one's own messages."""
from __future__ import annotations

from django.shortcuts import get_object_or_404

from unionhome.notifications.delivery import DEFAULT_CHANNELS
from unionhome.notifications.models import ChannelPreference, Notification


def inbox_of(user):
    return Notification.objects.filter(recipient=user).select_related("union")


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def own_notification_or_404(user, pk: int) -> Notification:
    """Someone else's message answers 404, like a missing one."""
    return get_object_or_404(Notification, pk=pk, recipient=user)


def channels_of(user) -> list[str]:
    pref = ChannelPreference.objects.filter(user=user).first()
    return list(pref.channels) if pref is not None else list(DEFAULT_CHANNELS)

"""Reading one's own messages; the union's notices (通知公告)."""
from __future__ import annotations

from django.shortcuts import get_object_or_404

from unionhome.core.scoping import get_in_union_or_404
from unionhome.jobs.models import Job
from unionhome.notifications.delivery import DEFAULT_CHANNELS
from unionhome.notifications.models import Broadcast, ChannelPreference, Notification
from unionhome.org.models import UnionGroup


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


def broadcast_groups(union, group_ids=None):
    """The groups a notice may go to: all of the union's, or only those the sender leads."""
    groups = UnionGroup.objects.filter(union=union).order_by("sort_order", "id")
    return groups if group_ids is None else groups.filter(pk__in=group_ids)


def broadcasts_sent(union, group_ids=None):
    """The notices of the union, newest first (a group leader sees those to their groups)."""
    rows = Broadcast.objects.filter(union=union).select_related("group", "sent_by")
    return rows if group_ids is None else rows.filter(group_id__in=group_ids)


def broadcasts_sending(user, union):
    """This sender's notices still being sent in the background (their progress pages)."""
    return Job.objects.filter(union=union, created_by=user, kind="notifications.broadcast",
                              status__in=[Job.Status.QUEUED, Job.Status.RUNNING])


def broadcast_in_union_or_404(union, pk: int):
    return get_in_union_or_404(Broadcast.objects.select_related("group", "sent_by"), union, pk=pk)

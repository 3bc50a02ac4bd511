"""Sending the external channels of messages already in the inbox (email, SMS, 企业微信).

Runs in the background worker (``tasks.deliver_messages``) after the sender's commit; ``services.notify``
queues it. Kept apart from the services so the task and the services do not import each other.
"""
from __future__ import annotations

import logging

from django.utils import timezone

from unionhome.notifications.channels import senders
from unionhome.notifications.models import ChannelPreference, Delivery, Notification

log = logging.getLogger("unionhome.notifications")
BATCH = 1000
DEFAULT_CHANNELS = ("email",)


def _channels_of(user_ids: list[int]) -> dict[int, set[str]]:
    chosen = dict(ChannelPreference.objects.filter(user_id__in=user_ids).values_list("user_id", "channels"))
    return {i: set(chosen.get(i, DEFAULT_CHANNELS)) for i in user_ids}


def deliver(notification_ids: list[int]) -> dict[str, int]:
    """Send the messages on each channel their recipients chose; every attempt is a ``Delivery`` row.

    Runs in the background worker after the sender's commit; it never raises (an error is logged on the row and in the log)."""
    outcome = {"sent": 0, "failed": 0, "skipped": 0}
    try:
        active = senders()
        for start in range(0, len(notification_ids), BATCH):
            batch = list(Notification.objects.filter(pk__in=notification_ids[start:start + BATCH])
                         .select_related("recipient__profile__worker"))
            wanted = _channels_of([n.recipient_id for n in batch])
            plan = [(n, active[c]) for n in batch for c in sorted(wanted[n.recipient_id]) if c in active]
            # logged as pending before any attempt: a crash mid-send leaves a visible trace
            rows = Delivery.objects.bulk_create([Delivery(notification=n, channel=s.channel) for n, s in plan],
                                                batch_size=BATCH)
            for (n, sender), row in zip(plan, rows):
                row.status, row.error = _send_one(sender, n)
                row.attempted_at = timezone.now()
                outcome[row.status] += 1
            Delivery.objects.bulk_update(rows, ["status", "attempted_at", "error"], batch_size=BATCH)
    except Exception:  # the in-app messages are committed; a channel problem must not reach the caller
        log.exception("notification delivery failed")
    return outcome


def _send_one(sender, n: Notification) -> tuple[str, str]:
    try:
        address = sender.address(n.recipient)
        if not address:
            return Delivery.Status.SKIPPED, ""
        sender.send(user=n.recipient, address=address, title=n.title, body=n.body, link=n.link)
        return Delivery.Status.SENT, ""
    except Exception as exc:  # any provider error: logged on the row, the other channels go on
        log.warning("notification %s on %s failed: %s", n.pk, sender.channel, exc)
        return Delivery.Status.FAILED, f"{type(exc).__name__}: {exc}"[:500]

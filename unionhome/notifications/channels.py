"""Channels behind one interface. In-app is always on (the ``Notification`` row itself); email goes through
Django's email backend when ``UNIONHOME_NOTIFY_EMAIL`` is set; SMS and 企业微信 are senders listed by class
in ``UNIONHOME_NOTIFY_SENDERS`` (none by default). The console senders print instead of sending, for
development: ``UNIONHOME_NOTIFY_SENDERS=unionhome.notifications.channels.ConsoleSmsSender``.

A real provider subclasses ``Sender``: ``address(user)`` says where the user is reached (``""``: not
reachable, the delivery is logged as skipped) and ``send(...)`` raises on failure (logged as failed).
"""
from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

log = logging.getLogger("unionhome.notifications")


class Sender:
    channel: str = ""
    label = ""

    def address(self, user) -> str:
        raise NotImplementedError

    def send(self, *, user, address: str, title: str, body: str, link: str) -> None:
        raise NotImplementedError


def _mobile(user) -> str:
    profile = getattr(user, "profile", None)
    worker = getattr(profile, "worker", None) if profile is not None else None
    return (worker.mobile if worker is not None else "") or ""


class EmailSender(Sender):
    channel, label = "email", _("电子邮件")

    def address(self, user) -> str:
        return user.email or ""

    def send(self, *, user, address, title, body, link):
        text = f"{body}\n\n{settings.UNIONHOME_SITE_URL}{link}" if link else body
        send_mail(f"[{_('职工之家')}] {title}", text, None, [address], fail_silently=False)


class ConsoleSender(Sender):
    """Prints the message instead of sending it (development)."""

    def send(self, *, user, address, title, body, link):
        print(f"[{self.channel} → {address}] {title}: {body} {link}", file=sys.stdout, flush=True)


class ConsoleSmsSender(ConsoleSender):
    channel, label = "sms", _("短信")

    def address(self, user) -> str:
        return _mobile(user)


class ConsoleWecomSender(ConsoleSender):
    channel, label = "wecom", _("企业微信")

    def address(self, user) -> str:
        return user.get_username()


def senders() -> dict[str, Sender]:
    """The external channels switched on in this installation, by channel name."""
    out: dict[str, Sender] = {}
    if settings.UNIONHOME_NOTIFY_EMAIL:
        out["email"] = EmailSender()
    for path in settings.UNIONHOME_NOTIFY_SENDERS:
        sender = import_string(path)()
        out[sender.channel] = sender
    return out

"""Sending messages, reading them, choosing channels.

``notify`` is the one entry point for other apps: the in-app rows are written in the caller's transaction
(so a message exists exactly when the change it tells of does), the external channels are queued as
background tasks only after that transaction commits, and a channel's failure is logged on its delivery row,
never raised to the caller.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from unionhome.core.audit import audit_log
from unionhome.core.errors import RuleViolation
from unionhome.notifications.channels import senders
from unionhome.notifications.delivery import BATCH, DEFAULT_CHANNELS
from unionhome.notifications.models import ChannelPreference, Notification
from unionhome.notifications.registry import kind_of
from unionhome.notifications.tasks import deliver_messages

log = logging.getLogger("unionhome.notifications")


def _recipients(recipients):
    """Users or workers (a worker is reached through their account; one without an account has no inbox), as a
    list or a queryset: either the ids of active users already in hand (no query), or a queryset of the user
    ids (kept as a sub-query: thousands of recipients cost one statement). A login issued but not yet activated
    gets its messages too (the member reads them after activating); a disabled one does not."""
    from django.db.models import QuerySet

    from unionhome.members.models import Worker

    User = get_user_model()
    users = User.objects.filter(Q(is_active=True) | Q(profile__awaiting_activation=True))
    if isinstance(recipients, QuerySet):
        if recipients.model is Worker:
            users = users.filter(profile__worker__in=recipients.values("pk"))
        else:
            users = users.filter(pk__in=recipients.values("pk"))
    else:
        recipients = list(recipients)
        worker_ids, user_ids = set(), set()
        for r in recipients:
            (worker_ids if isinstance(r, Worker) else user_ids).add(r.pk)
        if not worker_ids and all(r.is_active for r in recipients):  # active users in hand: no query
            return sorted(r.pk for r in recipients)
        users = users.filter(Q(pk__in=user_ids) | Q(profile__worker_id__in=worker_ids))
    return users.values(rid=F("pk")).distinct().order_by()


def _insert_for(users, values: dict, *, returning: bool) -> list[int] | int:
    """One ``INSERT … SELECT``: a message to each user the sub-query finds, the look-up and the write in one
    statement. Returns the new rows' ids (``returning``) or how many were written."""
    sub, sub_params = users.query.sql_with_params()
    sql, fields = _insert_sql(sub, returning)
    return _run_insert(sql, fields, values, list(sub_params), returning=returning)


def _insert_sql(sub: str, returning: bool) -> tuple[str, list]:
    """The ``INSERT … SELECT`` over the recipients' sub-query ``sub`` (one column, ``rid``): its SQL and the fields
    whose values come before the sub-query's parameters."""
    fields = [f for f in Notification._meta.concrete_fields if not f.primary_key and f.attname != "read_at"]
    q = connection.ops.quote_name
    select = ["r.rid" if f.attname == "recipient_id" else "%s" for f in fields]
    sql = (f"INSERT INTO {q(Notification._meta.db_table)} ({', '.join(q(f.column) for f in fields)}) "
           f"SELECT {', '.join(select)} FROM ({sub}) r ORDER BY r.rid")
    if returning:
        sql += " RETURNING id"
    return sql, [f for f in fields if f.attname != "recipient_id"]


def _run_insert(sql: str, fields: list, values: dict, sub_params: list, *, returning: bool,
                prepared: bool = False) -> list[int] | int:
    """``prepared``: the statement is built once per process (``core.statements.statement_cursor``)."""
    from unionhome.core.statements import statement_cursor

    params = [f.get_db_prep_save(values[f.attname], connection) for f in fields]
    with statement_cursor() if prepared else connection.cursor() as cursor:
        cursor.execute(sql, params + sub_params)
        return [row[0] for row in cursor.fetchall()] if returning else cursor.rowcount


def _member_insert_sql(returning: bool) -> tuple[str, list]:
    """``notify_member``'s statement: ``_insert_sql`` over the member's login (active, or issued and awaiting
    activation — as ``_recipients`` finds them), built once per process."""
    from unionhome.accounts.models import Profile
    from unionhome.core.statements import built_once

    def build():
        q = connection.ops.quote_name
        user, profile = get_user_model()._meta, Profile._meta
        sub = (f'SELECT u.{q(user.pk.column)} AS rid FROM {q(user.db_table)} u'
               f' JOIN {q(profile.db_table)} p ON p.{q(profile.get_field("user").column)} = u.{q(user.pk.column)}'
               f' WHERE p.{q(profile.get_field("worker").column)} = %s'
               f' AND (u.{q(user.get_field("is_active").column)}'
               f' OR p.{q(profile.get_field("awaiting_activation").column)})')
        return _insert_sql(sub, returning)

    return built_once(("notify_member", returning, connection.alias), build)


@transaction.atomic(savepoint=False)
def notify(*, recipients: Iterable, event: str, title: str, body: str = "", link: str = "", union) -> int:
    """Send one message to each recipient (users or workers); returns how many in-app messages were written.

    One statement: the recipients' look-up and the inbox rows in one ``INSERT … SELECT`` (a list of active
    users in hand: one INSERT per 1,000). No savepoint of its own: an error here fails the caller's
    transaction, so a message exists exactly when the change it tells of does. The external channels are
    queued (one task per 1,000) after the commit."""
    kind_of(event)
    if link and not url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        raise ValueError("a notification links to a page of this site")
    found = _recipients(recipients)
    queue = bool(senders())
    if isinstance(found, list):
        rows = [Notification(union=union, recipient_id=i, event=event, title=str(title)[:200], body=str(body),
                             link=link) for i in found]
        created = Notification.objects.bulk_create(rows, batch_size=BATCH)
        pks, count = [n.pk for n in created], len(created)
    else:
        values = {"union_id": union.pk, "event": event, "title": str(title)[:200], "body": str(body), "link": link,
                  "created_at": timezone.now()}
        written = _insert_for(found, values, returning=queue)
        pks, count = (written, len(written)) if queue else ([], written)
    if count and queue:
        transaction.on_commit(lambda: _queue(pks), robust=True)
    return count


def _queue(pks: list[int]) -> None:
    """After the commit: one background task per 1,000 messages (``tasks.deliver_messages``)."""
    try:
        for start in range(0, len(pks), BATCH):
            deliver_messages.enqueue(pks[start:start + BATCH])
    except Exception:  # the in-app messages are committed; a queue problem must not reach the caller
        log.exception("queueing notification delivery failed")


@transaction.atomic(savepoint=False)
def notify_member(*, worker_id: int, event: str, title: str, body: str = "", link: str = "", union) -> int:
    """``notify`` for one member (``Worker`` id), the burst paths' message (a sign-up's confirmation): the same
    rows, the same recipients (the member's login, active or awaiting activation), in the caller's transaction,
    external channels queued after the commit — through one ``INSERT … SELECT`` whose SQL is built once per process
    instead of a query set per message."""
    kind_of(event)
    if link and not url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        raise ValueError("a notification links to a page of this site")
    queue = bool(senders())
    sql, fields = _member_insert_sql(queue)
    values = {"union_id": union.pk, "event": event, "title": str(title)[:200], "body": str(body), "link": link,
              "created_at": timezone.now()}
    written = _run_insert(sql, fields, values, [worker_id], returning=queue, prepared=True)
    if written and queue:
        transaction.on_commit(lambda: _queue(written), robust=True)
    return len(written) if queue else written


def notification_read(*, actor, notification: Notification) -> Notification:
    """Mark one of the actor's own messages read (a reader's own state: not audited)."""
    if notification.recipient_id != actor.pk:
        raise RuleViolation("not_yours", _("这不是您的消息"))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notification_read_all(*, actor) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preference_set(*, actor, user, channels: Iterable[str]) -> ChannelPreference:
    """A user chooses their own external channels among those switched on here."""
    if actor.pk != user.pk:
        raise RuleViolation("not_yours", _("只能设置自己的接收渠道"))
    available = available_channels()
    chosen = sorted(set(channels))
    unknown = [c for c in chosen if c not in available]
    if unknown:
        raise RuleViolation("channel_unavailable", _("本平台未开通的渠道：%(join)s") % {"join": _('、').join(unknown)}, field="channels")
    pref, _created = ChannelPreference.objects.get_or_create(user=user, defaults={"channels": list(DEFAULT_CHANNELS)})
    before = {"channels": list(pref.channels)}
    pref.channels = chosen
    pref.save()
    audit_log(actor=actor, action="notifications.preference.changed", target=pref, before=before,
              after={"channels": chosen})
    return pref


def available_channels() -> dict[str, str]:
    return {name: str(s.label) for name, s in senders().items()}

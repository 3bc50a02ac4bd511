"""通知公告: an officer's notice to every member of the union, or of one group, through the inbox and the channels
each member chose. A large send runs as a background job (``notifications/jobs.py``) with a progress bar: the
messages are written 1,000 at a time and the page reports each batch."""
from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext

from unionhome.accounts.queries import holds_role
from unionhome.core.audit import audit_log
from unionhome.core.errors import RuleViolation
from unionhome.core.permissions import Role
from unionhome.core.text import refuse_unsafe
from unionhome.members.choices import MembershipStatus
from unionhome.members.models import Worker
from unionhome.notifications.models import Broadcast
from unionhome.notifications.services import BATCH, notify

EVENT = "notifications.broadcast"
WHOLE_UNION = frozenset({Role.CHAIR, Role.ADMIN, Role.COMMITTEE, Role.WOMEN_COMMITTEE})
TITLE_MAX, BODY_MAX = 200, 5000
# A notice to more members than this is sent in the background (the page shows the progress); fewer at once.
BACKGROUND_RECIPIENTS = 1_000


def broadcast_recipients(*, union, group=None):
    """The active members of the union (or of the group): workers, reached through their logins."""
    workers = Worker.objects.filter(union=union, membership__status=MembershipStatus.ACTIVE)
    return workers.filter(group=group) if group is not None else workers


def _check(*, actor, union, group, title: str, body: str) -> tuple[str, str]:
    if group is not None and group.union_id != union.pk:
        raise RuleViolation("group_other_union", gettext("工会小组不属于该工会"), field="group")
    if not holds_role(actor, union, WHOLE_UNION):
        if group is None or not holds_role(actor, union, Role.GROUP_LEADER, group=group):
            raise RuleViolation("broadcast_not_allowed",
                                gettext("只有工会主席、委员、系统管理员可以向全体会员发通知；小组长只能向本小组发"),
                                field="group")
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise RuleViolation("title_required", gettext("请填写标题"), field="title")
    if len(title) > TITLE_MAX:
        raise RuleViolation("title_too_long", gettext("标题不超过 %(n)s 个字") % {"n": TITLE_MAX}, field="title")
    if len(body) > BODY_MAX:
        raise RuleViolation("body_too_long", gettext("内容不超过 %(n)s 个字") % {"n": BODY_MAX}, field="body")
    refuse_unsafe(field="title", label=gettext("标题"), value=title)
    refuse_unsafe(field="body", label=gettext("内容"), value=body)
    return title, body


def broadcast_check(*, actor, union, group=None, title: str, body: str = "") -> int:
    """Validate a notice before it is queued (the page answers at once); returns how many members it reaches."""
    _check(actor=actor, union=union, group=group, title=title, body=body)
    return broadcast_recipients(union=union, group=group).count()


@transaction.atomic
def broadcast_send(*, actor, union, group=None, title: str, body: str = "",
                   progress: Callable[[int, int], None] | None = None) -> Broadcast:
    """Send the notice to every active member in scope (a member whose login awaits activation reads it after
    activating; one without a login has no inbox). All or nothing: the record and every message in one
    transaction, so a failed send leaves nothing to half-explain. Audited once, with the count."""
    title, body = _check(actor=actor, union=union, group=group, title=title, body=body)
    broadcast = Broadcast.objects.create(union=union, group=group, title=title, body=body, sent_by=actor)
    link = reverse("notifications:broadcast_detail", args=[broadcast.pk])
    worker_ids = list(broadcast_recipients(union=union, group=group).order_by("pk").values_list("pk", flat=True))
    total, sent = len(worker_ids), 0
    for start in range(0, total, BATCH):
        chunk = Worker.objects.filter(pk__in=worker_ids[start:start + BATCH])
        sent += notify(recipients=chunk, event=EVENT, title=title, body=body, link=link, union=union)
        if progress is not None:
            progress(min(start + BATCH, total), total)
    broadcast.recipients = sent
    broadcast.save(update_fields=["recipients"])
    audit_log(actor=actor, union=union, action="notifications.broadcast.sent", target=broadcast,
              after={"title": title, "group": group.pk if group else None, "recipients": sent})
    return broadcast


def broadcast_start(*, actor, union, group=None, title: str, body: str = ""):
    """The one way in for the page, the API and the command: a small notice is sent now (returns the
    ``Broadcast``), a large one is queued as a background job (returns the ``Job``; its page shows the progress)."""
    from unionhome.jobs.services import job_start

    reach = broadcast_check(actor=actor, union=union, group=group, title=title, body=body)
    if reach <= BACKGROUND_RECIPIENTS:
        return broadcast_send(actor=actor, union=union, group=group, title=title, body=body)
    return job_start(actor=actor, union=union, kind="notifications.broadcast",
                     params={"group": group.pk if group else None, "title": title, "body": body, "rows": reach})

"""Own messages and channel choice over the API: every logged-in user, their own data only."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from unionhome.core.paging import BoundedLimitOffsetPagination
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.jobs.models import Job
from unionhome.notifications import queries, services
from unionhome.notifications.services_broadcast import WHOLE_UNION, broadcast_start
from unionhome.org.models import UnionGroup

router = Router(tags=[gettext_lazy("消息")])


def _user(request):
    if not getattr(request.user, "is_authenticated", False):
        raise HttpError(401, _("请先登录"))
    return request.user


class NotificationOut(Schema):
    id: int
    event: str
    title: str
    body: str
    link: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class UnreadOut(Schema):
    unread: int


class PreferenceIO(Schema):
    channels: list[str]


class PreferenceOut(PreferenceIO):
    available: dict[str, str]


@router.get("/inbox", response=list[NotificationOut], url_name="notifications_inbox")
@paginate(BoundedLimitOffsetPagination)
def inbox(request):
    return queries.inbox_of(_user(request))


@router.get("/unread", response=UnreadOut, url_name="notifications_unread")
def unread(request):
    return {"unread": queries.unread_count(_user(request))}


@router.post("/{notification_id}/read", response=NotificationOut, url_name="notifications_read")
def read(request, notification_id: int):
    user = _user(request)
    return services.notification_read(actor=user, notification=queries.own_notification_or_404(user, notification_id))


@router.post("/read-all", response=UnreadOut, url_name="notifications_read_all")
def read_all(request):
    services.notification_read_all(actor=_user(request))
    return {"unread": 0}


@router.get("/preferences", response=PreferenceOut, url_name="notifications_preferences")
def preferences(request):
    user = _user(request)
    return {"channels": queries.channels_of(user), "available": services.available_channels()}


@router.put("/preferences", response=PreferenceOut, url_name="notifications_preferences")
def preferences_set(request, payload: PreferenceIO):
    user = _user(request)
    pref = services.preference_set(actor=user, user=user, channels=payload.channels)
    return {"channels": pref.channels, "available": services.available_channels()}


class BroadcastIn(CleanTextSchema):
    title: str
    body: str = ""
    group_id: int | None = None  # none: the whole union


class BroadcastOut(Schema):
    id: int
    title: str
    body: str
    group_id: int | None
    recipients: int
    created_at: dt.datetime


class BroadcastQueuedOut(Schema):
    job_id: int
    status: str


@router.get("/broadcasts", response=list[BroadcastOut], url_name="notifications_broadcasts")
@paginate(BoundedLimitOffsetPagination)
def broadcasts(request):
    ctx = api_require(request, "notifications.broadcast")
    return queries.broadcasts_sent(ctx.union, None if ctx.has_role(*WHOLE_UNION) else ctx.group_ids)


@router.post("/broadcasts", response={201: BroadcastOut, 202: BroadcastQueuedOut}, url_name="notifications_broadcasts")
def broadcast_create(request, payload: BroadcastIn):
    """Send a notice: 201 with the notice when sent at once; 202 with the background job (``GET /jobs/{id}``)
    when it reaches more than 1,000 members."""
    ctx = api_require(request, "notifications.broadcast")
    group = get_in_union_or_404(UnionGroup, ctx.union, pk=payload.group_id) if payload.group_id else None
    result = broadcast_start(actor=request.user, union=ctx.union, group=group, title=payload.title,
                             body=payload.body)
    if isinstance(result, Job):
        return 202, {"job_id": result.pk, "status": result.status}
    return 201, result


@router.get("/broadcasts/{broadcast_id}", response=BroadcastOut, url_name="notifications_broadcast")
def broadcast(request, broadcast_id: int):
    _user(request)
    return queries.broadcast_in_union_or_404(request.ctx.union, broadcast_id)

"""Own messages and channel choice over the API: every logged-in user, their own data only."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from unionhome.core.paging import BoundedLimitOffsetPagination
from unionhome.notifications import queries, services

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

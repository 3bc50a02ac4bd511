"""Every logged-in user reads and manages their own messages only; someone else's message is not found."""
from unionhome.core.testing.matrix import ROLES, Route

ALL = dict.fromkeys(ROLES, 200)
REDIRECT = dict.fromkeys(ROLES, 302)


def member_message(cast):
    from unionhome.notifications.services import notify

    notify(recipients=[cast.users["member"]], event="activities.signup_confirmed", union=cast.union,
           title="矩阵消息", link="/")
    return {"pk": cast.users["member"].notifications.latest("id").pk}


def member_message_api(cast):
    return {"notification_id": member_message(cast)["pk"]}


OWN_ONLY = {r: 302 if r == "member" else 404 for r in ROLES}

ROUTES = [
    Route("notifications:inbox", expect=ALL),
    Route("notifications:preferences", expect=ALL),
    Route("notifications:preferences", method="post", data={}, expect=REDIRECT),
    Route("notifications:read_all", method="post", expect=REDIRECT),
    Route("notifications:open", kwargs=member_message, expect=OWN_ONLY),
    Route("notifications:read", method="post", kwargs=member_message, expect=OWN_ONLY),
    Route("api:notifications_inbox", expect=ALL),
    Route("api:notifications_unread", expect=ALL),
    Route("api:notifications_read_all", method="post", json=True, expect=ALL),
    Route("api:notifications_read", method="post", json=True, kwargs=member_message_api,
          expect={r: 200 if r == "member" else 404 for r in ROLES}),
    Route("api:notifications_preferences", expect=ALL),
    Route("api:notifications_preferences", method="put", json=True, data={"channels": []}, expect=ALL),
]

# 通知公告: officers write to the union, a group leader only to their group (the whole union: refused, nothing sent)
from unionhome.core.testing.matrix import by_perm  # noqa: E402


def _broadcasts(cast, kw):
    from unionhome.notifications.models import Broadcast

    return Broadcast.objects.count()


def _broadcast(cast):
    from unionhome.notifications.services_broadcast import broadcast_send

    return broadcast_send(actor=cast.users["chair"], union=cast.union, title="矩阵通知")


NOTICE = {"group": "", "title": "矩阵通知", "body": "正文"}
READERS = {**dict.fromkeys(ROLES, 200), "federation": 404, "outsider": 404}
ROUTES += [
    Route("notifications:broadcasts", expect=by_perm("notifications.broadcast")),
    Route("notifications:broadcasts", method="post", data=NOTICE, expect=by_perm("notifications.broadcast", ok=302),
          probe=_broadcasts, changes={"group_leader": False}),
    Route("notifications:broadcast_detail", kwargs=lambda c: {"pk": _broadcast(c).pk}, expect=READERS),
    Route("api:notifications_broadcasts", expect=by_perm("notifications.broadcast")),
    Route("api:notifications_broadcasts", method="post", json=True, data={"title": "矩阵通知"},
          expect=by_perm("notifications.broadcast", ok=201, group_leader=422)),
    Route("api:notifications_broadcast", kwargs=lambda c: {"broadcast_id": _broadcast(c).pk}, expect=READERS),
]

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

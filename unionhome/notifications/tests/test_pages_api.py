import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from unionhome.notifications.models import Notification
from unionhome.notifications.services import notify

pytestmark = pytest.mark.django_db


def send(cast, user, title="报名成功", link="/activities/"):
    notify(recipients=[user], event="activities.signup_confirmed", union=cast.union, title=title, link=link)
    return Notification.objects.filter(recipient=user).latest("id")


def test_every_page_shows_the_unread_count_with_one_query(cast, client_for):
    member = cast.users["member"]
    for i in range(3):
        send(cast, member, title=f"消息{i}")
    client = client_for(member)
    with CaptureQueriesContext(connection) as q:
        html = client.get("/").content.decode()
    assert 'id="nav-unread">3<' in html
    assert len([x for x in q.captured_queries if "notifications_notification" in x["sql"]]) == 1
    assert 'id="nav-unread"' not in client_for(cast.users["chair"]).get("/").content.decode()


def test_opening_a_message_marks_it_read_and_follows_its_link(cast, client_for):
    message = send(cast, cast.users["member"])
    client = client_for(cast.users["member"])
    page = client.get("/notifications/").content.decode()
    assert "报名成功" in page and "活动报名成功" in page  # the title and the kind of event
    r = client.get(f"/notifications/{message.pk}/open/")
    assert r.status_code == 302 and r["Location"] == "/activities/"
    message.refresh_from_db()
    assert message.read_at is not None
    assert client_for(cast.users["chair"]).get(f"/notifications/{message.pk}/open/").status_code == 404


def test_mark_all_read_from_the_inbox(cast, client_for):
    send(cast, cast.users["member"])
    send(cast, cast.users["member"])
    client_for(cast.users["member"]).post("/notifications/read-all/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_the_inbox_query_count_does_not_grow_with_the_messages(cast, client_for):
    client = client_for(cast.users["member"])
    send(cast, cast.users["member"])
    with CaptureQueriesContext(connection) as one:
        client.get("/notifications/")
    for i in range(10):
        send(cast, cast.users["member"], title=f"更多{i}")
    with CaptureQueriesContext(connection) as many:
        client.get("/notifications/")
    assert len(many.captured_queries) == len(one.captured_queries)


def test_the_preferences_page_saves_the_members_channels(cast, client_for, settings):
    settings.UNIONHOME_NOTIFY_SENDERS = ["unionhome.notifications.channels.ConsoleSmsSender"]
    client = client_for(cast.users["member"])
    assert "短信" in client.get("/notifications/preferences/").content.decode()
    assert client.post("/notifications/preferences/", {"channels": ["sms"]}).status_code == 302
    assert cast.users["member"].notification_preference.channels == ["sms"]


def test_the_api_lists_counts_marks_and_sets_channels(cast, client_for):
    message = send(cast, cast.users["member"])
    client = client_for(cast.users["member"])
    assert client.get("/api/v1/notifications/unread").json() == {"unread": 1}
    listed = client.get("/api/v1/notifications/inbox").json()
    assert listed["count"] == 1 and listed["items"][0]["title"] == "报名成功"
    assert client.post(f"/api/v1/notifications/{message.pk}/read").json()["read_at"]
    assert client.get("/api/v1/notifications/unread").json() == {"unread": 0}
    r = client.put("/api/v1/notifications/preferences", {"channels": ["sms"]}, content_type="application/json")
    assert r.status_code == 422 and r.json()["code"] == "channel_unavailable"
    assert client.get("/api/v1/notifications/preferences").json() == {"channels": ["email"], "available": {}}

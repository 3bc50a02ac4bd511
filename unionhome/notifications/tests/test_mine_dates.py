"""The member's page (and ``/api/v1/members/me``) dates a message by the union's calendar, not by UTC: a message
sent at 04:30 Beijing time on 1 December was shown as 30 November."""
import datetime as dt

import pytest

from unionhome.notifications.models import Notification
from unionhome.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_a_message_sent_after_midnight_beijing_time_is_dated_that_day(cast, client_for):
    user = cast.users["member"]
    notify(recipients=[user], event="activities.signup_confirmed", title="清晨的消息", union=cast.union)
    Notification.objects.filter(recipient=user).update(created_at=dt.datetime(2026, 11, 30, 20, 30, tzinfo=dt.UTC))
    me = client_for(user).get("/api/v1/members/me").json()
    (messages,) = [s for s in me["sections"] if s["key"] == "messages"]
    assert [(i["on"], i["text"]) for i in messages["items"]] == [("2026-12-01", "清晨的消息")]

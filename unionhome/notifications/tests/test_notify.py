import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.notifications.models import Delivery, Notification
from unionhome.notifications.services import notification_read, notification_read_all, notify, preference_set
from unionhome.notifications.tests import senders

pytestmark = pytest.mark.django_db
EVENT = "activities.signup_confirmed"
BROKEN = "unionhome.notifications.tests.senders.BrokenSmsSender"
RECORDING = "unionhome.notifications.tests.senders.RecordingWecomSender"


def send(cast, recipients, **kw):
    return notify(recipients=recipients, event=EVENT, union=cast.union, title="报名成功", body="正文", link="/", **kw)


def test_it_writes_one_inbox_message_per_recipient_reaching_workers_through_their_account(cast):
    no_account = cast.workers["group1_worker"]  # on the roster, no login: no inbox
    n = send(cast, [cast.workers["member"], cast.users["chair"], no_account, cast.users["member"]])
    assert n == 2
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"t_member", "t_chair"}


def test_thousands_of_recipients_cost_one_insert_per_thousand(cast):
    User = get_user_model()
    User.objects.bulk_create([User(username=f"bulk{i}") for i in range(2500)], batch_size=1000)
    with CaptureQueriesContext(connection) as q:
        n = send(cast, User.objects.filter(username__startswith="bulk"))
    inserts = [x for x in q.captured_queries if x["sql"].startswith('INSERT INTO "notifications_notification"')]
    # 1,000 rows a statement; SQLite's bound-parameter limit makes Django cut smaller batches there
    fields = [f for f in Notification._meta.concrete_fields if not f.primary_key]
    batch = min(1000, connection.ops.bulk_batch_size(fields, [None] * 2500))
    assert n == 2500 and len(inserts) == -(-2500 // batch)
    if connection.vendor == "postgresql":
        assert len(inserts) == 3


def test_it_refuses_an_undeclared_event_and_a_link_to_another_site(cast):
    with pytest.raises(KeyError):
        notify(recipients=[cast.users["member"]], event="nobody.declared", union=cast.union, title="x")
    with pytest.raises(ValueError):
        notify(recipients=[cast.users["member"]], event=EVENT, union=cast.union, title="x", link="https://evil.example/")


def test_external_channels_are_sent_only_after_the_commit(cast, settings, django_capture_on_commit_callbacks):
    settings.UNIONHOME_NOTIFY_SENDERS = [RECORDING]
    senders.SENT.clear()
    preference_set(actor=cast.users["member"], user=cast.users["member"], channels=["wecom"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send(cast, [cast.users["member"]])
    assert senders.SENT == [] and not Delivery.objects.exists()  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert senders.SENT == [("t_member", "报名成功")]
    assert Delivery.objects.get().status == "sent"


def test_a_rolled_back_write_sends_nothing(cast, settings, django_capture_on_commit_callbacks):
    settings.UNIONHOME_NOTIFY_SENDERS = [RECORDING]
    preference_set(actor=cast.users["member"], user=cast.users["member"], channels=["wecom"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        with transaction.atomic():
            send(cast, [cast.users["member"]])
            raise RuntimeError("the caller's write fails")
    assert callbacks == [] and not Notification.objects.exists()


def test_a_failing_channel_never_loses_the_in_app_message_nor_reaches_the_caller(
        cast, settings, django_capture_on_commit_callbacks):
    settings.UNIONHOME_NOTIFY_SENDERS = [BROKEN, RECORDING]
    senders.SENT.clear()
    preference_set(actor=cast.users["member"], user=cast.users["member"], channels=["sms", "wecom"])
    with django_capture_on_commit_callbacks(execute=True):
        assert send(cast, [cast.users["member"]]) == 1  # no exception
    message = Notification.objects.get()
    by_channel = {d.channel: d for d in message.deliveries.all()}
    assert by_channel["sms"].status == "failed" and "短信网关无响应" in by_channel["sms"].error
    assert by_channel["wecom"].status == "sent" and senders.SENT  # the other channel still went out


def test_email_goes_to_users_with_an_address_when_configured(cast, settings, django_capture_on_commit_callbacks):
    settings.UNIONHOME_NOTIFY_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    member, chair = cast.users["member"], cast.users["chair"]
    member.email = "zhangsan@example.cn"
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        send(cast, [member, chair])
    assert [m.to for m in mail.outbox] == [["zhangsan@example.cn"]]
    assert dict(Delivery.objects.values_list("notification__recipient__username", "status")) == {
        "t_member": "sent", "t_chair": "skipped"}


def test_a_member_who_turns_email_off_gets_only_the_in_app_message(cast, settings, django_capture_on_commit_callbacks):
    settings.UNIONHOME_NOTIFY_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    member = cast.users["member"]
    member.email = "zhangsan@example.cn"
    member.save()
    preference_set(actor=member, user=member, channels=[])
    with django_capture_on_commit_callbacks(execute=True):
        send(cast, [member])
    assert mail.outbox == [] and Notification.objects.count() == 1


def test_without_external_channels_nothing_is_queued(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send(cast, [cast.users["member"]])
    assert callbacks == []


def test_channel_choice_is_audited_and_limited_to_channels_switched_on(cast, settings):
    member = cast.users["member"]
    with pytest.raises(RuleViolation) as exc:
        preference_set(actor=member, user=member, channels=["sms"])
    assert exc.value.code == "channel_unavailable"
    settings.UNIONHOME_NOTIFY_SENDERS = [RECORDING]
    preference_set(actor=member, user=member, channels=["wecom"])
    entry = AuditEntry.objects.get(action="notifications.preference.changed")
    assert entry.actor == member and entry.after == {"channels": ["wecom"]}
    with pytest.raises(RuleViolation):
        preference_set(actor=cast.users["chair"], user=member, channels=[])


def test_read_and_read_all_touch_only_the_readers_own_messages(cast):
    send(cast, [cast.users["member"], cast.users["chair"]])
    send(cast, [cast.users["member"]])
    first = Notification.objects.filter(recipient=cast.users["member"]).first()
    with pytest.raises(RuleViolation):
        notification_read(actor=cast.users["chair"], notification=first)
    notification_read(actor=cast.users["member"], notification=first)
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    assert notification_read_all(actor=cast.users["member"]) == 1
    assert Notification.objects.get(read_at__isnull=True).recipient == cast.users["chair"]

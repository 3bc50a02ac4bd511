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


def test_thousands_of_recipients_cost_one_statement_the_look_up_and_the_inserts_together(cast):
    User = get_user_model()
    User.objects.bulk_create([User(username=f"bulk{i}") for i in range(2500)], batch_size=1000)
    with CaptureQueriesContext(connection) as q:
        n = send(cast, User.objects.filter(username__startswith="bulk"))
    statements = [x["sql"] for x in q.captured_queries if not x["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))]
    assert n == 2500 and len(statements) == 1, statements
    assert statements[0].startswith('INSERT INTO "notifications_notification"') and " SELECT " in statements[0]
    assert Notification.objects.filter(recipient__username__startswith="bulk").count() == 2500


def test_a_message_to_a_worker_is_one_statement_without_a_savepoint(cast):
    """The burst paths' confirmation (a sign-up's): no recipient look-up of its own, no savepoint pair."""
    from unionhome.members.models import Worker

    with transaction.atomic(), CaptureQueriesContext(connection) as q:
        n = send(cast, Worker.objects.filter(pk=cast.workers["member"].pk))
    assert n == 1 and len(q.captured_queries) == 1, q.captured_queries
    assert Notification.objects.get().recipient == cast.users["member"]


def test_an_error_in_the_message_rolls_back_the_change_it_tells_of(cast):
    """No savepoint: a message that cannot be written fails the caller's whole transaction."""
    from django.db import IntegrityError

    from unionhome.core.models import Union

    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.create(union=cast.union, action="x.y", target_type="t", target_id="1")
        notify(recipients=get_user_model().objects.filter(pk=cast.users["member"].pk), event=EVENT,
               union=Union(pk=10**9), title="x")  # a union that does not exist: the FK refuses the row
        connection.check_constraints()
    assert not AuditEntry.objects.filter(action="x.y").exists() and not Notification.objects.exists()


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

"""A large mailing's external sends wait in the database queue for the worker (``manage.py db_worker``)."""
import pytest
from django.core.management import call_command
from django.db import transaction

from unionhome.notifications.models import Delivery, Notification
from unionhome.notifications.services import notify, preference_set
from unionhome.notifications.tests import senders

# real commits: the worker, like the real one, reads what the request committed
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.UNIONHOME_NOTIFY_SENDERS = ["unionhome.notifications.tests.senders.RecordingWecomSender"]


def test_the_request_only_queues_the_sends_and_the_worker_sends_them(cast, database_queue):
    from django_tasks_db.models import DBTaskResult

    senders.SENT.clear()
    for role in ("member", "chair"):
        preference_set(actor=cast.users[role], user=cast.users[role], channels=["wecom"])
    with transaction.atomic():  # the request's transaction
        notify(recipients=[cast.users["member"], cast.users["chair"]], event="elections.opened", union=cast.union,
               title="选举开始", link="/")
    assert Notification.objects.count() == 2
    assert senders.SENT == [] and not Delivery.objects.exists()  # nothing sent in the request
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--queue-name", "*", verbosity=0)
    assert sorted(senders.SENT) == [("t_chair", "选举开始"), ("t_member", "选举开始")]
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}

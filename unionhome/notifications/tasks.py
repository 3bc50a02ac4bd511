"""Background sends: the external channels of a large mailing run in the worker, not in the request."""
from django_tasks import task

from unionhome.notifications.delivery import deliver


@task()
def deliver_messages(notification_ids: list[int]) -> dict:
    return deliver(notification_ids)

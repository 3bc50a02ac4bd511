"""The control of the sign-up race tests: the place is taken by the classic check-then-write race instead of
the conditional UPDATE under the activity's row lock. Test code only: patched in by ``unprotected()`` (thread
bursts) or by ``unsafe_wsgi`` (the gunicorn burst)."""
from __future__ import annotations

import time
from unittest import mock

from unionhome.activities import services
from unionhome.activities.models import Activity, Signup


def take_place_unlocked(activity: Activity, group_id: int | None, *, for_signup: bool = False) -> bool:
    """Count the accepted sign-ups, compare with the capacity, pause, then say yes: no lock, no counter."""
    current = Activity.objects.get(pk=activity.pk)
    taken = Signup.objects.filter(activity=activity, status=Signup.Status.ACCEPTED).count()
    if current.capacity is not None and taken >= current.capacity:
        return False
    time.sleep(0.2)
    return True


def unprotected():
    # Both ways a place is counted: the locked one and the optimistic sign-up's last UPDATE.
    return mock.patch.multiple(services, _take_place=take_place_unlocked,
                               _take_place_last=lambda activity: take_place_unlocked(activity, None))

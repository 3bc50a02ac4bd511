"""The control of the sign-up race tests: the place is taken by the classic check-then-write race instead of
the conditional UPDATE under the activity's row lock. Test code only: patched in by ``unprotected()`` (thread
bursts) or by ``unsafe_wsgi`` (the gunicorn burst).

The race is held open by a meeting point after the read (``places_read``), never by a pause: in threads with
``core.testing.race.met``; across gunicorn's worker processes with ``processes_meet`` (a barrier made before
the workers are forked). Every caller at the meeting point has read the places before any has taken one, so
the control oversells every time."""
from __future__ import annotations

import contextlib
import multiprocessing
import threading
from unittest import mock

from unionhome.activities import services
from unionhome.activities.models import Activity, Signup


def places_read(activity: Activity) -> tuple[int | None, int]:
    """The read the row lock guards: the capacity and the places taken, as committed now."""
    current = Activity.objects.get(pk=activity.pk)
    return current.capacity, Signup.objects.filter(activity=activity, status=Signup.Status.ACCEPTED).count()


def take_place_unlocked(activity: Activity, group_id: int | None, *, for_signup: bool = False) -> bool:
    """Count the accepted sign-ups, compare with the capacity, then say yes: no lock, no counter."""
    capacity, taken = places_read(activity)
    return capacity is None or taken < capacity


def unprotected():
    # Both ways a place is counted: the locked one and the optimistic sign-up's last UPDATE.
    return mock.patch.multiple(services, _take_place=take_place_unlocked,
                               _take_place_last=lambda activity: take_place_unlocked(activity, None))


def processes_meet(parties: int, *, timeout: float = 60):
    """Patch ``places_read`` so each process, after its first read, waits until ``parties`` processes have
    read (``met`` for processes). Made in gunicorn's master (``--preload``): the forked workers share the
    barrier, and each has its own "already met" flag."""
    barrier = multiprocessing.Barrier(parties)
    first = threading.Event()
    original = places_read

    def meeting(activity):
        result = original(activity)
        if not first.is_set():
            first.set()
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout)
        return result

    return mock.patch(f"{__name__}.places_read", meeting)

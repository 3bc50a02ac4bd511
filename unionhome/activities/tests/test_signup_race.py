"""No oversell, ever (docs/reliability.md tests 1–2), on PostgreSQL.

- A burst of sign-up calls in threads (``core.testing.race``): the places are filled exactly, and the control —
  the place taken by a check-then-write instead of the conditional UPDATE under the row lock, every caller held
  after its read until all have read (``met``) — oversells every time.
- 1,000 simultaneous sign-ups (800 members + 200 duplicates) for 40 places against gunicorn: the whole HTTP path;
  its control serves the same patch (``unsafe_wsgi``), the worker processes meeting after their first read, and
  must oversell.
"""
import itertools
import random
from collections import Counter
from types import SimpleNamespace

import pytest

from unionhome.activities.models import Activity, Signup
from unionhome.activities.services import signup_create
from unionhome.activities.tests import signup_control
from unionhome.activities.tests.burst import Server, burst_activity, fire, seed_members
from unionhome.core.testing.race import all_of, met, race
from unionhome.members.models import Worker
from unionhome.org.services import union_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PLACES, MEMBERS, CALLERS = 5, 24, 30
_unions = itertools.count(1)


def _activity_with_members():
    n = next(_unions)
    union = union_create(actor=None, name=f"抢报线程测试工会{n}", code=f"RT{n}")
    seed_members(union, MEMBERS, prefix=f"rt{n}")
    workers = list(Worker.objects.filter(union=union).order_by("pk"))
    return SimpleNamespace(activity=burst_activity(union, capacity=PLACES), workers=workers)


def _sign_up(state, i):
    # the first 24 callers are 24 members, the last 6 sign up a second time
    return signup_create(actor=None, activity=state.activity, worker=state.workers[i % MEMBERS])


def _places_filled_exactly(burst):
    activity = burst.state.activity
    accepted = Signup.objects.filter(activity=activity, status="accepted")
    assert accepted.count() == PLACES, burst.summary()
    assert accepted.values("worker_id").distinct().count() == PLACES
    assert Activity.objects.get(pk=activity.pk).accepted_count == PLACES
    assert set(burst.codes) <= {"full", "already_signed_up"}, burst.summary()


def _unprotected_and_met():
    # Each member's sign-up row is written before the place is taken (the optimistic path), so a second sign-up
    # of the same member waits at the unique key until the first commits: only the first of each reaches the read.
    return all_of(signup_control.unprotected(), met(signup_control, "places_read", MEMBERS))


def test_a_burst_of_signups_fills_the_places_exactly_and_the_control_oversells():
    race(prepare=_activity_with_members, call=_sign_up, n=CALLERS, check=_places_filled_exactly,
         control=_unprotected_and_met)


def _burst(unsafe: bool, members: int = 800, duplicates: int = 200, capacity: int = 40, workers: int | None = None):
    union = union_create(actor=None, name="抢报测试工会", code="RACE")
    tokens = seed_members(union, members)
    activity = burst_activity(union, capacity=capacity)
    requests = tokens + random.Random(4).sample(tokens, duplicates)
    random.Random(5).shuffle(requests)
    with Server(unsafe=unsafe, workers=workers) as server:
        result = fire(server, activity.pk, requests)
    return activity, result


def test_a_thousand_simultaneous_signups_fill_exactly_forty_places():
    activity, result = _burst(unsafe=False)
    summary = Counter(zip(result.statuses, result.messages)).most_common(8), round(result.elapsed, 1)
    accepted = Signup.objects.filter(activity=activity, status="accepted")
    assert accepted.count() == 40, summary
    assert accepted.values("worker_id").distinct().count() == 40
    assert Activity.objects.get(pk=activity.pk).accepted_count == 40
    assert result.count(201) == 40
    assert [s for s in result.statuses if s >= 500] == []
    losers = [(s, m) for s, m in zip(result.statuses, result.messages) if s != 201]
    assert len(losers) == 960
    assert all(s == 409 and m in ("名额已满", "已报名") for s, m in losers), set(losers)
    # Latency is not asserted: all 1,000 requests are queued at once, so p95 ≈ the burst's wall time,
    # which on this shared 2-core machine says more about the neighbours than about us (see docs/benchmarks.md).


def test_control_without_the_lock_oversells():
    # The same server with the place taken by a check-then-write (signup_control.take_place_unlocked patched in
    # by unsafe_wsgi), each worker process held after its first read until all have read: every worker then
    # takes a place, more than the places there are. Fewer places than workers, and no duplicates (a second
    # sign-up would wait at the unique key for a first one held at the meeting point).
    workers = 5
    activity, result = _burst(unsafe=True, members=60, duplicates=0, capacity=workers - 2, workers=workers)
    summary = Counter(zip(result.statuses, result.messages)).most_common(8), round(result.elapsed, 1)
    assert Signup.objects.filter(activity=activity, status="accepted").count() == workers, summary


def test_one_form_token_sent_twenty_times_signs_up_once():
    union = union_create(actor=None, name="重复提交测试工会", code="IDEM")
    tokens = seed_members(union, 1, prefix="idem")
    activity = burst_activity(union, capacity=5)
    with Server(workers=3) as server:
        result = fire(server, activity.pk, tokens * 20, keys=["form-token-1"] * 20)
    assert Signup.objects.filter(activity=activity).count() == 1
    assert [s for s in result.statuses if s not in (201, 409)] == []
    assert result.count(201) >= 1

"""``core.testing.race.met``: the meeting point the concurrency controls rely on (no database needed)."""
import threading
import types

from unionhome.core.testing.race import met


def _run_together(fn, n):
    threads = [threading.Thread(target=fn, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)


def test_every_caller_has_read_before_any_goes_on():
    events, lock = [], threading.Lock()
    target = types.SimpleNamespace(read=lambda i: events.append(("read", i)))

    def caller(i):
        target.read(i)
        with lock:
            events.append(("write", i))

    with met(target, "read", 3):
        _run_together(caller, 3)
    kinds = [kind for kind, _ in events]
    assert kinds == ["read"] * 3 + ["write"] * 3, events


def test_a_second_call_in_the_same_thread_passes_straight_through_and_a_missing_caller_does_not_hang():
    calls = []
    target = types.SimpleNamespace(read=lambda: calls.append(1))
    with met(target, "read", 2, timeout=0.2):  # the second party never comes: released after the timeout
        target.read()
        target.read()
    assert len(calls) == 2

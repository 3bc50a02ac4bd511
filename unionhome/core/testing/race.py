"""One way to write a concurrency test: a burst of parallel callers on PostgreSQL, and its control.

``race(prepare=, call=, n=, check=, control=)``:

1. ``state = prepare()`` builds fresh rows (committed: the test is ``django_db(transaction=True)``);
2. ``n`` threads, each with its own database connection, wait at a barrier and then all run
   ``call(state, i)`` at once; results and exceptions are collected per caller, and every thread closes
   its connections;
3. ``check(burst)`` asserts the invariant (no oversell, one ballot per voter, no lost update…);
4. the control: ``prepare()`` again, then the same burst inside ``control()`` — a context manager that
   switches the protection off by a patch (``unittest.mock.patch`` of the lock helper, a constraint
   dropped for the run) — and ``check`` must now FAIL. A control that passes fails the test: the burst
   could not have caught the race it claims to guard against.

Hold a race window open with ``met(target, attribute, n)`` (every caller waits after that call until all
``n`` have made it), or widen it with ``slowed(target, attribute, seconds)`` (a pause injected by a patch);
never with a sleep in production code. ``met`` is certain; a pause can be outrun on a loaded machine.
Only PostgreSQL has the row locks these tests are about: on any other database ``race`` skips the test
with a reason.
"""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import pytest
from django.db import connection, connections

BARRIER_TIMEOUT = 60  # seconds: a thread that never reaches the barrier breaks it instead of hanging the suite
JOIN_TIMEOUT = 300


@dataclass
class Burst:
    """What a burst did: ``results[i]`` is what caller ``i`` returned (None when it raised ``errors[i]``)."""

    state: Any
    results: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    control: bool = False
    control_failure: str = ""

    @property
    def succeeded(self) -> list:
        return [r for r, e in zip(self.results, self.errors) if e is None]

    @property
    def failed(self) -> list[BaseException]:
        return [e for e in self.errors if e is not None]

    @property
    def codes(self) -> list[str]:
        """The stable codes of the domain errors raised (``Conflict("already_voted")`` → ``"already_voted"``),
        the class name for any other exception."""
        return [getattr(e, "code", None) or type(e).__name__ for e in self.failed]

    def summary(self) -> str:
        from collections import Counter

        return f"{len(self.succeeded)} succeeded, failures: {dict(Counter(self.codes))}"


def _require_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks / concurrency): run with DB=pg ./test")
    if connection.in_atomic_block:
        raise RuntimeError("a race test needs committed rows: mark it @pytest.mark.django_db(transaction=True)")


def burst(call: Callable[[Any, int], Any], n: int, *, state: Any = None, threads: int | None = None) -> Burst:
    """Run ``call(state, i)`` for i in 0..n-1 on ``threads`` threads (default: one per caller) released together."""
    threads = min(threads or n, n)
    outcome = Burst(state=state, results=[None] * n, errors=[None] * n)
    barrier = threading.Barrier(threads)

    def work(indices: list[int]) -> None:
        try:
            connection.ensure_connection()  # connect before the barrier: a slow connect must not skew the start
            barrier.wait(timeout=BARRIER_TIMEOUT)
            for i in indices:
                try:
                    outcome.results[i] = call(state, i)
                except Exception as exc:  # collected; the check decides what is acceptable
                    outcome.errors[i] = exc
        except threading.BrokenBarrierError as exc:
            for i in indices:
                outcome.errors[i] = exc
        finally:
            connections.close_all()  # this thread's own connections

    workers = [threading.Thread(target=work, args=(list(range(t, n, threads)),), daemon=True) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(JOIN_TIMEOUT)
    if any(w.is_alive() for w in workers):
        raise RuntimeError(f"a race caller did not finish within {JOIN_TIMEOUT} s (deadlock?)")
    return outcome


def race(*, prepare: Callable[[], Any], call: Callable[[Any, int], Any], n: int,
         check: Callable[[Burst], None], control: Callable[[], contextlib.AbstractContextManager] | None,
         threads: int | None = None) -> Burst:
    """The burst with the protection in place must pass ``check``; the same burst under ``control()`` must fail
    it. ``control=None`` is refused: a concurrency test without a control cannot show it would see the race."""
    _require_postgres()
    if control is None:
        raise ValueError("race() needs control=: a patch that disables the lock or constraint under test")
    real = burst(call, n, state=prepare(), threads=threads)
    check(real)
    state = prepare()
    with control():
        unsafe = burst(call, n, state=state, threads=threads)
        unsafe.control = True
        try:
            check(unsafe)
        except AssertionError as caught:
            real.control_failure = f"{unsafe.summary()}: {caught}"  # what the control showed, for the reader
            return real
    raise AssertionError("the control run (protection switched off) passed the check: this burst cannot detect the "
                         f"race it guards against ({unsafe.summary()})")


@contextlib.contextmanager
def met(target: Any, attribute: str, parties: int, *, before: bool = False, timeout: float = 20) -> Iterator[None]:
    """Patch ``target.attribute`` so each caller, after its first call returns (or ``before`` it runs), waits
    until ``parties`` callers have got there: every read is done before any write, for certain.

    A control built on a pause can miss its window on a loaded machine — the second caller
    arrives after the first has committed and the unprotected run passes. A meeting point cannot miss it.
    Later calls in the same thread pass straight through; a caller that never arrives (it failed earlier)
    releases the others after ``timeout`` seconds."""
    original = getattr(target, attribute)
    barrier = threading.Barrier(parties)
    local = threading.local()

    def meet() -> None:
        if getattr(local, "met", False):
            return
        local.met = True
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout)

    def meeting(*args, **kwargs):
        if before:
            meet()
        result = original(*args, **kwargs)
        if not before:
            meet()
        return result

    with mock.patch.object(target, attribute, meeting):
        yield


@contextlib.contextmanager
def all_of(*managers: contextlib.AbstractContextManager) -> Iterator[None]:
    """Several patches as one control (``control=lambda: all_of(patch_a(), patch_b())``)."""
    with contextlib.ExitStack() as stack:
        for m in managers:
            stack.enter_context(m)
        yield


@contextlib.contextmanager
def constraint_dropped(model, name: str, *, cleanup: Callable[[], Any]) -> Iterator[None]:
    """A model's database constraint dropped for a control run. Afterwards ``cleanup()`` deletes the rows that
    break it (the control's bad outcome) and the constraint is put back, so the rest of the suite has it."""
    constraint = next(c for c in model._meta.constraints if c.name == name)
    with connection.schema_editor() as editor:
        editor.remove_constraint(model, constraint)
    try:
        yield
    finally:
        cleanup()
        with connection.schema_editor() as editor:
            editor.add_constraint(model, constraint)


@contextlib.contextmanager
def sql_constraint_dropped(*, drop: str, add: str, cleanup: Callable[[], Any]) -> Iterator[None]:
    """The same for a constraint written in SQL by a migration (an exclusion constraint): ``drop`` / ``add``."""
    with connection.cursor() as cursor:
        cursor.execute(drop)
    try:
        yield
    finally:
        cleanup()
        with connection.cursor() as cursor:
            cursor.execute(add)

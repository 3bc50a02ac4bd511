"""Data built once for a test module: a transaction around the module's tests, rolled back at its end.

It is opened the way Django's ``TestCase`` opens its class-wide transaction (``setUpTestData``): each test's own
atomic (pytest-django's ``db``) nests in it as a savepoint, so what one test writes the next does not see, and the
data built once (the cast, the demo union's year) is there for every test. Only for modules whose tests all run in
that savepoint: a ``transactional_db`` or ``live_server`` test commits and flushes, and must build its own.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, transaction


@contextmanager
def module_transaction(django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock():
        outer = transaction.atomic(using=DEFAULT_DB_ALIAS)
        outer._from_testcase = True  # as TestCase marks its own: a durable atomic inside it is allowed
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
            outer.__exit__(None, None, None)

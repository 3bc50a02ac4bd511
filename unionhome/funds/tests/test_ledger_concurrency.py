"""Reliability test 11 on PostgreSQL: parallel postings (threads, one connection each) keep every entry,
unique gap-free voucher numbers and Σ entries == balance; the control without the book lock must clash."""
import datetime as dt
import threading
import time
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection

from unionhome.funds import queries
from unionhome.funds.models import LedgerEntry
from unionhome.funds.services import entry_post

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS, EACH = 8, 5


def _slow_save(monkeypatch):
    # widen the window between choosing a voucher number and inserting it, as pretix's
    # "sleep-after-quota-check" does, so a missing lock is caught every time
    original = LedgerEntry.save

    def save(self, *args, **kwargs):
        time.sleep(0.02)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(LedgerEntry, "save", save)


def _run(cast, *, lock: bool):
    from unionhome.funds.chart import reference_data_ensure

    reference_data_ensure()  # a previous transactional test's flush emptied the chart: not this test's subject
    barrier = threading.Barrier(THREADS)
    posted, failures = [], []

    def worker(n):
        try:
            barrier.wait()
            for i in range(EACH):
                amount = Decimal(f"{n + 1}.{i:02d}")
                try:
                    entry_post(actor=None, union=cast.union, on=dt.date(2025, 6, 1 + n), kind="income",
                               category="dues", subcategory="", amount=amount, _lock=lock)
                    posted.append(amount)
                except IntegrityError as err:
                    failures.append(err)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return posted, failures


def test_parallel_postings_keep_every_entry_and_the_balance_equals_the_sum(cast, monkeypatch):
    _slow_save(monkeypatch)
    posted, failures = _run(cast, lock=True)
    assert failures == [] and len(posted) == THREADS * EACH
    numbers = sorted(LedgerEntry.objects.filter(union=cast.union).values_list("number", flat=True))
    assert numbers == list(range(1, THREADS * EACH + 1))
    assert queries.balance(cast.union, 2025) == sum(posted) == sum(
        LedgerEntry.objects.filter(union=cast.union).values_list("amount", flat=True))


def test_control_without_the_book_lock_the_race_is_caught(cast, monkeypatch):
    _slow_save(monkeypatch)
    posted, failures = _run(cast, lock=False)
    assert failures, "the harness must be able to produce the race (duplicate voucher numbers)"
    assert len(posted) + len(failures) == THREADS * EACH
    assert queries.balance(cast.union, 2025) == sum(posted)

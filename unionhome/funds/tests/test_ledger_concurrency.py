"""Reliability test 11 on PostgreSQL: parallel postings (threads, one connection each) keep every entry,
unique gap-free voucher numbers and Σ entries == balance. The control reads the book without its row lock and
holds every caller after that read until all have read it (``met``): all then choose the same voucher number and
the unique key on (book, number) refuses all but one, every time (a pause after the read could be outrun)."""
import contextlib
import datetime as dt
import itertools
from decimal import Decimal
from unittest import mock

import pytest

from unionhome.core.testing.race import all_of, met, race
from unionhome.funds import queries, services
from unionhome.funds.models import LedgerBook, LedgerEntry
from unionhome.funds.services import entry_post
from unionhome.org.services import union_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
CALLERS, EACH = 8, 5
_unions = itertools.count(1)
_prepared = []


def _fresh_union():
    n = next(_unions)
    _prepared.append(union_create(actor=None, name=f"记账并发测试工会{n}", code=f"LC{n}"))
    return _prepared[-1]


def _post_five(union, n):
    posted = []
    for i in range(EACH):
        amount = Decimal(f"{n + 1}.{i:02d}")
        entry_post(actor=None, union=union, on=dt.date(2025, 6, 1 + n), kind="income", category="dues",
                   subcategory="", amount=amount)
        posted.append(amount)
    return posted


def _every_entry_kept_gap_free(burst):
    union = burst.state
    assert burst.failed == [], burst.summary()
    posted = [a for amounts in burst.results for a in amounts]
    numbers = sorted(LedgerEntry.objects.filter(union=union).values_list("number", flat=True))
    assert numbers == list(range(1, CALLERS * EACH + 1))
    assert queries.balance(union, 2025) == sum(posted) == sum(
        LedgerEntry.objects.filter(union=union).values_list("amount", flat=True))


def _book_unlocked(union, year):
    return LedgerBook.objects.get_or_create(union=union, year=year)[0]


@contextlib.contextmanager
def _book_opened():
    # The control's book exists before its burst (the real burst opens it): a caller creating it would hold the
    # others at the book's unique key while it waits for them at the meeting point.
    LedgerBook.objects.get_or_create(union=_prepared[-1], year=2025)
    yield


def _unlocked_and_met():
    # the first posting of each caller: every one has read the book's last number before any inserts
    return all_of(_book_opened(), mock.patch.object(services, "_locked_book", _book_unlocked),
                  met(services, "_locked_book", CALLERS))


def test_parallel_postings_keep_every_entry_and_the_balance_equals_the_sum_and_the_control_clashes():
    race(prepare=_fresh_union, call=_post_five, n=CALLERS, check=_every_entry_kept_gap_free,
         control=_unlocked_and_met)

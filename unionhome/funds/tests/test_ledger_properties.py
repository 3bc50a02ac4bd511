"""Reliability test 11: random postings, reversals and sign-offs keep the ledger's invariants."""
import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.funds import queries
from unionhome.funds.models import LedgerEntry
from unionhome.funds.services import entry_post, entry_reverse, period_signoff

ACCOUNTS = [("income", "dues", ""), ("income", "allocation", ""), ("expense", "activity", "culture_sports"),
            ("expense", "rights", "warmth"), ("expense", "capital", "")]
TODAY = dt.date(2026, 1, 15)
_codes = itertools.count()


class LedgerMachine(RuleBasedStateMachine):
    entries = Bundle("entries")

    def __init__(self):
        super().__init__()
        from unionhome.org.services import union_create

        self.union = union_create(actor=None, name="性质测试工会", code=f"HYP{next(_codes)}")
        self.expected = Decimal("0")
        self.closed: dict[int, int] = {}  # month → entries in it when signed off
        self.reversed: set[int] = set()

    def _count(self, month):
        return LedgerEntry.objects.filter(union=self.union, on__year=2025, on__month=month).count()

    @rule(target=entries, account=st.sampled_from(ACCOUNTS), month=st.integers(1, 12), day=st.integers(1, 28),
          cents=st.integers(1, 10_000_000))
    def post(self, account, month, day, cents):
        kind, category, sub = account
        amount = Decimal(cents) / 100
        try:
            entry = entry_post(actor=None, union=self.union, on=dt.date(2025, month, day), kind=kind,
                               category=category, subcategory=sub, amount=amount)
        except Conflict as err:
            assert err.code == "period_closed" and month in self.closed
            return None
        assert month not in self.closed
        self.expected += amount if kind == "income" else -amount
        return entry

    @rule(entry=entries, month=st.integers(1, 12))
    def reverse(self, entry, month):
        if entry is None:
            return
        try:
            rev = entry_reverse(actor=None, entry=entry, reason="性质测试", on=dt.date(2025, month, 28))
        except RuleViolation as err:  # a reversal is never dated before the entry it corrects
            assert err.code == "reversal_before_entry" and dt.date(2025, month, 28) < entry.on
            return
        except Conflict as err:
            assert (err.code == "already_reversed" and entry.pk in self.reversed) or \
                   (err.code == "period_closed" and month in self.closed)
            return
        assert entry.pk not in self.reversed and month not in self.closed
        self.reversed.add(entry.pk)
        self.expected -= entry.signed_amount
        assert rev.amount == -entry.amount

    @rule(month=st.integers(1, 12))
    def sign_off(self, month):
        try:
            period_signoff(actor=None, union=self.union, year=2025, month=month, today=TODAY)
        except Conflict:
            assert month in self.closed
            return
        self.closed[month] = self._count(month)

    @invariant()
    def balance_is_the_sum_of_entries(self):
        entries = list(LedgerEntry.objects.filter(union=self.union))
        total = sum((e.signed_amount for e in entries), Decimal("0"))
        assert queries.balance(self.union, 2025) == total == self.expected
        totals = queries.year_totals(self.union, 2025)
        assert totals["closing"] == total
        assert sum((r["total"] if r["kind"] == "income" else -r["total"]
                    for r in queries.category_totals(self.union, 2025)), Decimal("0")) == total

    @invariant()
    def reversed_pairs_net_to_zero(self):
        for rev in LedgerEntry.objects.filter(union=self.union, reverses__isnull=False).select_related("reverses"):
            assert rev.amount + rev.reverses.amount == 0 and rev.kind == rev.reverses.kind

    @invariant()
    def closed_periods_do_not_change(self):
        for month, count in self.closed.items():
            assert self._count(month) == count


@pytest.mark.django_db
def test_ledger_invariants_hold_over_random_postings_reversals_and_sign_offs():
    run_state_machine_as_test(LedgerMachine, settings=settings(
        max_examples=15, stateful_step_count=15, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))

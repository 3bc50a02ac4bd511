"""The only place care touches the funds ledger: through the funds services' fixed interface.

Assistance and 送温暖 are booked under the category keys ``care.hardship_aid`` / ``care.warmth`` (the rule figure
``funds.source_categories``: 维权支出 → 困难职工帮扶费 / 送温暖费, regulations §5);
member welfare (visits, festival gifts to retirees) goes through ``welfare_payout``, which checks the
province's caps, forms and festivals (rules 16–18) and posts the entry. ``amount_checked`` reads an
amount typed into a care form before it goes anywhere near the books.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from unionhome.core.money import parse_money


def amount_checked(value, field: str) -> Decimal:
    """A non-negative amount with at most two decimals (the one money parser); a blank one is zero."""
    return parse_money(value, field=field, blank_zero=True, negative=False)


def welfare_payout(**kwargs):
    from unionhome.funds.services import welfare_payout as payout

    return payout(**kwargs)


def post_rights_expense(*, actor, on: dt.date, amount: Decimal, warmth: bool, counterparty: str, note: str, source):
    from unionhome.funds.services import entry_post_for

    return entry_post_for(actor=actor, source=source, category_key="care.warmth" if warmth else "care.hardship_aid",
                          amount=amount, on=on, counterparty=counterparty, note=note, confidential=True)

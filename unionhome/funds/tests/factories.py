"""Helpers that set up funds data through the real services."""
import datetime as dt
from decimal import Decimal

from unionhome.funds.services import entry_post


def post(cast, *, amount="100.00", kind="expense", category="activity", subcategory="culture_sports",
         on=dt.date(2025, 3, 10), actor=None, **extra):
    return entry_post(actor=actor or cast.users["finance"], union=cast.union, on=on, kind=kind, category=category,
                      subcategory=subcategory, amount=Decimal(amount), **extra)


def income(cast, amount="1000.00", on=dt.date(2025, 1, 5), category="allocation", **extra):
    return post(cast, amount=amount, kind="income", category=category, subcategory="", on=on, **extra)

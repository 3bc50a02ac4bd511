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


def policy(province="福建", *, effective_from=dt.date(2025, 1, 1), caps=None, festivals=(), festival_caps=None,
           forms=("goods", "voucher"), actor=None, publisher=None, name="", **extra):
    """A published version of a province's welfare policy, through the editor's services (as the platform: the
    dates of tests lie in earlier years)."""
    from unionhome.core.models import Union
    from unionhome.funds.services_policy import PolicyDraft, policy_draft_save, policy_publish

    publisher = publisher or Union.objects.filter(kind="federation").first() or Union.objects.first()
    draft = PolicyDraft(province=province, name=name or f"测试：{province}{effective_from:%Y}", source="test",
                        effective_from=effective_from, forms=tuple(forms),
                        items=tuple((caps or {}).items()),
                        festivals=tuple((f, (festival_caps or {}).get(f)) for f in festivals), **extra)
    saved = policy_draft_save(actor=actor, publisher=publisher, draft=draft)
    return policy_publish(actor=actor, publisher=publisher, policy=saved)

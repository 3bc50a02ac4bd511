"""Reads for welfare policies and for payouts made under the national rule (see ``services_policy``)."""
from __future__ import annotations

from django.db.models import QuerySet

from unionhome.funds.models import WelfarePayout, WelfarePolicy


def policy_versions(province: str) -> QuerySet[WelfarePolicy]:
    """Every version of a province's policy, newest start first, drafts included."""
    return (WelfarePolicy.objects.filter(province=province).select_related("published_by", "publisher")
            .prefetch_related("items", "festival_rows").order_by("-effective_from", "-id"))


def unconfirmed_payouts(union) -> QuerySet[WelfarePayout]:
    """Payouts made under the national rule that the chair has not confirmed yet, oldest first."""
    return (WelfarePayout.objects.unconfirmed().filter(union=union).select_related("worker", "recorded_by")
            .order_by("on", "id"))

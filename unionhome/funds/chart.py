"""The reference data every reading and writing of the books looks up: the chart of accounts and the
provinces' welfare policies in force on a date (regulations §2.1–§2.3, rule 15). The data itself lives in the
data migrations (funds/migrations 0002, 0003), never in app code; this module only reads it.

Its own module so that the services (writes), the queries (reads) and the export all depend on it and
never on each other in a circle.
"""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext

from unionhome.core.errors import RuleViolation
from unionhome.core.rules import rule_value
from unionhome.funds.models import AccountItem, Kind, WelfarePolicy


def account_item_for(*, kind: str, category: str, subcategory: str, on: dt.date) -> AccountItem:
    """Rule 15: the posting's category and sub-item must be in the chart of accounts in force on ``on``."""
    if kind not in Kind.values:
        raise RuleViolation("kind_invalid", gettext("收支类型应为“收入”或“支出”"), field="kind")
    if not category:
        raise RuleViolation("uncategorised", gettext("凭证必须填写经费科目（规则15：不得记入未分类科目）"), field="category")
    in_force = AccountItem.objects.filter(kind=kind, category=category, effective_from__lte=on).exclude(
        effective_to__lt=on)
    items = {i.subcategory: i for i in in_force}
    if "" not in items:
        raise RuleViolation("category_unknown", gettext("经费科目“%(category)s”不在%(on)s施行的%(label)s科目表中") % {
            "category": category, "on": format(on, "%Y-%m-%d"), "label": Kind(kind).label}, field="category")
    has_subs = len(items) > 1
    if has_subs and not subcategory:
        raise RuleViolation("subcategory_required", gettext("“%(name)s”须选择明细科目（规则15）") % {
            "name": items[""].name}, field="subcategory")
    if subcategory not in items or (subcategory and not has_subs):
        raise RuleViolation("subcategory_unknown", gettext("明细科目“%(subcategory)s”不属于“%(name)s”") % {
            "subcategory": subcategory, "name": items[""].name}, field="subcategory")
    return items[subcategory]


def chart_in_force(on: dt.date) -> list[AccountItem]:
    return list(AccountItem.objects.filter(effective_from__lte=on).exclude(effective_to__lt=on))


def category_names(on: dt.date) -> dict[tuple[str, str, str], str]:
    return {(i.kind, i.category, i.subcategory): i.label for i in chart_in_force(on)}


def _province(union) -> str:
    return (getattr(union, "province", "") or "").strip().removesuffix("省")


def policy_in_force(union, on: dt.date) -> WelfarePolicy | None:
    """The published version for the union's province with the latest start not after ``on`` (a newer version
    supersedes the older from its date on); drafts never apply."""
    return (WelfarePolicy.objects.filter(province=_province(union), effective_from__lte=on, published_at__isnull=False)
            .exclude(effective_to__lt=on).prefetch_related("items", "festival_rows")
            .order_by("-effective_from").first())


def source_category_choices(prefix: str, *, union=None, on: dt.date) -> list[tuple[str, str]]:
    """The category keys under ``prefix`` (e.g. ``"activities.cost."``), without it, each named by its chart item:
    the choices a page offers for a kind of source (rule figure ``funds.source_categories``)."""
    names = category_names(on)
    return [(key.removeprefix(prefix), names.get(tuple(item), key))
            for key, item in rule_value("funds.source_categories", union=union, on=on).items()
            if key.startswith(prefix)]

"""One entry to the ledger (issue 13 §4): every app outside funds posts through ``entry_post_for`` (or
``welfare_payout``), under a category key whose chart item is the rule figure ``funds.source_categories``; none
writes ledger rows itself, calls the manual ``entry_post`` or passes a chart-of-accounts code."""
from __future__ import annotations

import ast
import datetime as dt
import importlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from unionhome.core.errors import RuleViolation
from unionhome.core.models import RuleSetting
from unionhome.core.rules import rule_value
from unionhome.core.tests.test_layers import APPS, PACKAGE, app_modules
from unionhome.funds.queries import entries_for
from unionhome.funds.services import entry_post_for, entry_reverse

LEDGER_MODELS = {"LedgerEntry", "LedgerBook"}
WRITES = {"create", "bulk_create", "get_or_create", "update_or_create", "update", "delete", "save"}
POSTING = {"entry_post", "_insert", "_locked_book"}  # funds' own writes; other apps use entry_post_for
# the chart's codes, read from the data migration that holds the reference data (it lives in migrations only)
reference = importlib.import_module("unionhome.funds.migrations.0002_chart_of_accounts")
CODES = ({code for code, *_ in reference.INCOME} | {code for code, *_ in reference.EXPENSE}
         | {sub for *_, subs in reference.EXPENSE for sub, _name in subs}
         | {number for _c, _n, number in reference.INCOME} | {number for _c, _n, number, _s in reference.EXPENSE})


def ledger_bypasses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("unionhome.funds"):
            found += [f"{node.lineno}: imports {a.name}" for a in node.names if a.name in POSTING]
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in LEDGER_MODELS | POSTING:
                found.append(f"{node.lineno}: calls {func.id}")
            elif isinstance(func, ast.Attribute):
                if func.attr in POSTING:
                    found.append(f"{node.lineno}: calls {func.attr}")
                chain, inner = [], func
                while isinstance(inner, ast.Attribute):
                    chain.append(inner.attr)
                    inner = inner.value
                if isinstance(inner, ast.Name) and inner.id in LEDGER_MODELS and func.attr in WRITES:
                    found.append(f"{node.lineno}: writes {inner.id}")
            # a chart code handed to any call as its category (kind/category/subcategory keywords)
            for keyword in node.keywords:
                if (keyword.arg in {"category", "subcategory"} and isinstance(keyword.value, ast.Constant)
                        and keyword.value.value in CODES):
                    found.append(f"{node.lineno}: passes the account code {keyword.value.value!r}")
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and node.value.value in CODES:
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if any("CATEGOR" in n or "ACCOUNT" in n for n in names):
                found.append(f"{node.lineno}: names the account code {node.value.value!r} ({names[0]})")
    return found


def test_no_app_outside_funds_writes_the_ledger_another_way_or_names_an_account_code():
    found = [f"{path.relative_to(PACKAGE)}:{where}" for app in APPS if app != "funds"
             for path, _module in app_modules(app) if "migrations" not in path.parts
             for where in ledger_bypasses(path)]
    assert found == []


def test_the_check_catches_a_direct_post_a_model_write_and_a_code_literal(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        "from unionhome.funds.services import entry_post\n"
        "RIGHTS_CATEGORY = 'rights'\n"
        "def f(union):\n"
        "    LedgerEntry.objects.create(union=union)\n"
        "    services.entry_post(category='activity', subcategory='culture_sports')\n", encoding="utf-8")
    assert [line.split(":")[0] for line in ledger_bypasses(module)] == ["1", "2", "4", "5", "5", "5"]


def _asset(cast):
    from unionhome.activities.models import Asset

    return Asset.objects.create(union=cast.union, name="投影仪", code="PJ-1", category="tv", price=Decimal("2000"))


@pytest.mark.django_db
def test_a_source_is_posted_under_its_rule_figure_and_its_entries_are_read_back(cast):
    asset, today = _asset(cast), timezone.localdate()
    entry = entry_post_for(actor=cast.users["finance"], source=asset, category_key="activities.asset_purchase",
                           amount=Decimal("2000"), on=today, note="购置投影仪")
    assert (entry.kind, entry.category, entry.subcategory, entry.union) == ("expense", "capital", "", cast.union)
    reversal = entry_reverse(actor=cast.users["finance"], entry=entry, reason="退货")
    assert list(entries_for(asset)) == [entry, reversal]


@pytest.mark.django_db
def test_a_union_may_book_a_kind_of_source_elsewhere_from_a_date(cast):
    """The category is a rule figure: a RuleSetting row changes it for one union, no code changes."""
    asset, today = _asset(cast), timezone.localdate()
    figures = dict(rule_value("funds.source_categories"))  # the shipped figure, with one key changed
    figures["activities.asset_purchase"] = ["expense", "business", "special"]
    RuleSetting.objects.create(key="funds.source_categories", value=figures, source="本会经费审查委员会决定",
                               effective_from=dt.date(2000, 1, 1), union=cast.union)
    entry = entry_post_for(actor=None, source=asset, category_key="activities.asset_purchase",
                           amount=Decimal("10"), on=today)
    assert (entry.category, entry.subcategory) == ("business", "special")


@pytest.mark.django_db
def test_an_unknown_category_key_is_refused(cast):
    with pytest.raises(RuleViolation) as exc:
        entry_post_for(actor=None, source=_asset(cast), category_key="activities.nothing", amount=Decimal("1"),
                       on=timezone.localdate())
    assert exc.value.code == "category_key_unknown"

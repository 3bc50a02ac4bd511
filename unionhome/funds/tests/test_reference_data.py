"""The chart of accounts and the welfare policies are data the migrations ship, frozen in them as literals; the
application reads them and never reloads them (a test-database flush is repaired by the test suite itself)."""
import ast
import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command

from unionhome.core.audit_maintenance import audit_maintenance
from unionhome.core.errors import RuleViolation
from unionhome.core.testing.reference_data import reference_data_restore
from unionhome.funds.models import AccountItem, WelfarePolicy
from unionhome.funds.queries import chart_in_force
from unionhome.funds.services import account_item_for

ROOT = Path(__file__).resolve().parents[2]


def test_no_migration_imports_application_code():
    offenders = []
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("unionhome"):
                offenders.append(f"{path.relative_to(ROOT)}: from {node.module} import …")
    assert not offenders, offenders


@pytest.mark.django_db
def test_the_migrations_ship_twenty_eight_accounts_and_two_provinces_policies():
    assert AccountItem.objects.count() == 28 and WelfarePolicy.objects.count() == 2
    assert {i.category for i in chart_in_force(dt.date(2026, 1, 1))} >= {"dues", "activity", "capital"}


@pytest.mark.django_db
def test_a_missing_chart_is_refused_not_silently_reloaded():
    AccountItem.objects.all().delete()
    with pytest.raises(RuleViolation) as caught:
        account_item_for(kind="income", category="dues", subcategory="", on=dt.date(2026, 1, 1))
    assert caught.value.code == "category_unknown"
    assert not AccountItem.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_after_a_test_flush_the_suite_restores_the_reference_data_as_migrated():
    migrated = sorted(AccountItem.objects.values_list("kind", "category", "subcategory", "name", "account_no",
                                                      "sort_order", "effective_from", "source"))
    policies = _policies()
    with audit_maintenance():
        call_command("flush", "--noinput", verbosity=0)
    assert not AccountItem.objects.exists()
    reference_data_restore()
    assert sorted(AccountItem.objects.values_list("kind", "category", "subcategory", "name", "account_no",
                                                  "sort_order", "effective_from", "source")) == migrated
    assert _policies() == policies


def _policies():
    return sorted((p.province, p.name, p.forms, p.published_at,
                   sorted((i.benefit, i.cap) for i in p.items.all()),
                   sorted((f.festival, f.cap) for f in p.festival_rows.all()))
                  for p in WelfarePolicy.objects.prefetch_related("items", "festival_rows"))

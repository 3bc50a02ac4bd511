"""The chart of accounts of regulations §2.1 (income) and §2.2 (expenditure and sub-items), as data.

Stable English codes for code, Chinese names for people, 《工会会计制度》(2021) account numbers beside them.
The rows are frozen data in ``funds/reference.py`` (no app logic). A later chart closes these rows with
``effective_to`` and adds its own in a new migration.
"""
from django.db import migrations

from unionhome.funds.reference import EFFECTIVE, load_chart


def forwards(apps, schema_editor):
    load_chart(apps.get_model("funds", "AccountItem"))


def backwards(apps, schema_editor):
    apps.get_model("funds", "AccountItem").objects.filter(effective_from=EFFECTIVE).delete()


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_ledger_dues_welfare")]
    operations = [migrations.RunPython(forwards, backwards)]

"""Welfare policies shipped as data (regulations §2.3): Fujian 2018 and Anhui 2018 (trial), from
``funds/reference.py``. Caps are yuan per member: festival and birthday per calendar year, the others per
event; ``null`` = the policy text we hold sets no amount (the payout then needs the chair's override).
"""
import datetime as dt

from django.db import migrations

from unionhome.funds.reference import load_policies


def forwards(apps, schema_editor):
    load_policies(apps.get_model("funds", "WelfarePolicy"))


def backwards(apps, schema_editor):
    apps.get_model("funds", "WelfarePolicy").objects.filter(effective_from=dt.date(2018, 1, 1),
                                                            province__in=["福建", "安徽"]).delete()


class Migration(migrations.Migration):
    dependencies = [("funds", "0002_chart_of_accounts")]
    operations = [migrations.RunPython(forwards, backwards)]

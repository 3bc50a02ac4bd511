"""The chart of accounts of regulations §2.1 (income) and §2.2 (expenditure and sub-items), as data.

Stable English codes for code, Chinese names for people, 《工会会计制度》(2021) account numbers beside them.
The rows are frozen here as literals (a migration never imports app code). A later chart closes these rows with
``effective_to`` and adds its own in a new migration. ``reference_data``: the test suite loads it again after a
test-database flush (conftest.py), so the application never has to.
"""
import datetime as dt

from django.db import migrations
from django.utils.translation import gettext_noop  # names stay in the catalogue (AccountItem.label)

SOURCE = "《基层工会经费收支管理办法》(总工办发〔2017〕32号) 及《工会会计制度》(2021)（regulations §2.1、§2.2）"
EFFECTIVE = dt.date(2018, 1, 1)

INCOME = [
    ("dues", gettext_noop("会费收入"), "401"), ("allocation", gettext_noop("拨缴经费收入"), "402"), ("higher_subsidy", gettext_noop("上级工会补助收入"), "403"),
    ("admin_subsidy", gettext_noop("行政补助收入"), "405"), ("affiliated_income", gettext_noop("事业收入"), "406"),
    ("investment_income", gettext_noop("投资收益"), "407"), ("other_income", gettext_noop("其他收入"), "408"),
]
EXPENSE = [
    ("activity", gettext_noop("职工活动支出"), "501", [("education", gettext_noop("职工教育费")), ("culture_sports", gettext_noop("文体活动费")),
                                        ("publicity", gettext_noop("宣传活动费")), ("welfare", gettext_noop("职工集体福利费")),
                                        ("other", gettext_noop("其他活动支出"))]),
    ("rights", gettext_noop("维权支出"), "502", [("labour_relations", gettext_noop("劳动关系协调费")), ("labour_protection", gettext_noop("劳动保护费")),
                                  ("legal_aid", gettext_noop("法律援助费")), ("hardship_aid", gettext_noop("困难职工帮扶费")),
                                  ("warmth", gettext_noop("送温暖费")), ("other", gettext_noop("其他维权支出"))]),
    ("business", gettext_noop("业务支出"), "503", [("training", gettext_noop("培训费")), ("meeting", gettext_noop("会议费")), ("special", gettext_noop("专项业务费")),
                                    ("other", gettext_noop("其他业务支出"))]),
    ("capital", gettext_noop("资本性支出"), "505", []),
    ("affiliated", gettext_noop("事业支出"), "507", []),
    ("other_expense", gettext_noop("其他支出"), "508", []),
]


def forwards(apps, schema_editor):
    AccountItem = apps.get_model("funds", "AccountItem")
    order = 0
    for code, name, number in INCOME:
        order += 10
        AccountItem.objects.create(kind="income", category=code, name=name, account_no=number, sort_order=order,
                                   effective_from=EFFECTIVE, source=SOURCE)
    for code, name, number, subs in EXPENSE:
        order += 10
        AccountItem.objects.create(kind="expense", category=code, name=name, account_no=number, sort_order=order,
                                   effective_from=EFFECTIVE, source=SOURCE)
        for i, (sub, sub_name) in enumerate(subs, start=1):
            AccountItem.objects.create(kind="expense", category=code, subcategory=sub, name=sub_name,
                                       account_no=f"{number}{i:02d}", sort_order=order + i,
                                       effective_from=EFFECTIVE, source=SOURCE)


def backwards(apps, schema_editor):
    apps.get_model("funds", "AccountItem").objects.filter(effective_from=EFFECTIVE).delete()


class Migration(migrations.Migration):
    reference_data = True
    dependencies = [("funds", "0001_ledger_dues_welfare")]
    operations = [migrations.RunPython(forwards, backwards)]

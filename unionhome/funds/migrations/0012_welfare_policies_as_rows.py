"""The shipped welfare policies (Fujian 2018, Anhui 2018 trial; regulations §2.3) in today's shape: published
versions with one row per capped item and per festival, frozen here as literals (the figures of 0003, which 0009
turned into rows). On a database migrated through 0003 and 0009 they exist already and nothing is written; the
test suite runs this again after a test-database flush (``reference_data``), when they do not.
Caps are yuan per member: festival and birthday per calendar year, the others per event; ``None`` = the policy
text we hold sets no amount (the payout then needs the chair's override). No per-festival caps in these two.
"""
import datetime as dt
from decimal import Decimal

from django.db import migrations

PUBLISHED = dt.datetime(2018, 1, 1, tzinfo=dt.timezone.utc)
NATIONAL_FESTIVALS = ["new_year", "spring_festival", "qingming", "labour_day", "dragon_boat", "mid_autumn",
                      "national_day"]

POLICIES = [
    dict(province="福建", name="福建省基层工会经费收支管理实施办法（2018）", effective_from=dt.date(2018, 1, 1),
         source="福建省总工会 2018 实施细则，2018-01-01起施行：节日慰问每人每年≤1300元，不得发放现金、购物卡"
                "（http://www.jusar.cn/a/n9JSY5CI87963506.html；regulations §2.3）",
         festivals=[(f, None) for f in NATIONAL_FESTIVALS],
         items=[("festival", "1300"), ("birthday", "300"), ("wedding", None), ("childbirth", "500"),
                ("hospital", "500"), ("hospital_surgery", "1000"), ("death_member", "2000"),
                ("death_relative", "1000"), ("retirement", "500")],
         forms=["goods", "voucher"], prize_ratio="", festival_fund_ratio="", birthday_in_month=False,
         note="结婚慰问限额在所据摘录中未见，按需由主席批准或以本地配置补充。"),
    dict(province="安徽", name="安徽省基层工会经费收支管理办法（2018 试行）", effective_from=dt.date(2018, 1, 1),
         source="安徽省总工会 2018 试行办法（https://feifmx.com/socialgd/10000169/20180428/32358486_2.html；"
                "regulations §2.3）",
         festivals=[(f, None) for f in NATIONAL_FESTIVALS],
         items=[("festival", "1500"), ("birthday", "300"), ("wedding", "600"), ("childbirth", "600"),
                ("hospital", "1000"), ("hospital_surgery", "1000"), ("death_member", "2000"),
                ("death_relative", "1000"), ("retirement", "1000")],
         forms=["goods", "voucher"], prize_ratio="1/3", festival_fund_ratio="", birthday_in_month=False,
         note="结婚、生育慰问“≤600元（二者之一）”按每次事件计。获奖比例1/3 见安徽后续办法（规则19）。"),
]


def _cap(value):
    return None if value is None else Decimal(value)


def forwards(apps, schema_editor):
    WelfarePolicy = apps.get_model("funds", "WelfarePolicy")
    Item = apps.get_model("funds", "WelfarePolicyItem")
    Festival = apps.get_model("funds", "WelfarePolicyFestival")
    for row in POLICIES:
        row = dict(row)
        items, festivals = row.pop("items"), row.pop("festivals")
        if WelfarePolicy.objects.filter(province=row["province"], effective_from=row["effective_from"],
                                        published_at__isnull=False).exists():
            continue  # migrated through 0003 and 0009
        policy = WelfarePolicy.objects.create(published_at=PUBLISHED, **row)
        Item.objects.bulk_create([Item(policy=policy, benefit=b, cap=_cap(c)) for b, c in items])
        Festival.objects.bulk_create([Festival(policy=policy, festival=f, cap=_cap(c)) for f, c in festivals])


class Migration(migrations.Migration):
    reference_data = True
    dependencies = [("funds", "0011_welfare_policy_drop_json_caps")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

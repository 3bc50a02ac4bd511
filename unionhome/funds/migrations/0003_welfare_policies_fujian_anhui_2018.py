"""Welfare policies shipped as data (regulations §2.3): Fujian 2018 and Anhui 2018 (trial), frozen here as literals.
Caps are yuan per member: festival and birthday per calendar year, the others per event; ``None`` = the policy
text we hold sets no amount (the payout then needs the chair's override). Written in the shape of their time (caps
and festivals as JSON): 0009 turns them into rows, and 0011 holds the same figures in today's shape, which the test
suite loads again after a test-database flush (``reference_data``).
"""
import datetime as dt

from django.db import migrations

NATIONAL_FESTIVALS = ["new_year", "spring_festival", "qingming", "labour_day", "dragon_boat", "mid_autumn",
                      "national_day"]

POLICIES = [
    dict(province="福建", name="福建省基层工会经费收支管理实施办法（2018）", effective_from=dt.date(2018, 1, 1),
         source="福建省总工会 2018 实施细则，2018-01-01起施行：节日慰问每人每年≤1300元，不得发放现金、购物卡"
                "（http://www.jusar.cn/a/n9JSY5CI87963506.html；regulations §2.3）",
         festivals=NATIONAL_FESTIVALS,
         caps={"festival": "1300", "birthday": "300", "wedding": None, "childbirth": "500", "hospital": "500",
               "hospital_surgery": "1000", "death_member": "2000", "death_relative": "1000", "retirement": "500"},
         forms=["goods", "voucher"], prize_ratio="", festival_fund_ratio="", birthday_in_month=False,
         note="结婚慰问限额在所据摘录中未见，按需由主席批准或以本地配置补充。"),
    dict(province="安徽", name="安徽省基层工会经费收支管理办法（2018 试行）", effective_from=dt.date(2018, 1, 1),
         source="安徽省总工会 2018 试行办法（https://feifmx.com/socialgd/10000169/20180428/32358486_2.html；"
                "regulations §2.3）",
         festivals=NATIONAL_FESTIVALS,
         caps={"festival": "1500", "birthday": "300", "wedding": "600", "childbirth": "600", "hospital": "1000",
               "hospital_surgery": "1000", "death_member": "2000", "death_relative": "1000", "retirement": "1000"},
         forms=["goods", "voucher"], prize_ratio="1/3", festival_fund_ratio="", birthday_in_month=False,
         note="结婚、生育慰问“≤600元（二者之一）”按每次事件计。获奖比例1/3 见安徽后续办法（规则19）。"),
]


def forwards(apps, schema_editor):
    WelfarePolicy = apps.get_model("funds", "WelfarePolicy")
    for row in POLICIES:
        WelfarePolicy.objects.create(**row)


def backwards(apps, schema_editor):
    apps.get_model("funds", "WelfarePolicy").objects.filter(effective_from=dt.date(2018, 1, 1),
                                                            province__in=["福建", "安徽"]).delete()


class Migration(migrations.Migration):
    dependencies = [("funds", "0002_chart_of_accounts")]
    operations = [migrations.RunPython(forwards, backwards)]

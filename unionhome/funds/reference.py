"""Reference data shipped with the funds app: the 2018 chart of accounts and the Fujian/Anhui 2018 welfare
policies (regulations §2.1–§2.3). Plain data plus loaders that take the model class, so the chart's data
migration (which passes its historical model) and the self-repair after a test-database flush share one copy.
The policies' migrations (0003, 0009) keep their own literal copy of these figures.
"""
import datetime as dt

SOURCE = "《基层工会经费收支管理办法》(总工办发〔2017〕32号) 及《工会会计制度》(2021)（regulations §2.1、§2.2）"
EFFECTIVE = dt.date(2018, 1, 1)

INCOME = [
    ("dues", "会费收入", "401"), ("allocation", "拨缴经费收入", "402"), ("higher_subsidy", "上级工会补助收入", "403"),
    ("admin_subsidy", "行政补助收入", "405"), ("affiliated_income", "事业收入", "406"),
    ("investment_income", "投资收益", "407"), ("other_income", "其他收入", "408"),
]
EXPENSE = [
    ("activity", "职工活动支出", "501", [("education", "职工教育费"), ("culture_sports", "文体活动费"),
                                        ("publicity", "宣传活动费"), ("welfare", "职工集体福利费"),
                                        ("other", "其他活动支出")]),
    ("rights", "维权支出", "502", [("labour_relations", "劳动关系协调费"), ("labour_protection", "劳动保护费"),
                                  ("legal_aid", "法律援助费"), ("hardship_aid", "困难职工帮扶费"),
                                  ("warmth", "送温暖费"), ("other", "其他维权支出")]),
    ("business", "业务支出", "503", [("training", "培训费"), ("meeting", "会议费"), ("special", "专项业务费"),
                                    ("other", "其他业务支出")]),
    ("capital", "资本性支出", "505", []),
    ("affiliated", "事业支出", "507", []),
    ("other_expense", "其他支出", "508", []),
]


NATIONAL_FESTIVALS = ["new_year", "spring_festival", "qingming", "labour_day", "dragon_boat", "mid_autumn",
                      "national_day"]

def _policy(*, caps: dict, festivals: list, festival_caps: dict | None = None, **fields) -> dict:
    return dict(fields, items=list(caps.items()),
                festivals=[(f, (festival_caps or {}).get(f)) for f in festivals])


POLICIES = [
    _policy(province="福建", name="福建省基层工会经费收支管理实施办法（2018）", effective_from=dt.date(2018, 1, 1),
            source="福建省总工会 2018 实施细则，2018-01-01起施行：节日慰问每人每年≤1300元，不得发放现金、购物卡"
                   "（http://www.jusar.cn/a/n9JSY5CI87963506.html；regulations §2.3）",
            festivals=NATIONAL_FESTIVALS,
            caps={"festival": "1300", "birthday": "300", "wedding": None, "childbirth": "500", "hospital": "500",
                  "hospital_surgery": "1000", "death_member": "2000", "death_relative": "1000", "retirement": "500"},
            forms=["goods", "voucher"], prize_ratio="", festival_fund_ratio="", birthday_in_month=False,
            note="结婚慰问限额在所据摘录中未见，按需由主席批准或以本地配置补充。"),
    _policy(province="安徽", name="安徽省基层工会经费收支管理办法（2018 试行）", effective_from=dt.date(2018, 1, 1),
            source="安徽省总工会 2018 试行办法（https://feifmx.com/socialgd/10000169/20180428/32358486_2.html；"
                   "regulations §2.3）",
            festivals=NATIONAL_FESTIVALS,
            caps={"festival": "1500", "birthday": "300", "wedding": "600", "childbirth": "600", "hospital": "1000",
                  "hospital_surgery": "1000", "death_member": "2000", "death_relative": "1000", "retirement": "1000"},
            forms=["goods", "voucher"], prize_ratio="1/3", festival_fund_ratio="", birthday_in_month=False,
            note="结婚、生育慰问“≤600元（二者之一）”按每次事件计。获奖比例1/3 见安徽后续办法（规则19）。"),
]


def load_chart(AccountItem) -> None:
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



def load_policies(WelfarePolicy) -> None:
    """The shipped versions, published (as migrations 0003 and 0009 leave them)."""
    from decimal import Decimal

    published = dt.datetime(2018, 1, 1, tzinfo=dt.UTC)
    for row in POLICIES:
        row = dict(row)
        items, festivals = row.pop("items"), row.pop("festivals")
        policy = WelfarePolicy.objects.create(published_at=published, **row)
        for benefit, cap in items:
            policy.items.create(benefit=benefit, cap=None if cap is None else Decimal(cap))
        for festival, cap in festivals:
            policy.festival_rows.create(festival=festival, cap=None if cap is None else Decimal(cap))

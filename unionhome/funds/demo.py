"""A year of the demo union's books, recorded through the real services (regulations §2, union-year.md):
拨缴经费 and 行政补助 income, monthly dues, activity, training and equipment spending, welfare payouts under
the Fujian policy (with one chair override), hardship aid, budgets, a reversal and the reviewer's sign-offs."""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from unionhome.funds.services import (
    budget_set,
    comment_add,
    entry_post,
    entry_reverse,
    ledger_open,
    period_signoff,
    prize_check,
    welfare_payout,
)
from unionhome.funds.services_dues import PaymentRow, dues_pay_many, dues_rate_set_many

D = Decimal


def build(ctx) -> None:
    rng = random.Random(2026)
    union, today = ctx.union, ctx.today
    year = today.year
    finance, chair, auditor = ctx.users["kuaiji"], ctx.users["zhuxi"], ctx.users["jingshen"]

    def on(month: int, day: int) -> dt.date | None:
        date = dt.date(year, month, day)
        return date if date <= today else None

    def spend(month, day, category, sub, amount, note, counterparty="", method="转账"):
        if on(month, day):
            return entry_post(actor=finance, union=union, on=on(month, day), kind="expense", category=category,
                              subcategory=sub, amount=D(amount), counterparty=counterparty, method=method, note=note)

    # 建账: the books begin with the balance carried over from the paper books, early enough for the other
    # apps' demos, which look back up to the December before their care year (New Year visits to retirees).
    ledger_open(actor=finance, union=union, on=dt.date(year - (1 if today.month >= 10 else 2), 12, 1),
                balance=D("86000.00"))
    for category, amount in [("allocation", 200000), ("admin_subsidy", 20000), ("dues", 18000)]:
        budget_set(actor=chair, union=union, year=year, kind="income", category=category, amount=D(amount))
    for category, amount in [("activity", 160000), ("rights", 40000), ("business", 15000), ("capital", 10000)]:
        budget_set(actor=chair, union=union, year=year, kind="expense", category=category, amount=D(amount))

    for quarter, month in enumerate((1, 4, 7, 10), start=1):
        if on(month, 15):
            entry_post(actor=finance, union=union, on=on(month, 15), kind="income", category="allocation",
                       subcategory="", amount=D("52272.00"), counterparty="县政府机关（行政拨缴）", method="转账",
                       note=f"第{quarter}季度拨缴经费（工资总额2%的留成部分）")
    if on(3, 1):
        entry_post(actor=finance, union=union, on=on(3, 1), kind="income", category="admin_subsidy", subcategory="",
                   amount=D("20000.00"), counterparty="县政府办公室", method="转账", note="行政补助：活动室设备")

    # Dues: each member in post at 0.5% of 职务+级别工资; two members stop paying in spring (review list).
    from unionhome.members.models import Worker

    # Read status from the database: other apps' demos (members) may have transferred someone out.
    members = list(Worker.objects.filter(pk__in=[w.pk for w in ctx.workers], employment_status="employed",
                                         membership__status="active").order_by("pk"))
    dues_rate_set_many(actor=finance, union=union, from_month=dt.date(year, 1, 1), rows=[
        (w, {"职务工资": D(rng.randrange(2200, 4200)), "级别工资": D(rng.randrange(1500, 3200))}) for w in members])
    lapsed = {members[30].pk, members[75].pk}
    late = {members[5].pk, members[120].pk, members[200].pk}
    from unionhome.funds.models import DuesRate

    dues = {r.worker_id: r.monthly_due for r in DuesRate.objects.filter(union=union)}
    for month in range(1, today.month):
        rows = [PaymentRow(w, dt.date(year, month, 1), dues[w.pk]) for w in members
                if not (w.pk in lapsed and month >= 3) and not (w.pk in late and month == today.month - 1)]
        dues_pay_many(actor=finance, union=union, rows=rows, paid_on=dt.date(year, month, 25), method="代扣",
                      note="工资代扣")

    # Culture, sport, study, training, equipment.
    spend(3, 6, "activity", "culture_sports", "2400.00", "“三八”县妇女运动会：女会员参赛服装与交通", "县体育中心")
    if on(5, 5):
        prize_check(union=union, participants=64, winners=18, on=on(5, 5))
        spend(5, 5, "activity", "culture_sports", "3600.00", "“五一”自行车、象棋、排球、乒乓球比赛奖品（64人参赛，18人获奖）",
              "县百货公司")
    spend(6, 29, "activity", "culture_sports", "3200.00", "与航修公司工会联谊（会员代表40人）", "某航空维修公司工会")
    spend(4, 10, "activity", "education", "860.00", "小组政治学习资料与《工会法》普法读本", "新华书店")
    spend(7, 20, "activity", "publicity", "520.00", "政务公开栏与宣传展板", "县广告公司")
    spend(9, 12, "business", "training", "2800.00", "新任工会干部培训", "县总工会干校")
    spend(12, 20, "business", "meeting", "600.00", "会员代表大会会务", "机关食堂")
    tv = spend(3, 18, "capital", "", "4500.00", "活动室电视机", "县家电城")
    spend(3, 18, "capital", "", "1200.00", "活动室图书、象棋、健身器材", "县百货公司")
    if tv is not None and on(3, 20):
        wrong = spend(3, 19, "activity", "culture_sports", "1200.00", "活动室图书（重复记账）", "县百货公司")
        if wrong is not None:
            entry_reverse(actor=finance, entry=wrong, reason="与3月18日凭证重复", on=on(3, 20))
            comment_add(actor=auditor, entry=wrong, text="已冲销，核对无误")

    # Welfare under the Fujian 2018 policy for events recorded straight in the books; festival and birthday
    # gifts come with their care visits (care/demo.py), which post through the same welfare_payout.
    events = [("childbirth", members[12], "500", (4, 8), "女儿出生", {}),
              ("hospital", members[40], "800", (5, 20), "县医院住院（手术）", {"surgery": True}),
              ("death_relative", members[60], "1000", (6, 3), "父亲去世", {"relation": "parent"}),
              ("retirement", members[90], "500", (8, 31), "光荣退休", {})]
    for benefit, w, amount, (month, day), key, extra in events:
        if on(month, day):
            welfare_payout(actor=finance, union=union, worker=w, benefit=benefit, amount=D(amount), form="goods",
                           on=on(month, day), event_key=key, **extra)
    if on(10, 8):
        welfare_payout(actor=chair, union=union, worker=members[40], benefit="hospital", amount=D("1200"),
                       form="goods", on=on(10, 8), event_key="二次住院（手术）", surgery=True,
                       override_reason="经工会委员会10月会议研究，大病二次手术，特批超出200元")
    spend(1, 25, "rights", "warmth", "6000.00", "春节送温暖：困难职工慰问品", "县百货公司", "公务卡")
    spend(6, 15, "rights", "hardship_aid", "3000.00", "困难职工医疗救助", "", "转账")



def small_union_books(*, union, year: int, today: dt.date, n: int, expense) -> None:
    """A small sibling union's books for the federation's demo: opened last December, one allocation, one
    activity expense."""
    ledger_open(actor=None, union=union, on=dt.date(year - 1, 12, 1), balance=Decimal("20000.00"))
    entry_post(actor=None, union=union, on=min(today, dt.date(year, 1, 20)), kind="income", category="allocation",
               subcategory="", amount=Decimal(expense) * 2, counterparty="行政拨缴", method="转账", note="拨缴经费")
    entry_post(actor=None, union=union, on=min(today, dt.date(year, 3, 10 + n)), kind="expense",
               category="activity", subcategory="culture_sports", amount=Decimal(expense), counterparty="",
               method="转账", note="职工文体活动")


def finish(ctx) -> None:
    """Runs after every app's demo has posted its year: the reviewer signs off each month that ended
    more than a month ago (signing off earlier would close months other apps still post into)."""
    today, year = ctx.today, ctx.today.year
    auditor = ctx.users["jingshen"]
    for month in range(1, today.month - 1):
        period_signoff(actor=auditor, union=ctx.union, year=year, month=month, note="账证相符", today=today)
    _final_accounts(ctx)


def _final_accounts(ctx) -> None:
    """The 经审 committee's review of the last ended year's 决算 (the running year's is a draft until it ends):
    the months of that year since the books were opened are signed off, then the opinion recorded."""
    from unionhome.funds.queries import opening_of
    from unionhome.funds.services_final import final_accounts_review, months_to_sign

    year = ctx.today.year - 1
    opening = opening_of(ctx.union)
    if opening is None or opening.opened_on.year > year:
        return
    auditor = ctx.users["jingshen"]
    for month in months_to_sign(ctx.union, year):
        period_signoff(actor=auditor, union=ctx.union, year=year, month=month, note="账证相符", today=ctx.today)
    final_accounts_review(
        actor=auditor, union=ctx.union, year=year, today=ctx.today,
        opinion="经审查，本年度经费收支账目清楚，凭证齐全，账实相符；各项支出符合《基层工会经费收支管理办法》规定的范围和标准，"
                "慰问品发放未超过本省限额，预算执行情况良好。",
        findings="个别报销凭证摘要填写不够具体，建议经费会计今后注明活动名称和参加人数。")

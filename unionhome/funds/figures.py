"""Funds' figures: income and expenditure by category (sums of the ledger), and the year's expenditure budget."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from unionhome.core.figures import Column, Figure, Period, register
from unionhome.funds.models import Budget, Kind, LedgerEntry
from unionhome.funds.queries import chart_in_force

LEDGER_NOTE = _("凭证只增不改：更正是另一张冲销凭证，记在冲销当天，所以已结束年度的数字不会因以后的冲销而改变。")


def _categories(kind):
    def parts(union, when):
        return [(i.category, i.label) for i in chart_in_force(when.end) if i.kind == kind and not i.subcategory]
    return parts


def _entries(kind):
    def records(union, when):
        return (LedgerEntry.objects.filter(union=union, kind=kind, on__range=(when.start, when.end))
                .select_related("account_item").order_by("on", "number"))
    return records


def _budget(union, when):
    return Budget.objects.filter(union=union, year=when.year, kind=Kind.EXPENSE).order_by("category")


ENTRY_COLUMNS = (Column(_("凭证号"), lambda r: r.voucher), Column(_("日期"), lambda r: r.on),
                 Column(_("科目"), lambda r: r.account_item.label), Column(_("金额（元）"), lambda r: r.amount),
                 Column(_("来源"), lambda r: r.source_label))
COMMON = dict(period=Period.YEAR, perm="funds.view", measure="sum", sum_field="amount", date_field="on",
              part_field="category", unit_word=_("元"), reconstructs=LEDGER_NOTE, columns=ENTRY_COLUMNS)

register(Figure(key="funds.income", name=_("经费收入"), order=70, records=_entries(Kind.INCOME),
                parts=_categories(Kind.INCOME), **COMMON,
                definition=_("本年度记账的收入凭证金额之和（冲销凭证为负数），按科目分列。")))
register(Figure(key="funds.expense", name=_("经费支出"), order=71, records=_entries(Kind.EXPENSE),
                parts=_categories(Kind.EXPENSE), **COMMON,
                definition=_("本年度记账的支出凭证金额之和（冲销凭证为负数），按科目分列。")))
register(Figure(key="funds.budget_expense", name=_("支出预算"), order=72, records=_budget,
                parts=_categories(Kind.EXPENSE), **dict(COMMON, date_field="", reconstructs="",
                columns=(Column(_("年度"), lambda r: r.year), Column(_("科目"), lambda r: r.category),
                         Column(_("预算金额（元）"), lambda r: r.amount))),
                definition=_("本年度编制的各支出科目预算金额之和。")))

"""The ledger book (经费收支明细账) as xlsx, in the layout a funds reviewer expects:
a title block, the opening balance, one row per voucher in date order with income, expense and running
balance, then the period's totals and a summary by category and sub-item.

Cells that a spreadsheet would read as a formula are neutralised (ASVS 1.2.10: = + - @ tab CR).
"""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import xlsxwriter
from django.utils.translation import gettext as _

from unionhome.funds.chart import category_names
from unionhome.funds.models import Kind, LedgerEntry
from unionhome.funds.queries import balance, redact

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")


def safe_text(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def ledger_book_xlsx(union, year: int, month_from: int, month_to: int, category: str = "", *,
                     confidential: bool = False) -> tuple[bytes, int]:
    first = dt.date(year, month_from, 1)
    last = (dt.date(year + (month_to == 12), month_to % 12 + 1, 1) - dt.timedelta(days=1))
    qs = (LedgerEntry.objects.filter(union=union, on__gte=first, on__lte=last)
          .select_related("account_item", "reverses").order_by("on", "number"))
    if category:
        qs = qs.filter(category=category)
    entries = redact(list(qs), confidential=confidential)
    names = category_names(last)
    opening = balance(union, year - 1) + _net(LedgerEntry.objects.filter(union=union, on__year=year, on__lt=first))

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet(_("明细账"))
    title = book.add_format({"bold": True, "font_size": 14, "align": "center"})
    head = book.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2", "align": "center", "text_wrap": True})
    cell = book.add_format({"border": 1})
    money = book.add_format({"border": 1, "num_format": "#,##0.00"})
    bold_money = book.add_format({"border": 1, "num_format": "#,##0.00", "bold": True})
    date_fmt = book.add_format({"border": 1, "num_format": "yyyy-mm-dd"})
    columns = [_("日期"), _("凭证号"), _("收支"), _("科目"), _("明细科目"), _("摘要"), _("对方单位/个人"), _("支付方式"), _("收入"), _("支出"), _("余额"),
               _("冲销凭证"), _("来源")]
    widths = [11, 10, 6, 14, 14, 30, 16, 10, 12, 12, 13, 10, 18]
    for i, w in enumerate(widths):
        sheet.set_column(i, i, w)
    scope = names.get(_category_key(names, category), category) if category else _("全部科目")
    sheet.merge_range(0, 0, 0, len(columns) - 1, safe_text(_("%(name)s 经费收支明细账") % {"name": union.name}), title)
    sheet.write(1, 0, safe_text(_("期间：%(year)s年%(month_from)s月至%(month_to)s月\u3000科目：%(scope)s\u3000单位：元") % {"year": year, "month_from": month_from, "month_to": month_to, "scope": scope}))
    for i, name in enumerate(columns):
        sheet.write(3, i, name, head)
    row = 4
    sheet.write(row, 5, _("期初余额"), cell)
    sheet.write_number(row, 10, float(opening), money)
    running = opening
    income_total = expense_total = Decimal("0")
    for e in entries:
        row += 1
        running += e.signed_amount
        sheet.write_datetime(row, 0, dt.datetime.combine(e.on, dt.time()), date_fmt)
        sheet.write_string(row, 1, e.voucher, cell)
        sheet.write_string(row, 2, Kind(e.kind).label, cell)
        sheet.write_string(row, 3, safe_text(names.get((e.kind, e.category, ""), e.category)), cell)
        sheet.write_string(row, 4, safe_text(e.account_item.label if e.subcategory else ""), cell)
        for col, value in ((5, e.note), (6, e.counterparty), (7, e.method)):
            sheet.write_string(row, col, safe_text(value), cell)
        if e.kind == Kind.INCOME:
            income_total += e.amount
            sheet.write_number(row, 8, float(e.amount), money)
            sheet.write_blank(row, 9, None, cell)
        else:
            expense_total += e.amount
            sheet.write_blank(row, 8, None, cell)
            sheet.write_number(row, 9, float(e.amount), money)
        sheet.write_number(row, 10, float(running), money)
        sheet.write_string(row, 11, e.reverses.voucher if e.reverses_id else "", cell)
        sheet.write_string(row, 12, safe_text(e.source_label), cell)
    row += 1
    sheet.write(row, 5, _("本期合计"), head)
    sheet.write_number(row, 8, float(income_total), bold_money)
    sheet.write_number(row, 9, float(expense_total), bold_money)
    sheet.write_number(row, 10, float(running), bold_money)
    sheet.freeze_panes(4, 0)
    sheet.repeat_rows(3)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)

    summary = book.add_worksheet(_("科目汇总"))
    for i, name in enumerate([_("收支"), _("科目"), _("明细科目"), _("金额")]):
        summary.write(0, i, name, head)
    summary.set_column(0, 0, 8)
    summary.set_column(1, 2, 18)
    summary.set_column(3, 3, 14)
    totals: dict[tuple[str, str, str], Decimal] = {}
    for e in entries:
        key = (e.kind, e.category, e.subcategory)
        totals[key] = totals.get(key, Decimal("0")) + e.amount
    r = 0
    for key in sorted(totals, key=lambda k: (k[0] != "income", k[1], k[2])):
        r += 1
        kind, cat, sub = key
        summary.write_string(r, 0, Kind(kind).label, cell)
        summary.write_string(r, 1, safe_text(names.get((kind, cat, ""), cat)), cell)
        summary.write_string(r, 2, safe_text(names.get(key, "") if sub else ""), cell)
        summary.write_number(r, 3, float(totals[key]), money)
    book.close()
    return out.getvalue(), len(entries)


def _net(qs) -> Decimal:
    return sum((e.signed_amount for e in qs.only("kind", "amount")), Decimal("0"))


def _category_key(names: dict, category: str):
    for key in names:
        if key[1] == category and key[2] == "":
            return key
    return None

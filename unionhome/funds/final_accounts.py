"""The year's 经费决算 (issue 12 §4): income and expenditure by ACFTU category against the budget, the balance
brought forward and carried forward, and the 经审 committee's review — as a page, an .xlsx workbook and two Word
documents ready for the members' congress: the funds report (经费收支情况报告) and the review report (经费审查报告).

Every figure is a sum of the ledger (``queries.year_totals``, ``queries.budget_vs_actual``): the workbook's totals
are the ledger's totals, never recomputed from the rows printed. Reads only; the review is written by
``services_final.final_accounts_review``.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from unionhome.core.docx import clean, cn_date, new_document, to_bytes
from unionhome.core.errors import RuleViolation
from unionhome.funds.export import safe_text
from unionhome.funds.models import FinalAccountsReview, Kind
from unionhome.funds.queries import budget_vs_actual, year_totals

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZERO = Decimal("0.00")


@dataclass
class FinalAccounts:
    union: object
    year: int
    opening: Decimal
    income: Decimal
    expense: Decimal
    closing: Decimal
    entries: int
    income_rows: list[dict] = field(default_factory=list)
    expense_rows: list[dict] = field(default_factory=list)
    review: FinalAccountsReview | None = None
    computed_at: dt.datetime | None = None

    @property
    def income_budget(self) -> Decimal:
        return sum((r["budget"] or ZERO for r in self.income_rows), ZERO)

    @property
    def expense_budget(self) -> Decimal:
        return sum((r["budget"] or ZERO for r in self.expense_rows), ZERO)

    @property
    def frozen(self) -> bool:
        return self.review is not None


def final_accounts(union, year: int) -> FinalAccounts:
    """The year's 决算 as the ledger gives it now (for a reviewed year: as it was reviewed, the year being frozen)."""
    totals = year_totals(union, year)
    rows = budget_vs_actual(union, year)
    return FinalAccounts(
        union=union, year=year, opening=totals["opening"], income=totals["income"], expense=totals["expense"],
        closing=totals["closing"], entries=totals["entries"],
        income_rows=[r for r in rows if r["kind"] == Kind.INCOME],
        expense_rows=[r for r in rows if r["kind"] == Kind.EXPENSE],
        review=FinalAccountsReview.objects.filter(union=union, year=year).select_related("reviewed_by").first(),
        computed_at=timezone.now())


def has_books(fa: FinalAccounts) -> bool:
    return bool(fa.entries or fa.opening or fa.income_budget or fa.expense_budget)


# --- xlsx -----------------------------------------------------------------------------------------------------

def final_accounts_xlsx(union, year: int) -> bytes:
    """收支决算表 (and the 经审 opinion on a second sheet once recorded)."""
    fa = final_accounts(union, year)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    title = book.add_format({"bold": True, "font_size": 14, "align": "center", "font_name": HEADING_FONT})
    head = book.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2", "align": "center", "text_wrap": True})
    cell = book.add_format({"border": 1})
    bold = book.add_format({"border": 1, "bold": True})
    money = book.add_format({"border": 1, "num_format": "#,##0.00"})
    bold_money = book.add_format({"border": 1, "num_format": "#,##0.00", "bold": True})
    pct = book.add_format({"border": 1, "num_format": "0.0\"%\""})
    sheet = book.add_worksheet(_("收支决算表"))
    columns = [_("科目编号"), _("科目"), _("预算数"), _("决算数"), _("预算余额"), _("执行率")]
    for i, w in enumerate([10, 26, 14, 14, 14, 10]):
        sheet.set_column(i, i, w)
    sheet.merge_range(0, 0, 0, len(columns) - 1,
                      safe_text(_("%(name)s %(year)s年度经费收支决算表") % {"name": union.name, "year": year}), title)
    status = (_("经审委员会已于%(on)s审查") % {"on": cn_date(fa.review.reviewed_on)} if fa.review
              else _("未经审查（草稿）"))
    sheet.write(1, 0, safe_text(_("单位：元\u3000编制日期：%(on)s\u3000%(status)s") % {
        "on": cn_date(timezone.localdate()), "status": status}))
    for i, name in enumerate(columns):
        sheet.write(3, i, name, head)
    row = 4

    def money_or_blank(r, c, value, fmt=money):
        if value is None:
            sheet.write_blank(r, c, None, fmt)
        else:
            sheet.write_number(r, c, float(value), fmt)

    for label, rows, total, budget in ((_("一、收入"), fa.income_rows, fa.income, fa.income_budget),
                                       (_("二、支出"), fa.expense_rows, fa.expense, fa.expense_budget)):
        sheet.merge_range(row, 0, row, len(columns) - 1, label, bold)
        row += 1
        for r in rows:
            sheet.write_string(row, 0, safe_text(r["account_no"]), cell)
            sheet.write_string(row, 1, safe_text(r["name"]), cell)
            money_or_blank(row, 2, r["budget"])
            sheet.write_number(row, 3, float(r["total"]), money)
            money_or_blank(row, 4, r["remainder"])
            money_or_blank(row, 5, r["used_pct"], pct)
            row += 1
        sheet.write_string(row, 1, label[2:] + _("合计"), bold)
        sheet.write_number(row, 2, float(budget), bold_money)
        sheet.write_number(row, 3, float(total), bold_money)
        sheet.write_number(row, 4, float(budget - total), bold_money)
        sheet.write_blank(row, 5, None, cell)
        row += 2
    sheet.merge_range(row, 0, row, len(columns) - 1, _("三、结余"), bold)
    for label, value in ((_("上年结转"), fa.opening), (_("本年收入"), fa.income), (_("本年支出"), fa.expense),
                         (_("结转下年"), fa.closing)):
        row += 1
        sheet.write_string(row, 1, label, cell)
        sheet.write_number(row, 3, float(value), bold_money)
    sheet.freeze_panes(4, 0)
    sheet.repeat_rows(3)
    sheet.fit_to_pages(1, 0)
    if fa.review:
        r = fa.review
        sheet2 = book.add_worksheet(_("经审意见"))
        sheet2.set_column(0, 0, 16)
        sheet2.set_column(1, 1, 80)
        wrap = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
        for i, (label, value) in enumerate(((_("审查日期"), cn_date(r.reviewed_on)),
                                            (_("审查人"), str(r.reviewed_by or "")),
                                            (_("审查意见"), r.opinion), (_("发现的问题和建议"), r.findings or _("无")))):
            sheet2.write_string(i, 0, label, head)
            sheet2.write_string(i, 1, safe_text(value), wrap)
    book.close()
    return out.getvalue()


# --- docx: Chinese official style (GB/T 9704: 小标宋 title, 黑体 headings, 仿宋 body in 三号) ------------------

# The fonts' own (ASCII) family names, which Word and LibreOffice resolve as they do 方正小标宋简体, 黑体, 仿宋_GB2312.
TITLE_FONT, HEADING_FONT, BODY_FONT = "FZXiaoBiaoSong-B05S", "SimHei", "FangSong_GB2312"
BODY_SIZE = 16  # 三号


def _run(paragraph, text: str, *, font: str = BODY_FONT, size: float = BODY_SIZE, bold: bool = False):
    run = paragraph.add_run(clean(text))
    run.font.name = font
    run.font.size = Pt(size)
    run.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _title(doc, text: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, text, font=TITLE_FONT, size=22)


def _heading(doc, text: str) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(BODY_SIZE * 2)
    _run(p, text, font=HEADING_FONT)


def _body(doc, text: str) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(BODY_SIZE * 2)
    p.paragraph_format.line_spacing = Pt(28)
    _run(p, text)


def _signature(doc, lines: list[str]) -> None:
    doc.add_paragraph()
    for line in lines:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(p, line)


def _table(doc, rows: list[dict], budget_label: str) -> None:
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for i, text in enumerate([_("科目"), budget_label, _("决算数（元）"), _("执行率")]):
        _run(table.rows[0].cells[i].paragraphs[0], text, font=HEADING_FONT, size=12)
    for r in rows:
        cells = table.add_row().cells
        values = [r["name"], "—" if r["budget"] is None else f"{r['budget']:,.2f}", f"{r['total']:,.2f}",
                  "—" if r["used_pct"] is None else f"{r['used_pct']}%"]
        for i, text in enumerate(values):
            _run(cells[i].paragraphs[0], text, size=12)


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _top(rows: list[dict], n: int = 3) -> str:
    used = sorted((r for r in rows if r["total"]), key=lambda r: r["total"], reverse=True)[:n]
    return _("、").join(_("%(name)s%(amount)s元") % {"name": r["name"], "amount": _money(r["total"])} for r in used)


def funds_report_docx(union, year: int) -> bytes:
    """经费收支情况报告: the chair's report of the year's money to the members' congress."""
    fa = final_accounts(union, year)
    doc = new_document(size=BODY_SIZE)
    _title(doc, _("%(name)s\n%(year)s年度经费收支情况报告") % {"name": union.name, "year": year})
    _body(doc, _("各位会员（代表）："))
    _body(doc, _("现将本会%(year)s年度经费收支情况报告如下，请予审议。") % {"year": year})
    _heading(doc, _("一、经费收支总体情况"))
    _body(doc, _("%(year)s年初上年结转%(opening)s元；本年收入%(income)s元，支出%(expense)s元，"
                 "年末结转下年%(closing)s元。全年共记账凭证%(entries)s张。") % {
        "year": year, "opening": _money(fa.opening), "income": _money(fa.income), "expense": _money(fa.expense),
        "closing": _money(fa.closing), "entries": fa.entries})
    _heading(doc, _("二、收入情况"))
    _body(doc, _("本年收入%(income)s元，预算%(budget)s元。主要收入：%(top)s。") % {
        "income": _money(fa.income), "budget": _money(fa.income_budget), "top": _top(fa.income_rows) or _("无")})
    _table(doc, fa.income_rows, _("预算数（元）"))
    _heading(doc, _("三、支出情况"))
    _body(doc, _("本年支出%(expense)s元，预算%(budget)s元。主要支出：%(top)s。") % {
        "expense": _money(fa.expense), "budget": _money(fa.expense_budget), "top": _top(fa.expense_rows) or _("无")})
    over = [r["name"] for r in fa.expense_rows if r["over"]]
    if over:
        _body(doc, _("超出预算的科目：%(names)s，已按规定说明原因。") % {"names": _("、").join(over)})
    _table(doc, fa.expense_rows, _("预算数（元）"))
    _heading(doc, _("四、经费审查情况"))
    if fa.review:
        _body(doc, _("本年度经费收支已经本会经费审查委员会于%(on)s审查，审查意见：%(opinion)s") % {
            "on": cn_date(fa.review.reviewed_on), "opinion": fa.review.opinion})
    else:
        _body(doc, _("本年度决算尚待经费审查委员会审查。"))
    _signature(doc, [union.name, cn_date(timezone.localdate())])
    return to_bytes(doc)


def review_report_docx(union, year: int) -> bytes:
    """经费审查报告: the 经审 committee's report on the year's accounts (only once the review is recorded)."""
    fa = final_accounts(union, year)
    r = fa.review
    if r is None:
        raise RuleViolation("not_reviewed", gettext_not_reviewed(year))
    doc = new_document(size=BODY_SIZE)
    _title(doc, _("%(name)s经费审查委员会\n关于%(year)s年度经费收支情况的审查报告") % {"name": union.name, "year": year})
    _body(doc, _("各位会员（代表）："))
    _body(doc, _("本会经费审查委员会依照《中华人民共和国工会法》《基层工会经费收支管理办法》，对本会%(year)s年度经费收支"
                 "情况和预算执行情况进行了审查，现将审查情况报告如下。") % {"year": year})
    _heading(doc, _("一、审查的范围"))
    _body(doc, _("本年度记账凭证%(entries)s张，各月均已逐月审签结账；年初结转%(opening)s元，本年收入%(income)s元，"
                 "支出%(expense)s元，年末结转%(closing)s元。") % {
        "entries": fa.entries, "opening": _money(r.opening), "income": _money(r.income), "expense": _money(r.expense),
        "closing": _money(r.closing)})
    _heading(doc, _("二、审查意见"))
    for line in r.opinion.splitlines():
        if line.strip():
            _body(doc, line.strip())
    _heading(doc, _("三、发现的问题和建议"))
    for line in (r.findings or _("无")).splitlines():
        if line.strip():
            _body(doc, line.strip())
    _signature(doc, [_("%(name)s经费审查委员会") % {"name": union.name}, cn_date(r.reviewed_on)])
    return to_bytes(doc)


def gettext_not_reviewed(year: int) -> str:
    return _("%(year)s年度决算尚未经经审委员会审查，不能出具经费审查报告") % {"year": year}


def file_name(union, year: int, what: str) -> str:
    names = {"xlsx": _("%(year)s年度经费收支决算表.xlsx"), "report": _("%(year)s年度经费收支情况报告.docx"),
             "review": _("%(year)s年度经费审查报告.docx")}
    return names[what] % {"year": year}

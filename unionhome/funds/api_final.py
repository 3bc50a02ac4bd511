"""JSON API of the year's 经费决算: the figures, the 经审 review, the workbook and the congress documents."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from unionhome.core.docx import attachment
from unionhome.core.permissions import api_require
from unionhome.core.text import CleanTextSchema
from unionhome.funds import final_accounts as fa_docs
from unionhome.funds.services_final import final_accounts_review

router = Router(tags=[gettext_lazy("经费决算")])


class RowOut(Schema):
    category: str
    name: str
    account_no: str
    budget: Decimal | None
    total: Decimal
    used_pct: float | None
    over: bool


class ReviewOut(Schema):
    year: int
    opinion: str
    findings: str
    reviewed_on: dt.date
    opening: Decimal
    income: Decimal
    expense: Decimal
    closing: Decimal


class FinalAccountsOut(Schema):
    year: int
    opening: Decimal
    income: Decimal
    expense: Decimal
    closing: Decimal
    entries: int
    income_budget: Decimal
    expense_budget: Decimal
    income_rows: list[RowOut]
    expense_rows: list[RowOut]
    review: ReviewOut | None
    computed_at: dt.datetime


class YearIn(Schema):
    year: int = Field(ge=2000, le=2100)


class ReviewIn(CleanTextSchema):
    year: int = Field(ge=2000, le=2100)
    opinion: str
    findings: str = ""


@router.get("", response=FinalAccountsOut, url_name="funds_final_accounts")
def final_accounts_api(request, q: Query[YearIn]):
    """The year's 决算: totals, each category against its budget, and the review once recorded."""
    ctx = api_require(request, "funds.view")
    return fa_docs.final_accounts(ctx.union, q.year)


@router.post("/review", response={201: ReviewOut}, url_name="funds_final_accounts_review")
def final_accounts_review_api(request, body: ReviewIn):
    """The funds reviewer records the review opinion and findings; the year is then frozen."""
    ctx = api_require(request, "funds.review")
    return Status(201, final_accounts_review(actor=request.user, union=ctx.union, **body.dict()))


@router.get("/files/{what}", url_name="funds_final_accounts_file")
def final_accounts_file_api(request, what: str, q: Query[YearIn]):
    """``xlsx`` (收支决算表), ``report`` (经费收支情况报告) or ``review`` (经费审查报告, once recorded)."""
    from django.http import Http404

    ctx = api_require(request, "funds.view")
    makers = {"xlsx": fa_docs.final_accounts_xlsx, "report": fa_docs.funds_report_docx,
              "review": fa_docs.review_report_docx}
    if what not in makers:
        raise Http404
    year = q.year
    name = fa_docs.file_name(ctx.union, year, what)
    extra = {"content_type": fa_docs.XLSX_TYPE} if what == "xlsx" else {}
    return attachment(makers[what](ctx.union, year), name,
                      fallback=f"final-accounts-{year}-{what}.{name.rsplit('.', 1)[-1]}", **extra)

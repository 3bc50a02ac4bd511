"""The year's 经费决算 pages: the page, its workbook and congress documents, the 经审 review."""
from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.core.docx import attachment
from unionhome.core.permissions import require
from unionhome.core.views import attempt, form_action
from unionhome.funds import final_accounts as fa_docs
from unionhome.funds import forms
from unionhome.funds.services_final import final_accounts_review, months_to_sign
from unionhome.funds.views import _year


@require("funds.view")
def final_accounts(request):
    year = _year(request)
    union = request.ctx.union
    fa = fa_docs.final_accounts(union, year)
    return render(request, "funds/final_accounts.html", {
        "year": year, "fa": fa, "unsigned": _("、").join(str(m) for m in months_to_sign(union, year)) if not fa.frozen else "",
        "form": forms.FinalReviewForm(initial={"year": year})})


@require_POST
@require("funds.review")
def final_accounts_review_view(request):
    form = forms.FinalReviewForm(request.POST)
    return form_action(request, form, lambda d: final_accounts_review(
        actor=request.user, union=request.ctx.union, year=d["year"], opinion=d["opinion"], findings=d["findings"]),
        ok=lambda r: _("%(year)s年度决算审查意见已记录，该年度账目已冻结") % {"year": r.year},
        to=lambda d: f"{reverse('funds:final_accounts')}?year={d['year']}", invalid_to="funds:final_accounts")


@require("funds.view")
def final_accounts_file(request, what: str):
    year = _year(request)
    union = request.ctx.union
    make = {"xlsx": fa_docs.final_accounts_xlsx, "report": fa_docs.funds_report_docx,
            "review": fa_docs.review_report_docx}[what]
    outcome = attempt(lambda: make(union, year), request=request)
    if not outcome:
        return redirect(f"{reverse('funds:final_accounts')}?year={year}")
    content_type = fa_docs.XLSX_TYPE if what == "xlsx" else None
    name = fa_docs.file_name(union, year, what)
    fallback = f"final-accounts-{year}-{what}.{name.rsplit('.', 1)[-1]}"
    return attachment(outcome.value, name, fallback=fallback, **({"content_type": content_type} if content_type else {}))

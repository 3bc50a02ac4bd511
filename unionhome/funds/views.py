"""Pages of the funds app: thin views over services and queries."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unionhome.core.permissions import require
from unionhome.core.rules import rule_value
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.views import attempt, form_action, form_page
from unionhome.funds import forms, queries, queries_dues, services, services_dues
from unionhome.funds.models import EntryAttachment, LedgerEntry, PayoutRequest, WelfarePayout
from unionhome.members.models import Worker

REVIEW_OR_DUES = ("funds.dues", "funds.review")


def _year(request) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        return this_year
    return year if 2000 <= year <= 2100 else this_year


def _negative_warning(request) -> list:
    """The warning that follows a posting when the balance has gone below zero (none otherwise)."""
    amount = queries.balance_now(request.ctx.union, timezone.localdate())
    if amount < 0:
        return [(messages.WARNING, _("注意：经费结余已为负数（%(amount)s元），支出超过了账上资金") % {"amount": amount})]
    return []


@require("funds.view")
def ledger(request):
    this_year = timezone.localdate().year
    # The list opens on this year, and the header's figures cover exactly the period the list shows (item 22).
    form = forms.LedgerFilterForm(request.GET if "year" in request.GET else {**request.GET.dict(), "year": this_year})
    filters = (queries.EntryFilters(**form.cleaned_data) if form.is_valid()
               else queries.EntryFilters(year=this_year))
    confidential = request.ctx.has("funds.confidential")
    qs = queries.entry_list(request.ctx.union, filters, confidential=confidential)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    page.object_list = queries.redact(list(page.object_list), confidential=confidential)
    return render(request, "funds/ledger.html", {
        "form": form, "page": page, "totals": queries.entry_list_totals(qs), "year": filters.year,
        "month": filters.month, "balance_now": queries.balance_now(request.ctx.union, timezone.localdate()),
        "year_totals": queries.ledger_header(request.ctx.union, filters.year, filters.month),
        "query": request.GET.urlencode()})


@require("funds.post")
def entry_new(request):
    form = forms.EntryForm(request.POST or None, request.FILES or None)

    def post(data):
        kind, category, subcategory = form.cleaned_account()
        entry = services.entry_post(actor=request.user, union=request.ctx.union, on=data["on"], kind=kind,
                                    category=category, subcategory=subcategory, amount=data["amount"],
                                    counterparty=data["counterparty"], method=data["method"], note=data["note"])
        if data["receipt"]:
            services.attachment_add(actor=request.user, entry=entry, upload=data["receipt"])
        return entry
    return form_page(request, form, post, template="funds/entry_form.html", status=422,
                     ok=lambda entry: [_("已记账：凭证%(voucher)s") % {"voucher": entry.voucher}, *_negative_warning(request)],
                     to=lambda entry: reverse("funds:entry_detail", args=[entry.pk]))


@require("funds.view")
def entry_detail(request, pk: int):
    entry = get_in_union_or_404(LedgerEntry.objects.select_related("account_item", "reverses", "posted_by"),
                                request.ctx.union, pk=pk)
    confidential = request.ctx.has("funds.confidential")
    queries.redact([entry], confidential=confidential)
    if entry.confidential and confidential:
        services.entry_details_read(actor=request.user, entry=entry)
    payout = (WelfarePayout.objects.filter(entry=entry).select_related("worker", "overridden_by").first()
              if confidential or not entry.confidential else None)
    return render(request, "funds/entry_detail.html", {
        "entry": entry, "payout": payout, "reversal": LedgerEntry.objects.filter(reverses=entry).first(),
        "comments": entry.comments.select_related("author"), "attachments": entry.attachments.all(),
        "reason_form": forms.ReasonForm(), "comment_form": forms.CommentForm(), "receipt_form": forms.ReceiptForm()})


def _entry(request, pk) -> LedgerEntry:
    return get_in_union_or_404(LedgerEntry, request.ctx.union, pk=pk)


@require_POST
@require("funds.post")
def entry_reverse(request, pk: int):
    entry = _entry(request, pk)
    return form_action(request, forms.ReasonForm(request.POST), lambda d: services.entry_reverse(
        actor=request.user, entry=entry, reason=d["reason"]),
        ok=lambda rev: _("已冲销，冲销凭证%(voucher)s") % {"voucher": rev.voucher}, to=reverse("funds:entry_detail", args=[entry.pk]))


@require_POST
@require("funds.review")
def entry_comment(request, pk: int):
    entry = _entry(request, pk)
    return form_action(request, forms.CommentForm(request.POST), lambda d: services.comment_add(
        actor=request.user, entry=entry, text=d["text"]),
        ok=_("审查意见已记录"), to=reverse("funds:entry_detail", args=[entry.pk]))


@require_POST
@require("funds.post")
def entry_attach(request, pk: int):
    entry = _entry(request, pk)
    return form_action(request, forms.ReceiptForm(request.POST, request.FILES), lambda d: services.attachment_add(
        actor=request.user, entry=entry, upload=d["file"]),
        ok=_("票据已上传"), to=reverse("funds:entry_detail", args=[entry.pk]))


@require("funds.view")
def attachment(request, pk: int):
    item = get_in_union_or_404(EntryAttachment, request.ctx.union, pk=pk)
    services.attachment_view(actor=request.user, item=item)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = f"inline; filename=receipt-{item.pk}.{item.file.name.rsplit('.', 1)[-1]}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require("funds.view")
def export(request):
    """The 导出账簿 tab opens the form on the year it was showing; the form's submission downloads the xlsx."""
    if "month_from" not in request.GET and "month_to" not in request.GET:
        year = _year(request)
        form = forms.ExportForm(initial={"year": year})
        return render(request, "funds/export.html", {"form": form, "year": year})
    form = forms.ExportForm(request.GET)
    if not form.is_valid():
        return render(request, "funds/export.html", {"form": form}, status=400)
    d = form.cleaned_data
    outcome = attempt(lambda: services.ledger_export(
        actor=request.user, union=request.ctx.union, year=d["year"], month_from=d["month_from"],
        month_to=d["month_to"], category=d["category"], confidential=request.ctx.has("funds.confidential")),
        form=form)
    if not outcome:
        return render(request, "funds/export.html", {"form": form}, status=400)
    response = HttpResponse(outcome.value, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="ledger-{d["year"]}-{d["month_from"]:02d}-{d["month_to"]:02d}.xlsx"'
    return response


@require("funds.view")
def budget(request):
    year = _year(request)
    return render(request, "funds/budget.html", {"year": year, "rows": queries.budget_vs_actual(request.ctx.union, year),
                                                 "form": forms.BudgetForm(initial={"year": year})})


@require_POST
@require("funds.budget")
def budget_set(request):
    def save(d):
        kind, category, _sub = d["account"].split(":")
        services.budget_set(actor=request.user, union=request.ctx.union, year=d["year"], kind=kind,
                            category=category, amount=d["amount"])
    return form_action(request, forms.BudgetForm(request.POST), save, ok=_("预算已保存"),
                       to=lambda d: f"/funds/budget/?year={d['year']}", invalid=_("预算输入不正确"),
                       invalid_to="funds:budget")


@require("funds.view")
def periods(request):
    year = _year(request)
    today = timezone.localdate()
    signed = queries.signed_periods(request.ctx.union, year)
    rows = [{"month": m, "signed": signed.get(m), "ended": (year, m) < (today.year, today.month),
             **queries.period_totals(request.ctx.union, year, m)} for m in range(1, 13)]
    opening = queries.opening_of(request.ctx.union)
    return render(request, "funds/periods.html", {
        "year": year, "rows": rows, "today": today, "opening": opening,
        "opening_form": forms.OpeningForm(initial={"on": opening.opened_on if opening else today.replace(month=1, day=1),
                                                   "balance": opening.balance if opening else None})})


@require_POST
@require("funds.post")
def books_open(request):
    form = forms.OpeningForm(request.POST)
    return form_action(request, form, lambda d: services.ledger_open(
        actor=request.user, union=request.ctx.union, on=d["on"], balance=d["balance"]),
        ok=_("建账日期和期初余额已保存"), to="funds:periods")


@require_POST
@require("funds.review")
def period_signoff(request):
    form = forms.SignoffForm(request.POST)
    return form_action(request, form, lambda d: services.period_signoff(
        actor=request.user, union=request.ctx.union, year=d["year"], month=d["month"], note=d["note"]),
        ok=lambda _r: _("%(value)s年%(value2)s月已审签结账") % {
            "value": form.cleaned_data["year"], "value2": form.cleaned_data["month"]},
        to=lambda d: f"/funds/periods/?year={d['year']}", invalid=_("期间不正确"), invalid_to="funds:periods")


def _month(request) -> dt.date:
    try:
        return dt.datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
    except ValueError:
        return timezone.localdate().replace(day=1)


@require(*REVIEW_OR_DUES, any_of=True)
def dues(request):
    month = _month(request)
    rows = queries_dues.dues_month_list(request.ctx.union, month)
    items = rule_value("funds.dues_wage_items", union=request.ctx.union)
    return render(request, "funds/dues.html", {
        "month": month, "rows": rows, "owing": sum(1 for r in rows if r["owing"]),
        "pay_form": forms.DuesPayForm(union=request.ctx.union, initial={"month": month.strftime("%Y-%m")}),
        "rate_form": forms.DuesRateForm(union=request.ctx.union, items=items,
                                        initial={"from_month": month.strftime("%Y-%m")})})


@require_POST
@require("funds.dues")
def dues_pay(request):
    form = forms.DuesPayForm(request.POST, union=request.ctx.union)

    def pay(d):
        worker = get_in_union_or_404(Worker, request.ctx.union, pk=d["worker"])
        services_dues.dues_pay(actor=request.user, worker=worker, month=d["month"], amount=d["amount"],
                               paid_on=d["paid_on"])
        return worker
    return form_action(request, form, pay,
                       ok=lambda worker: _("已登记%(name)s%(value)s会费") % {
                           "name": worker.name, "value": format(form.cleaned_data["month"], _("%Y年%m月"))},
                       to=lambda d: f"/funds/dues/?month={d['month']:%Y-%m}", invalid_to="funds:dues")


@require_POST
@require("funds.dues")
def dues_rate(request):
    items = rule_value("funds.dues_wage_items", union=request.ctx.union)
    form = forms.DuesRateForm(request.POST, union=request.ctx.union, items=items)

    def set_rate(d):
        worker = get_in_union_or_404(Worker, request.ctx.union, pk=d["worker"])
        return services_dues.dues_rate_set(actor=request.user, worker=worker, wage_items=form.wage_items(),
                                           from_month=d["from_month"])
    return form_action(request, form, set_rate, to="funds:dues",
                       ok=lambda rate: _("%(name)s月缴会费%(monthly_due)s元（工资数额不保存）") % {
                           "name": rate.worker.name, "monthly_due": rate.monthly_due})


@require("funds.dues")
def dues_import(request):
    form = forms.DuesImportForm(request.POST or None, request.FILES or None,
                                initial={"paid_on": timezone.localdate()})

    def read_and_import(d):
        limit = rule_value("funds.import_max_bytes", union=request.ctx.union)
        return services_dues.dues_import(actor=request.user, union=request.ctx.union,
                                         data=d["file"].read(limit + 1), filename=d["file"].name,
                                         paid_on=d["paid_on"], method=d["method"])
    return form_page(request, form, read_and_import, template="funds/dues_import.html", status=422,
                     ok=lambda payments: _("已导入%(len)s笔会费") % {"len": len(payments)}, to="funds:dues")


@require(*REVIEW_OR_DUES, any_of=True)
def dues_arrears(request):
    upto = _month(request)
    rows = queries_dues.dues_arrears(request.ctx.union, upto=upto)
    return render(request, "funds/dues_arrears.html", {"rows": rows, "upto": upto,
                                                       "total": sum(r["amount"] for r in rows)})


@require(*REVIEW_OR_DUES, any_of=True)
def dues_review(request):
    rows = queries_dues.dormant_members(request.ctx.union, today=timezone.localdate())
    months = rule_value("funds.dormant_months", union=request.ctx.union)
    return render(request, "funds/dues_review.html", {"rows": rows, "months": months})


@require("funds.view")
def policy(request):
    on = timezone.localdate()
    terms = services.welfare_terms(request.ctx.union, on)
    labels = dict(WelfarePayout.Benefit.choices) | {"hospital_surgery": _("住院慰问（手术）")}
    return render(request, "funds/policy.html", {
        "policy": terms.policy, "terms": terms, "caps": [(labels.get(k, k), v) for k, v in terms.caps.items()],
        "festivals": [(services.FESTIVAL_NAMES.get(f, f), cap) for f, cap in terms.festivals.items()],
        "festival_names": [services.FESTIVAL_NAMES.get(f, f) for f in terms.festivals],
        "forms_allowed": [WelfarePayout.Form(f).label for f in terms.forms],
        "prize_ratio": (terms.policy.prize_ratio if terms.policy and terms.policy.prize_ratio else
                        rule_value("funds.prize_ratio_default", union=request.ctx.union)),
        "categories": rule_value("funds.welfare_categories", union=request.ctx.union)})


@require("funds.view")
def overrides(request):
    return render(request, "funds/overrides.html", {"rows": queries.override_list(
        request.ctx.union, confidential=request.ctx.has("funds.confidential"))})


@require("funds.post")
def payout_new(request):
    can_override = request.ctx.has("funds.override")
    form = forms.PayoutForm(request.POST or None, union=request.ctx.union, can_override=can_override)

    def submit(d):
        d = dict(d)
        worker = get_in_union_or_404(Worker, request.ctx.union, pk=d.pop("worker"))
        return services.welfare_payout_submit(actor=request.user, union=request.ctx.union, worker=worker, **d)

    def said(payout):
        if isinstance(payout, PayoutRequest):
            return _("已提交工会主席审批：%(what)s。主席批准后自动记账。") % {"what": f"{payout.worker.name} {payout}"}
        return [_("已记录%(payout)s（凭证%(voucher)s）") % {"payout": payout, "voucher": payout.entry.voucher}
                + (_("，超限额已由主席批准并记录") if payout.is_override else ""),
                *_negative_warning(request)]
    return form_page(request, form, submit, template="funds/payout_form.html", status=422, ok=said,
                     to=lambda payout: ("funds:payout_new" if isinstance(payout, PayoutRequest)
                                        else reverse("funds:entry_detail", args=[payout.entry_id])),
                     context=lambda: {"can_override": can_override, "decide_form": forms.DecideForm(),
                                      "pending": queries.payout_requests_pending(request.ctx.union)})


@require_POST
@require("funds.override")
def payout_request_decide(request, pk: int):
    item = get_in_union_or_404(PayoutRequest, request.ctx.union, pk=pk)
    form = forms.DecideForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    return form_action(request, form, lambda d: services.payout_request_decide(
        actor=request.user, request=item, approve=approve, note=d["note"]),
        ok=_("已批准并记账") if approve else _("已退回申请"), to="funds:payout_new")

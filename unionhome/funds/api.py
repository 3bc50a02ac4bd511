"""JSON API of the funds app: list and post entries, reverse, balances and category totals."""
import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from unionhome.core.errors import RuleViolation
from unionhome.core.paging import Offset
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.funds import queries, services
from unionhome.funds.models import LedgerEntry

router = Router(tags=[gettext_lazy("经费")])


class EntryOut(Schema):
    id: int
    voucher: str
    on: dt.date
    kind: str
    category: str
    subcategory: str
    category_name: str
    amount: Decimal
    counterparty: str
    method: str
    note: str
    source_label: str
    reverses_id: int | None

    @staticmethod
    def resolve_category_name(obj):
        return obj.account_item.name


class EntryPage(Schema):
    count: int
    income: Decimal
    expense: Decimal
    results: list[EntryOut]


class EntryIn(CleanTextSchema):
    on: dt.date
    kind: str
    category: str
    subcategory: str = ""
    amount: Decimal
    counterparty: str = ""
    method: str = ""
    note: str = ""


class ListIn(CleanTextSchema):
    year: int | None = None
    month: int | None = None
    kind: str = ""
    category: str = ""
    q: str = ""
    offset: Offset = 0
    limit: int = 50


class ReverseIn(CleanTextSchema):
    reason: str
    on: dt.date | None = None


class CategoryTotal(Schema):
    kind: str
    category: str
    name: str
    total: Decimal


class BalanceOut(Schema):
    year: int
    opening: Decimal
    income: Decimal
    expense: Decimal
    closing: Decimal
    entries: int
    categories: list[CategoryTotal]


@router.get("/entries", response=EntryPage, url_name="funds_entries")
def entries(request, filters: Query[ListIn]):
    ctx = api_require(request, "funds.view")
    data = filters.dict()
    offset, limit = max(0, data.pop("offset")), min(max(1, data.pop("limit")), 200)
    confidential = ctx.has("funds.confidential")
    qs = queries.entry_list(ctx.union, queries.EntryFilters(**data), confidential=confidential)
    totals = queries.entry_list_totals(qs)
    return {"count": totals["count"], "income": totals["income"], "expense": totals["expense"],
            "results": queries.redact(list(qs[offset:offset + limit]), confidential=confidential)}


@router.post("/entries", response={201: EntryOut}, url_name="funds_entries")
def post_entry(request, body: EntryIn):
    ctx = api_require(request, "funds.post")
    entry = services.entry_post(actor=request.user, union=ctx.union, **body.dict())
    return Status(201, entry)


@router.get("/entries/{entry_id}", response=EntryOut, url_name="funds_entry")
def entry(request, entry_id: int):
    ctx = api_require(request, "funds.view")
    found = get_in_union_or_404(LedgerEntry.objects.select_related("account_item"), ctx.union, pk=entry_id)
    return queries.redact([found], confidential=ctx.has("funds.confidential"))[0]


@router.post("/entries/{entry_id}/reverse", response={201: EntryOut}, url_name="funds_entry_reverse")
def reverse_entry(request, entry_id: int, body: ReverseIn):
    ctx = api_require(request, "funds.post")
    original = get_in_union_or_404(LedgerEntry, ctx.union, pk=entry_id)
    reversal = services.entry_reverse(actor=request.user, entry=original, reason=body.reason, on=body.on)
    return Status(201, queries.redact([reversal], confidential=ctx.has("funds.confidential"))[0])


@router.get("/balance", response=BalanceOut, url_name="funds_balance")
def balance(request, year: int | None = None):
    ctx = api_require(request, "funds.view")
    year = year or dt.date.today().year
    if not 2000 <= year <= 2100:
        year = dt.date.today().year
    return {"year": year, **queries.year_totals(ctx.union, year),
            "categories": queries.category_totals(ctx.union, year)}


class DuesPaymentIn(CleanTextSchema):
    worker_id: int
    month: dt.date  # any day of the month paid for
    amount: Decimal
    paid_on: dt.date | None = None
    method: str = ""


class DuesPaymentOut(Schema):
    id: int
    worker_id: int
    month: dt.date
    amount: Decimal
    paid_on: dt.date
    entry_id: int


class PayoutIn(CleanTextSchema):
    worker_id: int
    benefit: str
    amount: Decimal
    form: str
    on: dt.date
    festival: str = ""
    event_key: str = ""
    relation: str = ""
    surgery: bool = False
    note: str = ""
    override_reason: str = ""


class PayoutOut(Schema):
    id: int
    worker_id: int
    benefit: str
    amount: Decimal
    form: str
    entry_id: int
    override_reason: str
    needs_confirmation: bool = False


@router.post("/dues/payments", response={201: DuesPaymentOut}, url_name="funds_dues_payments")
def dues_payment(request, body: DuesPaymentIn):
    """Record one member's dues for a month (the same service as the dues page and the xlsx import)."""
    from unionhome.funds.services_dues import dues_pay
    from unionhome.members.models import Worker

    ctx = api_require(request, "funds.dues")
    worker = get_in_union_or_404(Worker, ctx.union, pk=body.worker_id)
    payment = dues_pay(actor=request.user, worker=worker, month=body.month.replace(day=1), amount=body.amount,
                       paid_on=body.paid_on, method=body.method)
    return Status(201, payment)


@router.post("/welfare-payouts", response={201: PayoutOut}, url_name="funds_welfare_payouts")
def welfare_payout(request, body: PayoutIn):
    """A welfare payout to a member, checked against the province's policy (caps, forms, one per event)."""
    from unionhome.members.models import Worker

    ctx = api_require(request, "funds.post")
    data = body.dict()
    worker = get_in_union_or_404(Worker, ctx.union, pk=data.pop("worker_id"))
    return Status(201, services.welfare_payout(actor=request.user, union=ctx.union, worker=worker, **data))


# --- the pages' other writes: payout requests, review, receipts, budgets, sign-off, opening, dues rates/import ---

class PayoutRequestOut(Schema):
    id: int
    worker_id: int
    benefit: str
    amount: Decimal
    form: str
    on: dt.date
    status: str
    payout_id: int | None
    entry_id: int | None

    @staticmethod
    def resolve_entry_id(obj):
        return obj.payout.entry_id if obj.payout_id else None


class PayoutSubmitOut(Schema):
    """Exactly one of the two: the payout recorded, or the request waiting for the chair."""
    payout: PayoutOut | None
    request: PayoutRequestOut | None


@router.post("/welfare-payouts/submit", response={201: PayoutSubmitOut}, url_name="funds_welfare_payout_submit")
def welfare_payout_submit(request, body: PayoutIn):
    """What the payout page does: the chair pays (a cap breach approved with ``override_reason``); anyone else
    blocked only by a cap who gives a reason sends the payout to the chair for approval instead."""
    from unionhome.funds.models import PayoutRequest
    from unionhome.members.models import Worker

    ctx = api_require(request, "funds.post")
    data = body.dict()
    worker = get_in_union_or_404(Worker, ctx.union, pk=data.pop("worker_id"))
    result = services.welfare_payout_submit(actor=request.user, union=ctx.union, worker=worker, **data)
    if isinstance(result, PayoutRequest):
        return Status(201, {"payout": None, "request": result})
    return Status(201, {"payout": result, "request": None})


class DecideIn(CleanTextSchema):
    approve: bool
    note: str = ""


@router.post("/payout-requests/{request_id}/decide", response=PayoutRequestOut, url_name="funds_payout_request_decide")
def payout_request_decide(request, request_id: int, body: DecideIn):
    """The chair approves (the payout is recorded) or declines a payout over a cap."""
    from unionhome.funds.models import PayoutRequest

    ctx = api_require(request, "funds.override")
    item = get_in_union_or_404(PayoutRequest, ctx.union, pk=request_id)
    return services.payout_request_decide(actor=request.user, request=item, approve=body.approve, note=body.note)


class CommentIn(CleanTextSchema):
    text: str


class CommentOut(Schema):
    id: int
    entry_id: int
    text: str
    created_at: dt.datetime


@router.post("/entries/{entry_id}/comments", response={201: CommentOut}, url_name="funds_entry_comments")
def comment_add(request, entry_id: int, body: CommentIn):
    """The funds reviewer's (经审) remark on an entry."""
    ctx = api_require(request, "funds.review")
    entry = get_in_union_or_404(LedgerEntry, ctx.union, pk=entry_id)
    return Status(201, services.comment_add(actor=request.user, entry=entry, text=body.text))


class AttachmentOut(Schema):
    id: int
    entry_id: int
    original_name: str
    content_type: str
    size: int


@router.post("/entries/{entry_id}/attachments", response={201: AttachmentOut}, url_name="funds_entry_attachments")
def attachment_add(request, entry_id: int, file: UploadedFile = File(None)):
    """A receipt (JPG, PNG or PDF, checked by its bytes) attached to an entry."""
    ctx = api_require(request, "funds.post")
    entry = get_in_union_or_404(LedgerEntry, ctx.union, pk=entry_id)
    if file is None:
        raise RuleViolation("file_required", _("请选择票据文件"), field="file")
    return Status(201, services.attachment_add(actor=request.user, entry=entry, upload=file))


class BudgetIn(CleanTextSchema):
    year: int = Field(ge=2000, le=2100)
    kind: str
    category: str
    amount: Decimal


class BudgetOut(Schema):
    id: int
    year: int
    kind: str
    category: str
    amount: Decimal


@router.put("/budgets", response=BudgetOut, url_name="funds_budgets")
def budget_set(request, body: BudgetIn):
    """Set one first-level category's budget for a year (replaces the figure set before)."""
    ctx = api_require(request, "funds.budget")
    return services.budget_set(actor=request.user, union=ctx.union, **body.dict())


class SignoffIn(CleanTextSchema):
    year: int = Field(ge=2000, le=2100)
    month: int
    note: str = ""


class SignoffOut(Schema):
    id: int
    year: int
    month: int
    note: str
    income: Decimal
    expense: Decimal
    entries: int


@router.post("/periods/signoffs", response={201: SignoffOut}, url_name="funds_period_signoffs")
def period_signoff(request, body: SignoffIn):
    """The funds reviewer signs off a finished month; the month is then closed to new entries."""
    ctx = api_require(request, "funds.review")
    return Status(201, services.period_signoff(actor=request.user, union=ctx.union, **body.dict()))


class OpeningIn(CleanTextSchema):
    on: dt.date
    balance: Decimal


class OpeningOut(Schema):
    opened_on: dt.date
    balance: Decimal


@router.put("/opening", response=OpeningOut, url_name="funds_opening")
def books_open(request, body: OpeningIn):
    """建账: the date the books begin and the balance carried into them (until the first sign-off)."""
    ctx = api_require(request, "funds.post")
    return services.ledger_open(actor=request.user, union=ctx.union, on=body.on, balance=body.balance)


class DuesRateIn(CleanTextSchema):
    worker_id: int
    from_month: dt.date  # any day of the first month
    wage_items: dict[str, Decimal]  # the configured wage items (GET /members/rates names them) → amount


class DuesRateOut(Schema):
    id: int
    worker_id: int
    from_month: dt.date
    monthly_due: Decimal


@router.put("/dues/rates", response=DuesRateOut, url_name="funds_dues_rates")
def dues_rate(request, body: DuesRateIn):
    """A member's monthly due from a month on, computed from the wage items; the wages are not kept."""
    from unionhome.funds.services_dues import dues_rate_set
    from unionhome.members.models import Worker

    ctx = api_require(request, "funds.dues")
    worker = get_in_union_or_404(Worker, ctx.union, pk=body.worker_id)
    return dues_rate_set(actor=request.user, worker=worker, wage_items=body.wage_items,
                         from_month=body.from_month.replace(day=1))


class DuesImportIn(CleanTextSchema):
    paid_on: dt.date
    method: str = ""


class DuesImportOut(Schema):
    imported: int
    payment_ids: list[int]


@router.post("/dues/import", response={201: DuesImportOut}, url_name="funds_dues_import")
def dues_import(request, body: Form[DuesImportIn], file: UploadedFile = File(None)):
    """Dues payments from an .xlsx (会员证号、姓名、月份、金额): every row valid, or nothing is recorded
    (422 ``dues_rows_invalid`` with ``details.errors``)."""
    from unionhome.core.rules import rule_value
    from unionhome.funds.services_dues import dues_import as import_dues

    ctx = api_require(request, "funds.dues")
    if file is None:
        raise RuleViolation("file_required", _("请选择会费表文件（.xlsx）"), field="file")
    data = file.read(rule_value("funds.import_max_bytes", union=ctx.union) + 1)
    payments = import_dues(actor=request.user, union=ctx.union, data=data, filename=file.name or "",
                           paid_on=body.paid_on, method=body.method)
    return Status(201, {"imported": len(payments), "payment_ids": [p.pk for p in payments]})


@router.post("/welfare-payouts/{payout_id}/confirm", response=PayoutOut, url_name="funds_welfare_payout_confirm")
def confirm_payout(request, payout_id: int):
    """The chair confirms a payout made under the national rule while the province had no policy."""
    from unionhome.funds.models import WelfarePayout
    from unionhome.funds.services_policy import welfare_payout_confirm

    ctx = api_require(request, "funds.override")
    payout = get_in_union_or_404(WelfarePayout, ctx.union, pk=payout_id)
    return welfare_payout_confirm(actor=request.user, payout=payout)


def _mount_policies() -> None:
    from unionhome.funds.api_policy import router as policies

    router.add_router("/policies", policies)
    from unionhome.funds.api_final import router as final_accounts

    router.add_router("/final-accounts", final_accounts)


_mount_policies()

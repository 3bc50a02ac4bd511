"""JSON API of the funds app: list and post entries, reverse, balances and category totals."""
import datetime as dt
from decimal import Decimal

from ninja import Query, Router, Schema, Status

from unionhome.core.paging import Offset
from unionhome.core.permissions import api_require
from unionhome.core.scoping import get_in_union_or_404
from unionhome.core.text import CleanTextSchema
from unionhome.funds import queries, services
from unionhome.funds.models import LedgerEntry

router = Router(tags=["经费"])


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


_mount_policies()

import datetime as dt
import itertools
from decimal import Decimal

from unionhome.core.testing import images
from unionhome.core.testing.matrix import NO_CHANGE, ROLE_OF, ROLES, Route, by_perm

_months = itertools.count()
# the cast union's people, in turn: one retirement gift each (12 requests, 11 people: the first, an anonymous one, pays nothing)
_payees = itertools.cycle(["member", "group_leader", "committee", "women_committee", "auditor", "finance",
                           "hardship_officer", "chair", "admin", "group1_worker", "group2_worker"])


def _entry(cast):
    from unionhome.funds.services import entry_post

    return entry_post(actor=None, union=cast.union, on=dt.date(2025, 3, 10), kind="expense", category="activity",
                      subcategory="culture_sports", amount=Decimal("88.00"), note="matrix")


def entry_kwargs(cast):
    return {"pk": _entry(cast).pk}


def entry_api_kwargs(cast):
    return {"entry_id": _entry(cast).pk}


def attachment_kwargs(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from unionhome.funds.services import attachment_add

    upload = SimpleUploadedFile("r.png", images.PNG)
    return {"pk": attachment_add(actor=None, entry=_entry(cast), upload=upload).pk}


def any_of(*perms, ok=200, **overrides) -> dict:
    from unionhome.core.permissions import registry

    holders = {r.value for p in perms for r in registry()[p].roles}
    result = {role: ok if ROLE_OF.get(role, role) in holders else 403 for role in ROLES}
    result.update(overrides)
    return result


def payout_request_kwargs(cast):
    from unionhome.funds.services import payout_request_submit

    request = payout_request_submit(actor=cast.users["finance"], union=cast.union, worker=cast.workers["member"],
                                    benefit="festival", amount=Decimal("1400"), form="goods",
                                    on=dt.date(2025, 1, 20), festival="spring_festival", reason="矩阵测试")
    return {"pk": request.pk}


def draft_kwargs(cast):
    """A draft of the federation's province (福建); for the mirror (the other union's rows,
    test_permission_matrix_cross) another province's draft, which the federation of 福建 may not reach."""
    from unionhome.funds.services_policy import PolicyDraft, policy_draft_save

    draft = PolicyDraft(province="贵州" if cast.union.code == "O" else "福建", name="矩阵草稿", source="test", effective_from=dt.date(2026, 12, 1),
                        items=(("wedding", "800"),), festivals=(("spring_festival", "500"),))
    return {"pk": policy_draft_save(actor=None, publisher=cast.federation, draft=draft).pk}


def draft_api_kwargs(cast):
    return {"policy_id": draft_kwargs(cast)["pk"]}


_weddings = itertools.count(1)


def national_payout(cast):
    from unionhome.core.models import Union
    from unionhome.funds.services import welfare_payout

    Union.objects.filter(pk=cast.union.pk).update(province="新疆")
    cast.union.refresh_from_db()
    return welfare_payout(actor=None, union=cast.union, worker=cast.workers["member"], benefit="wedding",
                          amount=Decimal("500"), form="goods", on=dt.date(2025, 5, 1),
                          event_key=f"wedding-{next(_weddings)}")  # a new payout for each role


def national_payout_kwargs(cast):
    return {"pk": national_payout(cast).pk}


def national_payout_api_kwargs(cast):
    return {"payout_id": national_payout(cast).pk}


def _published(cast, kw):
    from unionhome.funds.models import WelfarePolicy

    return WelfarePolicy.objects.get(pk=kw.get("pk") or kw["policy_id"]).published_at


def _policies(cast, kw):
    from unionhome.funds.models import WelfarePolicy

    return WelfarePolicy.objects.count()


def _unconfirmed(cast, kw):
    from unionhome.funds.models import WelfarePayout

    return WelfarePayout.objects.get(pk=kw.get("pk") or kw["payout_id"]).needs_confirmation


POLICY = by_perm("funds.policy_edit")
VIEW = by_perm("funds.view")
DUES_READ = any_of("funds.dues", "funds.review")

ROUTES = [
    Route("funds:ledger", expect=VIEW),
    Route("funds:entry_new", expect=by_perm("funds.post")),
    Route("funds:entry_new", method="post", data={}, expect=by_perm("funds.post")),
    Route("funds:entry_detail", kwargs=entry_kwargs, expect=by_perm("funds.view", outsider=404)),
    Route("funds:entry_reverse", method="post", kwargs=entry_kwargs, data={"reason": "矩阵测试"},
          expect=by_perm("funds.post", ok=302, outsider=404)),
    Route("funds:entry_comment", method="post", kwargs=entry_kwargs, data={"text": "请补发票"},
          expect=by_perm("funds.review", ok=302)),
    Route("funds:entry_attach", method="post", kwargs=entry_kwargs, expect=by_perm("funds.post", ok=302, outsider=404)),
    Route("funds:attachment", kwargs=attachment_kwargs, expect=by_perm("funds.view", outsider=404)),
    Route("funds:export", expect=VIEW),
    Route("funds:budget", expect=VIEW),
    Route("funds:budget_set", method="post", data={"year": 2025, "account": "expense:activity:", "amount": "5000"},
          expect=by_perm("funds.budget", ok=302)),
    Route("funds:periods", expect=VIEW),
    Route("funds:period_signoff", method="post", data={"year": 2025, "month": 1, "note": "ok"},
          expect=by_perm("funds.review", ok=302)),
    Route("funds:books_open", method="post", data={"on": "2024-01-01", "balance": "1000"},
          expect=by_perm("funds.post", ok=302)),
    Route("funds:payout_request_decide", method="post", kwargs=payout_request_kwargs,
          data={"decision": "decline", "note": "矩阵"}, expect=by_perm("funds.override", ok=302, outsider=404)),
    Route("funds:dues", expect=DUES_READ),
    Route("funds:dues_pay", method="post",
          data=lambda c: {"worker": c.workers["member"].pk, "month": "2025-03", "amount": "20",
                          "paid_on": "2025-03-05"}, expect=by_perm("funds.dues", ok=302)),
    Route("funds:dues_rate", method="post",
          data=lambda c: {"worker": c.workers["member"].pk, "from_month": "2025-01", "wage_1": "3000",
                          "wage_2": "1000"}, expect=by_perm("funds.dues", ok=302)),
    Route("funds:dues_import", expect=by_perm("funds.dues")),
    Route("funds:dues_import", method="post", data={}, expect=by_perm("funds.dues")),
    Route("funds:dues_arrears", expect=DUES_READ),
    Route("funds:dues_review", expect=DUES_READ),
    Route("funds:policy", expect=VIEW),
    Route("funds:overrides", expect=VIEW),
    Route("funds:policies", expect=POLICY),
    Route("funds:policy_new", expect=POLICY),
    Route("funds:policy_edit", kwargs=draft_kwargs, expect=POLICY),
    # posted empty: the federation officer gets the form back with its errors, nothing written
    Route("funds:policy_new", method="post", data={}, expect=POLICY, probe=_policies, changes=NO_CHANGE),
    Route("funds:policy_edit", method="post", kwargs=draft_kwargs, data={}, expect=POLICY, probe=_policies,
          changes=NO_CHANGE),
    Route("funds:policy_publish", method="post", kwargs=draft_kwargs, expect=by_perm("funds.policy_edit", ok=302),
          probe=_published),
    Route("funds:payouts_unconfirmed", expect=by_perm("funds.override")),
    Route("funds:payout_confirm", method="post", kwargs=national_payout_kwargs,
          expect=by_perm("funds.override", ok=302, outsider=404), probe=_unconfirmed),
    Route("api:funds_policies", expect=POLICY),
    Route("api:funds_policies", method="post", json=True,
          data={"province": "福建", "name": "矩阵", "source": "test", "effective_from": "2026-12-01",
                "items": [{"code": "wedding", "cap": "800"}]}, expect=by_perm("funds.policy_edit", ok=201),
          probe=_policies),
    Route("api:funds_policy", kwargs=draft_api_kwargs, expect=POLICY),
    Route("api:funds_policy", method="put", json=True, kwargs=draft_api_kwargs,
          data={"province": "福建", "name": "矩阵改", "source": "test", "effective_from": "2026-12-01",
                "items": [{"code": "wedding", "cap": "900"}]}, expect=POLICY),
    Route("api:funds_policy_publish", method="post", json=True, kwargs=draft_api_kwargs,
          expect=POLICY, probe=_published),
    Route("api:funds_welfare_payout_confirm", method="post", json=True, kwargs=national_payout_api_kwargs,
          expect=by_perm("funds.override", outsider=404), probe=_unconfirmed),
    Route("funds:payout_new", expect=by_perm("funds.post")),
    Route("funds:payout_new", method="post", data={}, expect=by_perm("funds.post")),
    Route("api:funds_entries", expect=VIEW),
    Route("api:funds_entries", method="post", json=True,
          data={"on": "2025-04-01", "kind": "income", "category": "dues", "amount": "12.50"},
          expect=by_perm("funds.post", ok=201)),
    Route("api:funds_entry", kwargs=entry_api_kwargs, expect=by_perm("funds.view", outsider=404)),
    Route("api:funds_entry_reverse", method="post", json=True, kwargs=entry_api_kwargs,
          data={"reason": "矩阵测试", "on": "2025-04-02"}, expect=by_perm("funds.post", ok=201, outsider=404)),
    Route("api:funds_balance", expect=VIEW),
    # Each role pays a month or a member no role before it paid (once a month, one retirement gift): the order of
    # the roles does not matter.
    Route("api:funds_dues_payments", method="post", json=True,
          data=lambda c: {"worker_id": c.workers["member"].pk, "month": f"2024-{next(_months) % 12 + 1:02d}-01",
                          "amount": "20"},
          expect=by_perm("funds.dues", ok=201, outsider=404)),
    Route("api:funds_welfare_payouts", method="post", json=True,
          data=lambda c: {"worker_id": c.workers[next(_payees)].pk, "benefit": "retirement", "amount": "300",
                          "form": "goods", "on": "2025-06-30"},
          expect=by_perm("funds.post", ok=201, outsider=404)),
]


def _rows(*models):
    """Probe for an API create: how many rows of the funds ``models`` exist."""
    def probe(cast, kw):
        from django.apps import apps

        return sum(apps.get_model("funds", m).objects.count() for m in models)
    return probe


def _request_status(cast, kw):
    from unionhome.funds.models import PayoutRequest

    return PayoutRequest.objects.get(pk=kw["request_id"]).status


def payout_request_api_kwargs(cast):
    return {"request_id": payout_request_kwargs(cast)["pk"]}


def _dues_xlsx(cast):
    import io

    import xlsxwriter

    worker = cast.workers["member"]
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    for r, row in enumerate([["会员证号", "姓名", "月份", "金额"], [worker.membership.card_number, worker.name, "2025-02", 20]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return out.getvalue()


def dues_import_upload(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("dues.xlsx", _dues_xlsx(cast)), "paid_on": "2025-03-05"}


def receipt_upload(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("r.png", images.PNG, content_type="image/png")}


ROUTES += [
    # A payout within the cap is recorded at once; the same member's second retirement gift is refused (422).
    Route("api:funds_welfare_payout_submit", method="post", json=True,
          data=lambda c: {"worker_id": c.workers["member"].pk, "benefit": "retirement", "amount": "300",
                          "form": "goods", "on": "2025-06-30"},
          expect=by_perm("funds.post", ok=201, chair=422, outsider=404), probe=_rows("WelfarePayout", "PayoutRequest")),
    Route("api:funds_payout_request_decide", method="post", json=True, kwargs=payout_request_api_kwargs,
          data={"approve": False, "note": "矩阵"}, expect=by_perm("funds.override", outsider=404), probe=_request_status),
    Route("api:funds_entry_comments", method="post", json=True, kwargs=entry_api_kwargs, data={"text": "请补发票"},
          expect=by_perm("funds.review", ok=201), probe=_rows("EntryComment")),
    Route("api:funds_entry_attachments", method="post", kwargs=entry_api_kwargs, data=receipt_upload,
          expect=by_perm("funds.post", ok=201, outsider=404), probe=_rows("EntryAttachment")),
    Route("api:funds_budgets", method="put", json=True,
          data={"year": 2025, "kind": "expense", "category": "activity", "amount": "5000"},
          expect=by_perm("funds.budget")),
    Route("api:funds_period_signoffs", method="post", json=True, data={"year": 2025, "month": 1, "note": "ok"},
          expect=by_perm("funds.review", ok=201), probe=_rows("PeriodSignoff")),
    Route("api:funds_opening", method="put", json=True, data={"on": "2024-01-01", "balance": "1000"},
          expect=by_perm("funds.post")),
    Route("api:funds_dues_rates", method="put", json=True,
          data=lambda c: {"worker_id": c.workers["member"].pk, "from_month": "2025-01-01",
                          "wage_items": {"职务工资": "3000"}}, expect=by_perm("funds.dues", outsider=404)),
    # The first permitted role imports; the month is then paid, so the next is refused (422, nothing recorded).
    Route("api:funds_dues_import", method="post", data=dues_import_upload,
          expect=by_perm("funds.dues", ok=201, chair=422, outsider=422), probe=_rows("DuesPayment")),
]


def _year_signed(cast):
    """2025 ended and every month of it signed off: the 决算 review may be recorded (once)."""
    from unionhome.funds.models import PeriodSignoff
    from unionhome.funds.queries import opening_of
    from unionhome.funds.services import ledger_open, period_signoff

    if opening_of(cast.union) is None and not PeriodSignoff.objects.filter(union=cast.union).exists():
        ledger_open(actor=None, union=cast.union, on=dt.date(2025, 1, 1), balance=Decimal("100"))
    signed = set(PeriodSignoff.objects.filter(union=cast.union, year=2025).values_list("month", flat=True))
    for month in range(1, 13):
        if month not in signed:
            period_signoff(actor=None, union=cast.union, year=2025, month=month, today=dt.date(2026, 2, 1))
    return {"year": 2025, "opinion": "矩阵：账实相符"}


def _reviews(cast, kw):
    from unionhome.funds.models import FinalAccountsReview

    return FinalAccountsReview.objects.count()


ROUTES += [
    Route("funds:final_accounts", expect=VIEW),
    Route("funds:final_accounts_review", method="post", data=_year_signed, expect=by_perm("funds.review", ok=302),
          probe=_reviews),
    Route("funds:final_accounts_file", kwargs=lambda c: {"what": "xlsx"}, expect=VIEW),
    Route("api:funds_final_accounts", data={"year": 2025}, expect=VIEW),
    Route("api:funds_final_accounts_review", method="post", json=True, data=_year_signed,
          expect=by_perm("funds.review", ok=201), probe=_reviews),
    Route("api:funds_final_accounts_file", kwargs=lambda c: {"what": "report"}, data={"year": 2025}, expect=VIEW),
]

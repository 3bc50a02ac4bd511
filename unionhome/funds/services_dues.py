"""Writes for dues (会费): the monthly due (rule 21) and payments, singly or from an xlsx (all-or-nothing).

The wage itself is never stored: only the computed monthly due (PIPL art.6, minimum scope).
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.money import parse_money
from unionhome.core.rules import rule_value
from unionhome.funds.models import DuesPayment, DuesRate, Kind
from unionhome.funds.services import entry_post
from unionhome.members.choices import MembershipStatus
from unionhome.members.models import Membership, Worker

CENT = Decimal("0.01")


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _dues_figures(union, on: dt.date) -> tuple[list[str], Decimal, Decimal]:
    return (rule_value("funds.dues_wage_items", union=union, on=on),
            Decimal(str(rule_value("funds.dues_base_round", union=union, on=on))),
            Decimal(str(rule_value("funds.dues_rate", union=union, on=on))))


def _compute_due(wage_items: dict, figures) -> tuple[Decimal, Decimal]:
    configured, step, rate = figures
    base = Decimal("0")
    for name in configured:
        value = parse_money(wage_items.get(name, 0) or 0, field=name)
        if value < 0:
            raise RuleViolation("wage_negative", gettext("%(name)s不能为负数") % {"name": name}, field=name)
        base += value
    base = (base / step).to_integral_value(rounding=ROUND_DOWN) * step
    return base, (base * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def monthly_due(*, union, wage_items: dict[str, Decimal], on: dt.date) -> tuple[Decimal, Decimal]:
    """Rule 21: 0.5% of the configured wage items, the base rounded down to whole ¥10. Returns (base, due)."""
    return _compute_due(wage_items, _dues_figures(union, on))


@transaction.atomic
def dues_rate_set(*, actor, worker: Worker, wage_items: dict[str, Decimal], from_month: dt.date) -> DuesRate:
    """Record a member's monthly due from a month on; the wage figures are used and discarded."""
    return dues_rate_set_many(actor=actor, union=worker.union, rows=[(worker, wage_items)], from_month=from_month)[0]


@transaction.atomic
def dues_rate_set_many(*, actor, union, rows: list[tuple[Worker, dict]], from_month: dt.date) -> list[DuesRate]:
    """The monthly dues of many members at once (a payroll run): one audit row for the batch."""
    from_month = month_start(from_month)
    figures = _dues_figures(union, from_month)
    if any(worker.union_id != union.pk for worker, _ in rows):
        raise RuleViolation("worker_other_union", gettext("有职工不属于本工会"))
    dues = {worker.pk: _compute_due(items, figures)[1] for worker, items in rows}
    existing = {r.worker_id: r for r in DuesRate.objects.select_for_update().filter(
        worker_id__in=dues, from_month=from_month)}
    setter = actor if getattr(actor, "is_authenticated", False) else None
    changed = []
    for worker_id, rate in existing.items():
        rate.monthly_due = dues[worker_id]
        changed.append(rate)
    DuesRate.objects.bulk_update(changed, ["monthly_due"])
    DuesRate.objects.bulk_create([DuesRate(union=union, worker_id=w, from_month=from_month, monthly_due=due,
                                           set_by=setter) for w, due in dues.items() if w not in existing])
    rates = list(DuesRate.objects.filter(worker_id__in=dues, from_month=from_month))
    audit_log(actor=actor, action="funds.dues.rate_set", union=union,
              target=rates[0] if len(rates) == 1 else None, target_label=gettext("%(from_month)s起会费标准%(len)s人") % {"from_month": format(from_month, '%Y-%m'), "len": len(rates)},
              after={"from_month": from_month, "dues": {str(r.worker_id): r.monthly_due for r in rates}})
    order = {w.pk: i for i, (w, _) in enumerate(rows)}
    return sorted(rates, key=lambda r: order[r.worker_id])


@dataclass
class PaymentRow:
    worker: Worker
    month: dt.date
    amount: Decimal
    line: int = 0


def _check_row(row: PaymentRow, union, membership, already_paid: bool) -> str:
    worker = row.worker
    if worker.union_id != union.pk:
        return gettext("该职工不属于本工会")
    if membership is None:
        return gettext("%(name)s不是会员") % {"name": worker.name}
    if membership.status == MembershipStatus.RETAINED:
        return gettext("%(name)s为保留会籍（退休）会员，不缴会费") % {"name": worker.name}
    if membership.status != MembershipStatus.ACTIVE:
        return gettext("%(name)s会籍已转出或退会") % {"name": worker.name}
    if row.amount <= 0:
        return gettext("金额必须大于0")
    if already_paid:
        return gettext("%(name)s%(month)s会费已登记") % {"name": worker.name, "month": format(row.month, gettext('%Y年%m月'))}
    return ""


@transaction.atomic
def dues_pay_many(*, actor, union, rows: list[PaymentRow], paid_on: dt.date, method: str = "",
                  note: str = "") -> list[DuesPayment]:
    """Record dues payments all-or-nothing, with one ledger income entry (会费收入) for their total."""
    if not rows:
        raise RuleViolation("no_rows", gettext("没有要登记的会费"))
    errors, seen = [], set()
    for row in rows:
        row.month = month_start(row.month)
    ids = {r.worker.pk for r in rows}
    memberships = {m.worker_id: m for m in Membership.objects.filter(worker_id__in=ids)}
    paid = set(DuesPayment.objects.filter(worker_id__in=ids, month__in={r.month for r in rows})
               .values_list("worker_id", "month"))
    for row in rows:
        message = _check_row(row, union, memberships.get(row.worker.pk), (row.worker.pk, row.month) in paid)
        if not message and (row.worker.pk, row.month) in seen:
            message = gettext("%(name)s%(month)s重复") % {"name": row.worker.name, "month": format(row.month, gettext('%Y年%m月'))}
        seen.add((row.worker.pk, row.month))
        if message:
            errors.append(gettext("第%(line)s行：%(message)s") % {"line": row.line, "message": message} if row.line else message)
    if errors:
        more = gettext("等%(len)s处") % {"len": len(errors)} if len(errors) > 10 else ""
        raise RuleViolation("dues_rows_invalid", gettext("；").join(errors[:10]) + more + gettext("（未登记任何一笔）"),
                            details={"errors": errors})
    total = sum((r.amount for r in rows), Decimal("0"))
    months = sorted({r.month for r in rows})
    span = f"{months[0]:%Y-%m}" + (gettext("至%(value)s") % {"value": format(months[-1], '%Y-%m')} if len(months) > 1 else "")
    label = rows[0].worker.name if len(rows) == 1 else gettext("%(len)s人次") % {"len": len(rows)}
    entry = entry_post(actor=actor, union=union, on=paid_on, kind=Kind.INCOME, category="dues", subcategory="",
                       amount=total, counterparty=label, method=method,
                       note=gettext("收%(span)s会费 %(label)s") % {"span": span, "label": label} + (gettext("：%(note)s") % {"note": note} if note else ""))
    recorder = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            payments = DuesPayment.objects.bulk_create([
                DuesPayment(union=union, worker=r.worker, month=r.month, amount=r.amount, paid_on=paid_on,
                            entry=entry, recorded_by=recorder) for r in rows])
    except IntegrityError:  # a parallel request recorded the same member and month first
        raise Conflict("dues_already_paid", gettext("其中有会费刚被他人登记，请刷新后重试（未登记任何一笔）"))
    audit_log(actor=actor, action="funds.dues.paid", union=union, target=entry,
              after={"payments": len(payments), "total": total, "months": span})
    return payments


def dues_pay(*, actor, worker: Worker, month: dt.date, amount: Decimal, paid_on: dt.date | None = None,
             method: str = "") -> DuesPayment:
    return dues_pay_many(actor=actor, union=worker.union, rows=[PaymentRow(worker, month, parse_money(amount))],
                         paid_on=paid_on or timezone.localdate(), method=method)[0]


# --- xlsx import ------------------------------------------------------------------------------------

HEADERS = {"会员证号": "card", "姓名": "name", "月份": "month", "金额": "amount"}
MONTH_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")


def _refuse(message: str):
    raise RuleViolation("import_file_invalid", message, field="file")


def read_xlsx_rows(data: bytes, *, max_bytes: int, max_rows: int) -> list[list]:
    """Open an uploaded workbook defensively: xlsx only, size, unpacked size and row limits (ASVS 5.2)."""
    if len(data) > max_bytes:
        _refuse(gettext("文件过大：不能超过%(value)sMB") % {"value": max_bytes // 1024 // 1024})
    if not data.startswith(b"PK\x03\x04"):
        _refuse(gettext("只能导入 Excel 2007 及以上的 .xlsx 文件"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > 200 or sum(i.file_size for i in infos) > 50 * max_bytes:
                _refuse(gettext("文件解压后过大，可能不是正常的会费表"))
            if "xl/workbook.xml" not in {i.filename for i in infos}:
                _refuse(gettext("只能导入 .xlsx 格式的 Excel 文件"))
    except zipfile.BadZipFile:
        _refuse(gettext("文件已损坏或不是 .xlsx 文件"))
    from python_calamine import CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=True)
    except Exception:  # calamine raises several error types for broken workbooks
        _refuse(gettext("无法读取该 Excel 文件，请另存为 .xlsx 后重试"))
    if len(rows) > max_rows + 1:
        _refuse(gettext("行数过多：一次最多导入%(max_rows)s行") % {"max_rows": max_rows})
    return rows


def _parse_month(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date().replace(day=1)
    if isinstance(value, dt.date):
        return value.replace(day=1)
    match = MONTH_RE.match(str(value or "").strip())
    if match and 1 <= int(match.group(2)) <= 12:
        return dt.date(int(match.group(1)), int(match.group(2)), 1)
    return None


def parse_dues_sheet(union, rows: list[list]) -> tuple[list[PaymentRow], list[str]]:
    if not rows:
        return [], [gettext("文件是空的")]
    header = [str(c or "").strip() for c in rows[0]]
    columns = {HEADERS[h]: i for i, h in enumerate(header) if h in HEADERS}
    missing = [h for h, key in HEADERS.items() if key not in columns and key != "name"]
    if missing:
        return [], [gettext("第1行缺少列：%(join)s（需要：会员证号、姓名、月份、金额）") % {"join": gettext('、').join(missing)}]
    cards = {m.card_number: m.worker for m in Membership.objects.filter(union=union).exclude(card_number="")
             .select_related("worker")}
    parsed, errors = [], []
    for line, raw in enumerate(rows[1:], start=2):
        cells = list(raw) + [""] * len(header)
        if all(str(c or "").strip() == "" for c in cells):
            continue
        card = str(cells[columns["card"]] or "").strip().removesuffix(".0")
        worker = cards.get(card)
        if worker is None:
            errors.append(gettext("第%(line)s行：会员证号“%(value)s”不存在") % {"line": line, "value": card[:20]})
            continue
        if "name" in columns and str(cells[columns["name"]] or "").strip() not in ("", worker.name):
            errors.append(gettext("第%(line)s行：姓名与会员证号%(card)s（%(name)s）不一致") % {"line": line, "card": card, "name": worker.name})
            continue
        month = _parse_month(cells[columns["month"]])
        if month is None:
            errors.append(gettext("第%(line)s行：月份应写成 2025-03") % {"line": line})
            continue
        try:
            amount = parse_money(cells[columns["amount"]])
        except RuleViolation as err:
            errors.append(gettext("第%(line)s行：%(message)s") % {"line": line, "message": err.message})
            continue
        parsed.append(PaymentRow(worker, month, amount, line))
    return parsed, errors


@transaction.atomic
def dues_import(*, actor, union, data: bytes, filename: str, paid_on: dt.date, method: str = "") -> list[DuesPayment]:
    """Import dues payments from an xlsx: every row valid, or nothing is recorded."""
    if not filename.lower().endswith(".xlsx"):
        _refuse(gettext("只能导入 .xlsx 文件"))
    rows = read_xlsx_rows(data, max_bytes=rule_value("funds.import_max_bytes", union=union),
                          max_rows=rule_value("funds.import_max_rows", union=union))
    parsed, errors = parse_dues_sheet(union, rows)
    if errors:
        more = gettext("等%(len)s处") % {"len": len(errors)} if len(errors) > 10 else ""
        raise RuleViolation("dues_rows_invalid", gettext("；").join(errors[:10]) + more + gettext("（未登记任何一笔）"),
                            details={"errors": errors})
    if not parsed:
        raise RuleViolation("no_rows", gettext("文件中没有会费记录"))
    return dues_pay_many(actor=actor, union=union, rows=parsed, paid_on=paid_on, method=method,
                         note=gettext("导入%(value)s") % {"value": filename[:60]})


"""The organisation template: units, union groups with their leaders, committee terms and positions, from one
.xlsx sheet. The one service behind the page, ``manage.py import_org`` and the API.

Each row says what it is in its first column (单位, 小组, 届次, 职务) and goes through the service that the
pages use (``unit_create``, ``group_create``, ``group_leader_set``, ``term_create``, ``term_approve``,
``position_assign``), so every rule of those pages holds for a file too. All or nothing: the rows run in one
transaction, each in its own savepoint so every faulty row is reported; any error (or a check only) rolls
the whole file back. A unit, group, term or position already there is left as it is, so the same file may be
imported again once the roster is in (leaders and officers are found by their 会员证号).
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from unionhome.committees.models import Committee, GroupLeader, Position, Term
from unionhome.committees.services import group_leader_set, position_assign, term_approve, term_create
from unionhome.core.audit import audit_log
from unionhome.core.errors import DomainError, RuleViolation
from unionhome.core.xlsx import XlsxWriter, read_sheet
from unionhome.members.importing import RowError, file_sha256
from unionhome.members.models import Worker
from unionhome.org.models import UnionGroup, Unit
from unionhome.org.services import group_create, unit_create

COLUMNS = [  # (key, title)
    ("kind", "类别"), ("name", "名称"), ("unit_code", "单位代码"), ("unit", "所在单位"), ("leader", "负责人会员证号"),
    ("committee", "委员会"), ("number", "届次"), ("starts_on", "任期开始"), ("years", "任期年限"), ("seats", "委员名额"),
    ("approved_on", "批复日期"), ("approval_document", "批复文号"), ("approved_by", "批复单位"),
    ("title", "职务"), ("card", "会员证号"), ("started_on", "任职日期"),
]
TITLES = dict(COLUMNS)
BY_TITLE = {title: key for key, title in COLUMNS}
KINDS = ("单位", "小组", "届次", "职务")
COMMITTEES = {str(label): value for value, label in Committee.Kind.choices}
POSITION_TITLES = {str(label): value for value, label in Position.Title.choices if value != Position.Title.ORGANISER}
EXAMPLES = [
    {"kind": "示例：单位", "name": "办公室", "unit_code": "BGS"},
    {"kind": "示例：小组", "name": "第一小组", "unit": "办公室", "leader": "GH0001"},
    {"kind": "示例：届次", "committee": "工会委员会", "number": 1, "starts_on": dt.date(2024, 3, 15), "years": 5,
     "seats": 7, "approved_on": dt.date(2024, 3, 20), "approval_document": "县总工发〔2024〕12号",
     "approved_by": "县总工会"},
    {"kind": "示例：职务", "committee": "工会委员会", "number": 1, "title": "主席", "card": "GH0001",
     "started_on": dt.date(2024, 3, 20)},
]


@dataclass
class OrgImportReport:
    sha256: str = ""
    total: int = 0
    created: dict = field(default_factory=lambda: {"units": 0, "groups": 0, "leaders": 0, "terms": 0,
                                                   "positions": 0})
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False

    def as_dict(self) -> dict:
        return {"sha256": self.sha256, "total": self.total, "created": dict(self.created),
                "unchanged": self.unchanged, "written": self.written, "error_count": len(self.errors),
                "errors": [e.as_dict() for e in self.errors]}


def org_template() -> bytes:
    """The template: its header, one example row of each kind (rows whose 类别 begins with 示例 are skipped)."""
    out = io.BytesIO()
    writer = XlsxWriter(out, sheet=_("组织架构"))
    writer.header([title for _key, title in COLUMNS], [10, 16, 10, 14, 16, 16, 6, 12, 8, 8, 12, 22, 14, 14, 12, 12])
    for example in EXAMPLES:
        writer.write([example.get(key, "") for key, _title in COLUMNS])
    writer.sheet.data_validation(1, 0, 1000, 0, {"validate": "list", "source": list(KINDS)})
    writer.sheet.data_validation(1, 5, 1000, 5, {"validate": "list", "source": list(COMMITTEES)})
    writer.sheet.data_validation(1, 13, 1000, 13, {"validate": "list", "source": list(POSITION_TITLES)})
    writer.close()
    return out.getvalue()


# --- reading cells ----------------------------------------------------------------------------------
def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value not in (None, "") else ""


def _int(cells, key, *, required=True) -> int | None:
    value = _text(cells.get(key))
    if not value:
        if required:
            raise RuleViolation("cell_required", _("%(value)s必填") % {"value": TITLES[key]}, field=key)
        return None
    if not value.isdigit():
        raise RuleViolation("cell_not_number", _("%(value)s应为整数：%(value2)s") % {"value": TITLES[key], "value2": value}, field=key)
    return int(value)


def _date(cells, key, *, required=True) -> dt.date | None:
    value = cells.get(key)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value).replace("/", "-").replace(".", "-")
    if not text:
        if required:
            raise RuleViolation("cell_required", _("%(value)s必填") % {"value": TITLES[key]}, field=key)
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RuleViolation("cell_not_date", _("%(value)s应为日期（如 2024-03-15）：%(text)s") % {"value": TITLES[key], "text": text}, field=key)


def _choice(cells, key, choices: dict) -> str:
    value = _text(cells.get(key))
    if value not in choices:
        raise RuleViolation("cell_not_choice", _("%(value)s应为%(join)s之一：%(value2)s") % {"value": TITLES[key], "join": _('、').join(choices), "value2": value or _('（空）')},
                            field=key)
    return choices[value]


def _worker(union, cells, key) -> Worker:
    card = _text(cells.get(key))
    worker = (Worker.objects.filter(union=union, membership__card_number=card).select_related("membership").first()
              if card else None)
    if worker is None:
        raise RuleViolation("card_unknown", _("花名册中没有会员证号为“%(card)s”的会员（请先导入花名册）") % {"card": card} if card
                            else _("%(value)s必填") % {"value": TITLES[key]}, field=key)
    return worker


# --- one row ----------------------------------------------------------------------------------------
def _term(union, cells) -> Term | None:
    kind = _choice(cells, "committee", COMMITTEES)
    return Term.objects.filter(union=union, committee__kind=kind, number=_int(cells, "number")).first()


def _row(*, actor, union, kind: str, cells: dict, report: OrgImportReport) -> None:
    name = _text(cells.get("name"))
    if kind == "单位":
        if Unit.objects.filter(union=union, name=name).exists():
            report.unchanged += 1
            return
        unit_create(actor=actor, union=union, name=name, code=_text(cells.get("unit_code")))
        report.created["units"] += 1
    elif kind == "小组":
        unit_name = _text(cells.get("unit"))
        unit = Unit.objects.filter(union=union, name=unit_name).first() if unit_name else None
        if unit_name and unit is None:
            raise RuleViolation("unit_unknown", _("没有名为“%(unit_name)s”的单位（单位行须在小组行之前）") % {"unit_name": unit_name}, field="unit")
        group = UnionGroup.objects.filter(union=union, name=name).first()
        if group is None:
            group = group_create(actor=actor, union=union, name=name, unit=unit)
            report.created["groups"] += 1
        else:
            report.unchanged += 1
        if _text(cells.get("leader")):
            leader = _worker(union, cells, "leader")
            if GroupLeader.objects.filter(group=group).values_list("worker_id", flat=True).first() != leader.pk:
                group_leader_set(actor=actor, group=group, leader=leader)
                report.created["leaders"] += 1
    elif kind == "届次":
        if _term(union, cells) is not None:
            report.unchanged += 1
            return
        term = term_create(actor=actor, union=union, kind=_choice(cells, "committee", COMMITTEES),
                           number=_int(cells, "number"), starts_on=_date(cells, "starts_on"),
                           years=_int(cells, "years"), seats=_int(cells, "seats"))
        approved_on = _date(cells, "approved_on", required=False)
        if approved_on is not None:
            term_approve(actor=actor, term=term, approved_on=approved_on,
                         approval_document=_text(cells.get("approval_document")),
                         approved_by=_text(cells.get("approved_by")))
        report.created["terms"] += 1
    else:  # 职务
        term = _term(union, cells)
        if term is None:
            raise RuleViolation("term_unknown", _("没有该委员会的这一届（届次行须在职务行之前）"), field="number")
        worker = _worker(union, cells, "card")
        title = _choice(cells, "title", POSITION_TITLES)
        if Position.objects.filter(term=term, worker=worker, title=title, ended_on__isnull=True).exists():
            report.unchanged += 1
            return
        position_assign(actor=actor, term=term, worker=worker, title=title,
                        started_on=_date(cells, "started_on", required=False) or term.approved_on or term.starts_on)
        report.created["positions"] += 1


@transaction.atomic
def org_import(*, actor, union, path, dry_run: bool = False) -> OrgImportReport:
    """Import the organisation template; any faulty row (or ``dry_run``) leaves the union as it was.
    Raises ``RuleViolation("org_rows_invalid")`` with ``details["errors"]`` when a row is wrong."""
    report = OrgImportReport(sha256=file_sha256(path))
    rows = read_sheet(path).rows
    header = next(rows, None)
    if header is None:
        raise RuleViolation("org_empty", _("文件中没有数据"))
    index = {BY_TITLE[t]: i for i, t in enumerate(_text(c).rstrip("*＊") for c in header) if t in BY_TITLE}
    if "kind" not in index or "name" not in index:
        raise RuleViolation("org_columns_missing", _("第1行缺少“类别”或“名称”列。请使用下载的模板填写"))
    for row_no, raw in enumerate(rows, start=2):
        cells = {key: (raw[i] if i < len(raw) else "") for key, i in index.items()}
        kind = _text(cells.get("kind"))
        if not any(_text(v) for v in cells.values()) or kind.startswith("示例"):
            continue
        report.total += 1
        try:
            if kind not in KINDS:
                raise RuleViolation("kind_unknown", _("类别应为%(join)s之一：%(value)s") % {"join": _('、').join(KINDS), "value": kind or _('（空）')}, field="kind")
            with transaction.atomic():
                _row(actor=actor, union=union, kind=kind, cells=cells, report=report)
        except DomainError as exc:
            report.errors.append(RowError(row_no, TITLES.get(exc.field, ""), exc.message))
    if report.errors:
        transaction.set_rollback(True)
        raise RuleViolation("org_rows_invalid", _("有 %(len)s 行有误，整个文件没有导入") % {"len": len(report.errors)},
                            details={"errors": [e.as_dict() for e in report.errors], "report": report.as_dict()})
    if dry_run:
        transaction.set_rollback(True)
        return report
    report.written = True
    audit_log(actor=actor, action="committees.org.imported", union=union, target=union,
              after={"sha256": report.sha256, "rows": report.total, **report.created})
    return report


def org_import_upload(*, actor, union, chunks, dry_run: bool = False) -> OrgImportReport:
    """``org_import`` of an uploaded file, kept on disk only while it is read."""
    import os
    import tempfile

    fd, path = tempfile.mkstemp(suffix=".xlsx", prefix="org-import-")
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        return org_import(actor=actor, union=union, path=path, dry_run=dry_run)
    finally:
        os.unlink(path)

"""Roster import from Excel: the one service used by the page, ``manage.py import_roster`` and the API.

Every row is checked with the rules of ``services.worker_create`` (GB 11643 check digit, birth date and
gender against the ID number, 56 ethnic groups, mobile, unit and group of this union) plus what only a
file can get wrong: missing columns, values of the wrong kind, duplicates inside the file and against the
roster (by the blind index ``id_number_hash``, and card numbers). Nothing is written when any row is
invalid unless the user asked for the valid rows only. The write is one transaction (a crash or a killed
process leaves nothing) and rows go in bulk: COPY on PostgreSQL, ``bulk_create`` in batches on SQLite.
One audit row records the import (file SHA-256, counts, the IDs created).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from unionhome.core import idcard
from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.xlsx import XlsxLimits, read_rows
from unionhome.members.choices import (ETHNICITIES, Education, EmploymentStatus, MembershipStatus,
                                       PoliticalStatus)
from unionhome.members.roster_keys import BlindIndex, PinyinKeys
from unionhome.members.services import MOBILE_RE, worker_check_identity

BATCH_SIZE = 2000
MAX_ERRORS_KEPT = 5000  # the page and the API show the first ones; the count is always exact


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    required: bool = False
    width: int = 12
    example: object = ""


COLUMNS = [
    Column("name", "姓名", True, 10, "张三"),
    Column("gender", "性别", True, 6, "男"),
    Column("ethnicity", "民族", False, 10, "汉族"),
    Column("birth_date", "出生日期", False, 12, dt.date(1985, 3, 1)),
    Column("id_number", "身份证号", True, 22, "11010119850301003X"),
    Column("mobile", "手机号", False, 14, "13800001234"),
    Column("unit", "单位", False, 18, ""),
    Column("group", "工会小组", False, 18, ""),
    Column("post", "职务/岗位", False, 14, "科员"),
    Column("employment_status", "在职状态", False, 10, "在职"),
    Column("political_status", "政治面貌", False, 12, "群众"),
    Column("education", "学历", False, 12, "大学本科"),
    Column("joined_on", "入会日期", False, 12, dt.date(2010, 7, 1)),
    Column("card_number", "会员证号", False, 16, ""),
    Column("membership_status", "会籍状态", False, 10, "在会"),
]
TITLES = {c.key: c.title for c in COLUMNS}
BY_TITLE = {c.title: c for c in COLUMNS}
FIELD_LIMITS = {"name": 50, "post": 100, "card_number": 40}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日")


def _labels(choices) -> dict[str, str]:
    with translation.override("zh-hans"):
        return {str(label): value for value, label in choices}


GENDER_LABELS = {"男": "M", "女": "F"}
EMPLOYMENT_LABELS = _labels(EmploymentStatus.choices)
POLITICAL_LABELS = _labels(PoliticalStatus.choices)
EDUCATION_LABELS = _labels(Education.choices)
MEMBERSHIP_LABELS = {k: v for k, v in _labels(MembershipStatus.choices).items()
                     if v in (MembershipStatus.ACTIVE, MembershipStatus.RETAINED)}
ETHNICITY_SET = frozenset(ETHNICITIES)


@dataclass
class RowError:
    row: int  # the Excel row number (the header is row 1)
    column: str  # the column's Chinese title ("" for the whole row)
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Lookups:
    """What a row is checked against: this union's units and groups, and today."""

    units: dict  # name -> id
    groups: dict  # name -> (id, unit_id)
    today: dt.date

    @classmethod
    def for_union(cls, union, today: dt.date | None = None) -> "Lookups":
        from unionhome.org.models import UnionGroup, Unit

        return cls(units=dict(Unit.objects.filter(union=union).values_list("name", "id")),
                   groups={n: (i, u) for n, i, u in UnionGroup.objects.filter(union=union)
                           .values_list("name", "id", "unit_id")},
                   today=today or timezone.localdate())


@dataclass
class ImportReport:
    sha256: str = ""
    total: int = 0
    valid: int = 0
    invalid_rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    created: int = 0
    members_created: int = 0
    first_id: int | None = None
    last_id: int | None = None
    written: bool = False

    def as_dict(self, max_errors: int = 1000) -> dict:
        return {"sha256": self.sha256, "total": self.total, "valid": self.valid, "invalid_rows": self.invalid_rows,
                "error_count": self.error_count, "created": self.created, "members_created": self.members_created,
                "first_id": self.first_id, "last_id": self.last_id, "written": self.written,
                "errors": [e.as_dict() for e in self.errors[:max_errors]]}


# --- one cell --------------------------------------------------------------------------------------
class CellError(Exception):
    pass


def _text(value, title: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        raise CellError(f"{title}应为文字，不能是逻辑值")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    raise CellError(f"{title}应为文字，不能是{_kind(value)}")


def _kind(value) -> str:
    if isinstance(value, bool):
        return "逻辑值"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return "日期或时间"
    return "其他类型"


def _date(value, title: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for fmt in DATE_FORMATS:
            try:
                day = dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
            if day.year >= 1900:
                return day
        raise CellError(f"{title}“{text[:20]}”不是有效日期，应写作 1985-03-01")
    raise CellError(f"{title}应为日期（如 1985-03-01），不能是{_kind(value)}")


def _choice(value, title: str, labels: dict, default: str = "") -> str:
    text = _text(value, title)
    if not text:
        return default
    if text in labels:
        return labels[text]
    raise CellError(f"{title}“{text[:20]}”不是可选值：{'、'.join(labels)}")


# --- one row ---------------------------------------------------------------------------------------
PARSERS = [("name", None, ()), ("gender", "choice", (GENDER_LABELS, "")), ("ethnicity", None, ()),
           ("birth_date", "date", ()), ("mobile", None, ()), ("unit", None, ()), ("group", None, ()),
           ("post", None, ()), ("employment_status", "choice", (EMPLOYMENT_LABELS, EmploymentStatus.EMPLOYED)),
           ("political_status", "choice", (POLITICAL_LABELS, PoliticalStatus.MASSES)),
           ("education", "choice", (EDUCATION_LABELS, "")), ("joined_on", "date", ()), ("card_number", None, ()),
           ("membership_status", "choice", (MEMBERSHIP_LABELS, ""))]


def row_check(cells: dict, lookups: Lookups) -> tuple[dict | None, list[tuple[str, str]]]:
    """Check one row (``cells``: column key -> raw cell value) without touching the database.

    Returns (values, []) for a good row, or (None, [(column key, Chinese message), ...]).
    Raises nothing for any cell content.
    """
    errors: list[tuple[str, str]] = []
    out: dict = {}
    get = cells.get
    for key, kind, extra in PARSERS:  # a million rows pass here: plain text takes the short way
        value = get(key, "")
        if kind is None and value.__class__ is str:
            out[key] = value.strip()
            continue
        if kind == "choice" and value.__class__ is str and value in extra[0]:
            out[key] = extra[0][value]
            continue
        try:
            if kind is None:
                out[key] = _text(value, TITLES[key])
            elif kind == "date":
                out[key] = _date(value, TITLES[key])
            else:
                out[key] = _choice(value, TITLES[key], *extra)
        except CellError as exc:
            errors.append((key, str(exc)))
            out[key] = None
    raw_id = get("id_number", "")
    if raw_id.__class__ is str:
        out["id_number"] = raw_id.strip()
    elif isinstance(raw_id, (int, float)) and not isinstance(raw_id, bool):
        errors.append(("id_number", "身份证号须以文本格式填写（数字格式会丢失末几位）"))
        out["id_number"] = None
    else:
        try:
            out["id_number"] = _text(raw_id, TITLES["id_number"])
        except CellError as exc:
            errors.append(("id_number", str(exc)))
            out["id_number"] = None

    for key in ("name", "gender", "id_number"):
        if out.get(key) == "" and not any(k == key for k, _ in errors):
            errors.append((key, f"{TITLES[key]}必填"))
    for key, limit in FIELD_LIMITS.items():
        if out.get(key) and len(out[key]) > limit:
            errors.append((key, f"{TITLES[key]}不能超过{limit}个字"))
    ethnicity = out.get("ethnicity")
    if ethnicity == "":
        out["ethnicity"] = "汉族"
    elif ethnicity is not None:
        if ethnicity not in ETHNICITY_SET and ethnicity + "族" in ETHNICITY_SET:
            out["ethnicity"] = ethnicity + "族"
        elif ethnicity not in ETHNICITY_SET:
            errors.append(("ethnicity", f"民族“{ethnicity[:20]}”不在56个民族名称中"))
    if out.get("mobile") and not MOBILE_RE.match(out["mobile"]):
        errors.append(("mobile", "手机号应为以1开头的11位数字"))

    id_number = out.get("id_number")
    if id_number:
        id_number = out["id_number"] = idcard.normalise(id_number)
        if out.get("birth_date") is None and not any(k == "birth_date" for k, _ in errors):
            if idcard.validate(id_number) is None:
                out["birth_date"] = idcard.birth_date(id_number)
        for key, _code, message in worker_check_identity(id_number=id_number, birth_date=out.get("birth_date"),
                                                         gender=out.get("gender")):
            errors.append((key, message))

    _check_org(out, lookups, errors)
    _check_membership(out, lookups, errors)
    if errors:
        return None, errors
    return out, []


def _check_org(out: dict, lookups: Lookups, errors: list) -> None:
    unit_name, group_name = out.get("unit"), out.get("group")
    out["unit_id"] = out["group_id"] = None
    if unit_name:
        out["unit_id"] = lookups.units.get(unit_name)
        if out["unit_id"] is None:
            errors.append(("unit", f"单位“{unit_name[:30]}”不存在，请先在组织页面添加或改正名称"))
    if group_name:
        group = lookups.groups.get(group_name)
        if group is None:
            errors.append(("group", f"工会小组“{group_name[:30]}”不存在，请先在组织页面添加或改正名称"))
        else:
            out["group_id"] = group[0]
            if unit_name and out["unit_id"] is not None and group[1] is not None and group[1] != out["unit_id"]:
                errors.append(("group", f"工会小组“{group_name[:30]}”不属于单位“{unit_name[:30]}”"))
            elif not unit_name:
                out["unit_id"] = group[1]


def _check_membership(out: dict, lookups: Lookups, errors: list) -> None:
    joined, status = out.get("joined_on"), out.get("membership_status")
    employment = out.get("employment_status")
    if joined is None:
        if out.get("card_number"):
            errors.append(("joined_on", "填写了会员证号，须同时填写入会日期"))
        if status:
            errors.append(("joined_on", "填写了会籍状态，须同时填写入会日期"))
        return
    if joined > lookups.today:
        errors.append(("joined_on", "入会日期不能晚于今天"))
    birth = out.get("birth_date")
    if birth is not None and joined < birth:
        errors.append(("joined_on", "入会日期早于出生日期"))
    if employment == EmploymentStatus.TRANSFERRED:
        errors.append(("employment_status", "调离人员不能登记为会员，请删去入会日期或改正在职状态"))
        return
    retired = employment == EmploymentStatus.RETIRED
    if not status:
        out["membership_status"] = MembershipStatus.RETAINED if retired else MembershipStatus.ACTIVE
    elif status == MembershipStatus.RETAINED and not retired:
        errors.append(("membership_status", "保留会籍仅适用于退休职工（章程第八条）"))
    elif status == MembershipStatus.ACTIVE and retired:
        errors.append(("membership_status", "退休职工应为保留会籍（章程第八条）"))


# --- the file ---------------------------------------------------------------------------------------
def _header_map(header: list) -> dict[str, int]:
    seen: dict[str, int] = {}
    for index, cell in enumerate(header):
        title = str(cell).strip().rstrip("*＊").strip() if cell not in (None, "") else ""
        if title in BY_TITLE and BY_TITLE[title].key not in seen:
            seen[BY_TITLE[title].key] = index
    missing = [c.title for c in COLUMNS if c.required and c.key not in seen]
    if missing:
        raise RuleViolation("roster_columns_missing",
                            f"第1行缺少必需的列：{'、'.join(missing)}。请使用下载的模板填写")
    return seen


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


EXAMPLE_MARK = re.compile(r"^(示例|例)[:：]?")


def _check_file(path, union, limits: XlsxLimits | None):
    """Pass over the file: (report, good rows as (excel row, values)) with every error found."""
    from unionhome.members.models import Membership, Worker

    report = ImportReport(sha256=file_sha256(path))
    rows = read_rows(path, limits)
    header = next(rows, None)
    if header is None:
        raise RuleViolation("roster_empty", "文件中没有数据")
    columns = list(_header_map(header).items())
    lookups = Lookups.for_union(union)
    blind = BlindIndex()
    good: list[tuple[int, dict]] = []
    bad_rows: set[int] = set()
    first_by_hash: dict[str, int] = {}
    dup_hashes: dict[str, list[int]] = {}
    first_by_card: dict[str, int] = {}
    dup_cards: dict[str, list[int]] = {}

    def add(row_no, key, message):
        report.error_count += 1
        bad_rows.add(row_no)
        if len(report.errors) < MAX_ERRORS_KEPT:
            report.errors.append(RowError(row_no, TITLES.get(key, ""), message))

    keys = [key for key, _i in columns]
    indexes = [i for _key, i in columns]
    full_width = max(indexes) + 1
    for row_no, raw in enumerate(rows, start=2):
        if len(raw) >= full_width:
            cells = dict(zip(keys, [raw[i] for i in indexes]))
        else:
            cells = {key: (raw[i] if i < len(raw) else "") for key, i in columns}
        if all(v == "" or v is None for v in cells.values()):
            continue  # blank line
        if isinstance(cells.get("name"), str) and EXAMPLE_MARK.match(cells["name"]):
            continue  # the template's example row
        report.total += 1
        values, errors = row_check(cells, lookups)
        for key, message in errors:
            add(row_no, key, message)
        if values is None:
            continue
        values["id_number_hash"] = h = blind(values["id_number"])
        if h in first_by_hash:
            dup_hashes.setdefault(h, [first_by_hash[h]]).append(row_no)
        else:
            first_by_hash[h] = row_no
        card = values.get("card_number")
        if card:
            if card in first_by_card:
                dup_cards.setdefault(card, [first_by_card[card]]).append(row_no)
            else:
                first_by_card[card] = row_no
        good.append((row_no, values))

    for rows_of in dup_hashes.values():
        for row_no in rows_of:
            others = "、".join(str(r) for r in rows_of if r != row_no)
            add(row_no, "id_number", f"身份证号与第{others}行重复")
    for rows_of in dup_cards.values():
        for row_no in rows_of:
            others = "、".join(str(r) for r in rows_of if r != row_no)
            add(row_no, "card_number", f"会员证号与第{others}行重复")
    if first_by_hash:
        on_roster = _existing(Worker.objects.filter(union=union), "id_number_hash", first_by_hash)
        for h in on_roster:
            for row_no in dup_hashes.get(h, [first_by_hash[h]]):
                add(row_no, "id_number", "该身份证号的职工已在花名册中")
    if first_by_card:
        for card in _existing(Membership.objects.filter(union=union), "card_number", first_by_card):
            for row_no in dup_cards.get(card, [first_by_card[card]]):
                add(row_no, "card_number", f"会员证号 {card} 已被使用")
    good = [(row_no, values) for row_no, values in good if row_no not in bad_rows]
    report.invalid_rows = len(bad_rows)
    report.valid = len(good)
    report.errors.sort(key=lambda e: (e.row, [c.title for c in COLUMNS].index(e.column) if e.column in TITLES.values()
                                      else 99))
    return report, good


def _existing(qs, column: str, keys: dict) -> set:
    """Which of ``keys`` are already in the table: one query per 5000 keys (an index lookup each)."""
    found: set = set()
    items = list(keys)
    for start in range(0, len(items), 5000):
        chunk = items[start:start + 5000]
        if connection.vendor == "postgresql":  # one array parameter instead of 5000 placeholders
            sql, params = qs.values_list(column, flat=True).query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT t.{column} FROM ({sql}) t WHERE t.{column} = ANY(%s)", [*params, chunk])
                found.update(r[0] for r in cursor.fetchall())
        else:
            found.update(qs.filter(**{f"{column}__in": chunk}).values_list(column, flat=True))
    return found


def roster_import(*, actor, union, path: str | Path, valid_only: bool = False, dry_run: bool = False,
                  limits: XlsxLimits | None = None, progress=None) -> ImportReport:
    """Check every row of the roster file at ``path`` and, unless ``dry_run``, add its workers.

    Refuses (``RuleViolation`` "roster_rows_invalid", nothing written) when a row is invalid and
    ``valid_only`` is not set. File-level problems (not xlsx, too large, zip bomb, missing
    columns) raise ``RuleViolation`` before any row is read.
    """
    if union is None or getattr(union, "kind", "grassroots") != "grassroots":
        raise RuleViolation("roster_union_required", "请选择要导入花名册的基层工会")
    report, good = _check_file(path, union, limits)
    if dry_run:
        return report
    if report.total == 0:
        raise RuleViolation("roster_empty", "文件中没有数据行")
    if report.error_count and not valid_only:
        raise RuleViolation("roster_rows_invalid",
                            f"有 {report.invalid_rows} 行数据有误（共 {report.error_count} 处），未导入任何数据。"
                            "请改正后重新上传，或选择“仅导入有效行”",
                            details={"errors": [e.as_dict() for e in report.errors[:1000]]})
    if not good:
        raise RuleViolation("roster_nothing_valid", "没有可导入的有效行")
    try:
        _write(actor=actor, union=union, report=report, good=good, valid_only=valid_only, progress=progress)
    except IntegrityError:  # someone added the same person or card meanwhile: the whole import rolled back
        raise Conflict("roster_changed", "导入期间花名册被其他人修改（身份证号或会员证号重复），未导入任何数据，请重新上传")
    return report


@transaction.atomic
def _write(*, actor, union, report: ImportReport, good: list, valid_only: bool, progress) -> None:
    from unionhome.members import roster_write

    writer = roster_write.copy_rows if connection.vendor == "postgresql" else roster_write.bulk_rows
    ids, members = writer(union=union, good=good, actor=actor, batch_size=BATCH_SIZE,
                          progress=progress or (lambda table, done: None))
    report.created = len(ids)
    report.members_created = members
    report.first_id, report.last_id = (min(ids), max(ids)) if ids else (None, None)
    report.written = True
    audit_log(actor=actor, action="members.roster.imported", union=union, target_label=f"花名册导入 {report.created} 人",
              after={"sha256": report.sha256, "rows": report.total, "created": report.created,
                     "members_created": members, "skipped_invalid": report.invalid_rows, "valid_only": valid_only,
                     "first_id": report.first_id, "last_id": report.last_id},
              note=f"file sha256 {report.sha256}")

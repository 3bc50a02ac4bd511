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

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.xlsx import XlsxLimits, read_sheet
from unionhome.members.roster_keys import BlindIndex
from unionhome.members.roster_rows import BY_TITLE, COLUMNS, TITLES, Lookups, row_check

BATCH_SIZE = 2000
MAX_ERRORS_KEPT = 5000  # the page and the API show the first ones; the count is always exact


@dataclass
class RowError:
    row: int  # the Excel row number (the header is row 1)
    column: str  # the column's Chinese title ("" for the whole row)
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


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
    notes: list[str] = field(default_factory=list)  # what the file did that the user should know (not errors)

    def as_dict(self, max_errors: int = 1000) -> dict:
        return {"sha256": self.sha256, "total": self.total, "valid": self.valid, "invalid_rows": self.invalid_rows,
                "notes": list(self.notes),
                "error_count": self.error_count, "created": self.created, "members_created": self.members_created,
                "first_id": self.first_id, "last_id": self.last_id, "written": self.written,
                "errors": [e.as_dict() for e in self.errors[:max_errors]]}


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
                            _("第1行缺少必需的列：%(join)s。请使用下载的模板填写") % {"join": _('、').join(missing)})
    return seen


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


EXAMPLE_MARK = re.compile(r"^示例[:：]")  # the template's "示例：张三"; a real name may begin with 例


def _fill_merged(rows, merged: list, first_col: int, notes: list):
    """Rows with every merged range's value in each of its cells (a unit merged over ten rows belongs to each).

    The reader gives the value only in the range's first cell; ``merged`` holds 0-based sheet coordinates.
    """
    if not merged:
        yield from rows
        return
    by_first_row: dict[int, list] = {}
    for r1, c1, r2, c2 in merged:
        if r2 > r1 or c2 > c1:
            by_first_row.setdefault(r1, []).append((c1 - first_col, r2, c2 - first_col))
    active: list = []  # (first col, last row, last col, value)
    filled = 0
    for index, row in enumerate(rows):
        for c1, r2, c2 in by_first_row.get(index, ()):
            if 0 <= c1 < len(row) and row[c1] not in ("", None):
                active.append((c1, r2, c2, row[c1]))
        active = [a for a in active if a[1] >= index]
        if active:
            row = list(row)
            for c1, _r2, c2, value in active:
                if c2 >= len(row):
                    row.extend([""] * (c2 + 1 - len(row)))
                for col in range(c1, c2 + 1):
                    if row[col] in ("", None):
                        row[col] = value
                        filled += 1
        yield row
    if filled:
        notes.append(_("文件中有合并单元格：已把合并单元格的值填入其中的每一行（共 %(filled)s 格），请在预览中核对单位、小组等列") % {"filled": filled})


def _check_file(path, union, limits: XlsxLimits | None):
    """Pass over the file: (report, good rows as (excel row, values)) with every error found."""
    from unionhome.members.models import Membership, Worker

    report = ImportReport(sha256=file_sha256(path))
    sheet = read_sheet(path, limits)
    if sheet.scan.other_sheets_with_data:
        first = sheet.scan.sheets[0].name
        others = _("、").join(f"“{name}”" for name in sheet.scan.other_sheets_with_data)
        report.notes.append(_("只读取了第一个工作表“%(first)s”；工作表%(others)s中的内容没有导入，需要时请移到第一个工作表") % {"first": first, "others": others})
    rows = _fill_merged(sheet.rows, sheet.scan.merged, sheet.first_col, report.notes)
    header = next(rows, None)
    if header is None:
        raise RuleViolation("roster_empty", _("文件中没有数据"))
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
            others = _("、").join(str(r) for r in rows_of if r != row_no)
            add(row_no, "id_number", _("身份证号与第%(others)s行重复") % {"others": others})
    for rows_of in dup_cards.values():
        for row_no in rows_of:
            others = _("、").join(str(r) for r in rows_of if r != row_no)
            add(row_no, "card_number", _("会员证号与第%(others)s行重复") % {"others": others})
    if first_by_hash:
        on_roster = _existing(Worker.objects.filter(union=union), "id_number_hash", first_by_hash)
        for h in on_roster:
            for row_no in dup_hashes.get(h, [first_by_hash[h]]):
                add(row_no, "id_number", _("该身份证号的职工已在花名册中"))
    if first_by_card:
        for card in _existing(Membership.objects.filter(union=union), "card_number", first_by_card):
            for row_no in dup_cards.get(card, [first_by_card[card]]):
                add(row_no, "card_number", _("会员证号 %(card)s 已被使用") % {"card": card})
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
        raise RuleViolation("roster_union_required", _("请选择要导入花名册的基层工会"))
    report, good = _check_file(path, union, limits)
    if report.total == 0:  # the preview says so too, not "0 rows"
        raise RuleViolation("roster_empty", _("文件中只有表头，没有职工数据。请从第2行起每行填写一名职工后重新上传"))
    if dry_run:
        return report
    if report.error_count and not valid_only:
        raise RuleViolation("roster_rows_invalid",
                            _("有 %(invalid_rows)s 行数据有误（共 %(error_count)s 处），未导入任何数据。请改正后重新上传，或选择“仅导入有效行”") % {"invalid_rows": report.invalid_rows, "error_count": report.error_count},
                            details={"errors": [e.as_dict() for e in report.errors[:1000]]})
    if not good:
        raise RuleViolation("roster_nothing_valid", _("没有可导入的有效行"))
    try:
        _write(actor=actor, union=union, report=report, good=good, valid_only=valid_only, progress=progress)
    except IntegrityError:  # someone added the same person or card meanwhile: the whole import rolled back
        raise Conflict("roster_changed", _("导入期间花名册被其他人修改（身份证号或会员证号重复），未导入任何数据，请重新上传"))
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
    audit_log(actor=actor, action="members.roster.imported", union=union, target_label=_("花名册导入 %(created)s 人") % {"created": report.created},
              after={"sha256": report.sha256, "rows": report.total, "created": report.created,
                     "members_created": members, "skipped_invalid": report.invalid_rows, "valid_only": valid_only,
                     "first_id": report.first_id, "last_id": report.last_id},
              note=f"file sha256 {report.sha256}")

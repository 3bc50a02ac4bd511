"""One roster row: the template's columns and the checks of a row, without the database.

The rules are those of ``services.worker_create`` (``worker_check_identity``: GB 11643 check digit, birth
date and gender against the ID number; the 56 ethnic groups; the mobile; unit and group of this union)
plus what only a spreadsheet gets wrong: empty required cells, values of the wrong kind, unknown names,
membership cells that contradict the employment status (章程 art.8: retirees keep a retained membership).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext

from unionhome.core import idcard
from unionhome.core.text import UNSAFE, unsafe_message
from unionhome.members.choices import ETHNICITIES, Education, EmploymentStatus, MembershipStatus, PoliticalStatus
from unionhome.members.services import MOBILE_RE, worker_check_identity


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
TEXT_KEYS = ("name", "ethnicity", "mobile", "unit", "group", "post", "card_number", "id_number")
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
class Lookups:
    """What a row is checked against: this union's units and groups, and today."""

    units: dict  # name -> id
    groups: dict  # name -> (id, unit_id)
    today: dt.date

    @classmethod
    def for_union(cls, union, today: dt.date | None = None) -> Lookups:
        from unionhome.org.models import UnionGroup, Unit

        return cls(units=dict(Unit.objects.filter(union=union).values_list("name", "id")),
                   groups={n: (i, u) for n, i, u in UnionGroup.objects.filter(union=union)
                           .values_list("name", "id", "unit_id")},
                   today=today or timezone.localdate())


# --- one cell --------------------------------------------------------------------------------------
class CellError(Exception):
    pass


def _text(value, title: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        raise CellError(gettext("%(title)s应为文字，不能是逻辑值") % {"title": title})
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    raise CellError(gettext("%(title)s应为文字，不能是%(kind)s") % {"title": title, "kind": _kind(value)})


def _kind(value) -> str:
    if isinstance(value, bool):
        return gettext("逻辑值")
    if isinstance(value, (int, float)):
        return gettext("数字")
    if isinstance(value, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return gettext("日期或时间")
    return gettext("其他类型")


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
        raise CellError(gettext("%(title)s“%(value)s”不是有效日期，应写作 1985-03-01") % {"title": title, "value": text[:20]})
    raise CellError(gettext("%(title)s应为日期（如 1985-03-01），不能是%(kind)s") % {"title": title, "kind": _kind(value)})


def _choice(value, title: str, labels: dict, default: str = "") -> str:
    text = _text(value, title)
    if not text:
        return default
    if text in labels:
        return labels[text]
    raise CellError(gettext("%(title)s“%(value)s”不是可选值：%(join)s") % {"title": title, "value": text[:20], "join": gettext('、').join(labels)})


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
        errors.append(("id_number", gettext("身份证号须以文本格式填写（数字格式会丢失末几位）")))
        out["id_number"] = None
    else:
        try:
            out["id_number"] = _text(raw_id, TITLES["id_number"])
        except CellError as exc:
            errors.append(("id_number", str(exc)))
            out["id_number"] = None

    for key in ("name", "gender", "id_number"):
        if out.get(key) == "" and not any(k == key for k, _ in errors):
            errors.append((key, gettext("%(value)s必填") % {"value": TITLES[key]}))
    for key, limit in FIELD_LIMITS.items():
        if out.get(key) and len(out[key]) > limit:
            errors.append((key, gettext("%(value)s不能超过%(limit)s个字") % {"value": TITLES[key], "limit": limit}))
    for key in TEXT_KEYS:
        value = out.get(key)
        if value and UNSAFE.search(value):
            errors.append((key, unsafe_message(value, TITLES[key])))
            out[key] = ""  # the later checks must not echo it
    ethnicity = out.get("ethnicity")
    if ethnicity == "":
        out["ethnicity"] = "汉族"
    elif ethnicity is not None:
        if ethnicity not in ETHNICITY_SET and ethnicity + "族" in ETHNICITY_SET:
            out["ethnicity"] = ethnicity + "族"
        elif ethnicity not in ETHNICITY_SET:
            errors.append(("ethnicity", gettext("民族“%(value)s”不在56个民族名称中") % {"value": ethnicity[:20]}))
    if out.get("mobile") and not MOBILE_RE.match(out["mobile"]):
        errors.append(("mobile", gettext("手机号应为以1开头的11位数字")))

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
            errors.append(("unit", gettext("单位“%(value)s”不存在，请先在组织页面添加或改正名称") % {"value": unit_name[:30]}))
    if group_name:
        group = lookups.groups.get(group_name)
        if group is None:
            errors.append(("group", gettext("工会小组“%(value)s”不存在，请先在组织页面添加或改正名称") % {"value": group_name[:30]}))
        else:
            out["group_id"] = group[0]
            if unit_name and out["unit_id"] is not None and group[1] is not None and group[1] != out["unit_id"]:
                errors.append(("group", gettext("工会小组“%(value)s”不属于单位“%(value2)s”") % {"value": group_name[:30], "value2": unit_name[:30]}))
            elif not unit_name:
                out["unit_id"] = group[1]


def _check_membership(out: dict, lookups: Lookups, errors: list) -> None:
    joined, status = out.get("joined_on"), out.get("membership_status")
    employment = out.get("employment_status")
    if joined is None:
        if out.get("card_number"):
            errors.append(("joined_on", gettext("填写了会员证号，须同时填写入会日期")))
        if status:
            errors.append(("joined_on", gettext("填写了会籍状态，须同时填写入会日期")))
        return
    if joined > lookups.today:
        errors.append(("joined_on", gettext("入会日期不能晚于今天")))
    birth = out.get("birth_date")
    if birth is not None and joined < birth:
        errors.append(("joined_on", gettext("入会日期早于出生日期")))
    if employment == EmploymentStatus.TRANSFERRED:
        errors.append(("employment_status", gettext("调离人员不能登记为会员，请删去入会日期或改正在职状态")))
        return
    retired = employment == EmploymentStatus.RETIRED
    if not status:
        out["membership_status"] = MembershipStatus.RETAINED if retired else MembershipStatus.ACTIVE
    elif status == MembershipStatus.RETAINED and not retired:
        errors.append(("membership_status", gettext("保留会籍仅适用于退休职工（章程第八条）")))
    elif status == MembershipStatus.ACTIVE and retired:
        errors.append(("membership_status", gettext("退休职工应为保留会籍（章程第八条）")))

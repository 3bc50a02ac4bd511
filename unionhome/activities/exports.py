"""xlsx exports of the sign-up list and the participation figures (xlsxwriter)."""
from __future__ import annotations

import io
from urllib.parse import quote

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _


def _safe(value):
    """A text cell starting with = + - @ tab or CR is prefixed so no spreadsheet runs it (ASVS 1.2.10)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _sheet(book, name: str, header: list[str], rows) -> None:
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, header, bold)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, [_safe(v) for v in row])
    sheet.set_column(0, len(header) - 1, 16)


def roster_xlsx(activity, signups) -> bytes:
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as book:
        rows = [(s.worker.name, s.group.name if s.group else "", s.get_status_display(), s.get_source_display(),
                 timezone.localtime(s.created_at).strftime("%Y-%m-%d %H:%M"),
                 timezone.localtime(s.checked_in_at).strftime("%H:%M") if s.checked_in_at else "")
                for s in signups]
        _sheet(book, _("报名名单"), [_("姓名"), _("工会小组"), _("状态"), _("来源"), _("报名时间"), _("签到")], rows)
    return buf.getvalue()


def stats_xlsx(year, by_activity, by_group, by_member) -> bytes:
    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {"in_memory": True}) as book:
        _sheet(book, _("按活动"), [_("活动"), _("类型"), _("日期（系列为首次）"), _("场次"), _("参加"), _("签到"), _("候补")],
               [(a["title"], str(a["kind_display"]), timezone.localtime(a["starts_at"]).strftime("%Y-%m-%d"),
                 a["sessions"], a["accepted"], a["checked_in"], a["waitlisted"]) for a in by_activity])
        _sheet(book, _("按小组"), [_("工会小组"), _("参加人次"), _("参加人数"), _("签到人次")],
               [(g["group"], g["signups"], g["people"], g["checked_in"]) for g in by_group])
        _sheet(book, _("按会员"), [_("姓名"), _("工会小组"), _("参加活动数"), _("签到次数")],
               [(m["name"], m["group"], m["activities"], m["checked_in"]) for m in by_member])
    return buf.getvalue()


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "no-store"
    return response

"""The year's suggestions as .xlsx (core.xlsx.XlsxWriter: text cells neutralised), audited as an export."""
from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.core.audit import audit_log
from unionhome.core.xlsx import XlsxWriter
from unionhome.suggestions.queries import suggestion_list

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def year_xlsx(*, actor, union, year: int) -> bytes:
    rows = list(suggestion_list(union, year=year).order_by("number"))
    buf = io.BytesIO()
    writer = XlsxWriter(buf, sheet=_("%(year)s年合理化建议") % {"year": year})
    writer.header([_("编号"), _("标题"), _("类别"), _("提出人"), _("提出日期"), _("状态"), _("承办人"), _("答复期限"),
                   _("评估结论"), _("理由"), _("答复"), _("答复日期"), _("落实日期"), _("评价")],
                  [10, 30, 12, 14, 12, 10, 12, 12, 12, 30, 40, 12, 12, 8])
    for s in rows:
        writer.write([s.code, s.title, s.get_category_display(), s.shown_author,
                      timezone.localtime(s.created_at).date(), s.get_status_display(),
                      s.assignee.username if s.assignee_id else "", s.answer_due,
                      s.get_outcome_display() if s.outcome else "", s.reason, s.answer,
                      timezone.localtime(s.answered_at).date() if s.answered_at else None, s.done_on, s.rating])
    writer.close()
    audit_log(actor=actor, action="suggestions.year.exported", union=union,
              target_label=_("%(year)s年合理化建议") % {"year": year}, note=_("%(n)s 条") % {"n": len(rows)})
    return buf.getvalue()

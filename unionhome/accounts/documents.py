"""The activation slips (激活通知单): A4, one page per group, each member's name, card number, username and
code, with the expiry, the activation address and short instructions. Made from the codes just issued (they are
never stored), so printing again means issuing again. Every stored string goes through ``core.docx.clean``."""
from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from unionhome.core.docx import PageStamp, clean, cn_date, new_document, to_bytes

HEADER = [gettext_lazy("姓名"), gettext_lazy("会员证号"), gettext_lazy("用户名"), gettext_lazy("激活码"),
          gettext_lazy("有效期至")]
ROW_KEYS = ("name", "card", "username", "code", "expires")


def _expiry(value: dt.datetime) -> str:
    return cn_date(timezone.localtime(value).date())


def slips(*, union, issued, activate_url: str, today: dt.date | None = None) -> bytes:
    """``issued``: ``services_activation.IssuedCode`` rows in group order (as ``accounts_issue`` returns them)."""
    today = today or timezone.localdate()
    doc = new_document(size=11)
    pages = [(group, list(rows)) for group, rows in groupby(issued, key=lambda c: c.group)]

    def page(doc, marks):
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = title.add_run(clean(_("%(union)s%(group)s会员账号激活通知单") % {"union": union.name,
                                                                          "group": marks["group"]}))
        run.bold, run.font.size = True, Pt(16)
        doc.add_paragraph(clean(_(
            "请在有效期内用手机打开 %(url)s ，输入手机号或会员证号（也可输入下表中的用户名）和本人的激活码，"
            "再设置自己的密码，即可登录职工之家。激活码只能使用一次，请勿转交他人；过期或遗失请找工会小组长或工会重新发放。"
            "以后登录可用手机号、会员证号或用户名。") % {"url": activate_url}))
        table = doc.add_table(rows=2, cols=len(HEADER))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
            cell.text = str(text)
            cell.paragraphs[0].runs[0].bold = True
        for cell, key in zip(table.rows[1].cells, ROW_KEYS, strict=True):
            cell.text = marks[key]
        table.rows[1].cells[3].paragraphs[0].runs[0].font.name = "Consolas"
        table.rows[1].cells[3].paragraphs[0].runs[0].bold = True
        foot = doc.add_paragraph(clean(_("%(union)s　%(date)s　（沿表格横线裁开，每人一条）") % {"union": union.name,
                                                                                  "date": cn_date(today)}))
        foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    stamp = PageStamp(doc, page, ("group",), ROW_KEYS)  # one page built, copied for every group
    for group, rows in pages:
        stamp.add({"group": group or _("（未分小组）")},
                  [dict(zip(ROW_KEYS, (slip.name, slip.card_number or "—", slip.username, slip.code,
                                       _expiry(slip.expires_at)), strict=True)) for slip in rows])
    return to_bytes(doc)


def slips_filename(union, group=None, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    return _("%(union)s%(group)s账号激活通知单%(day)s.docx") % {"union": union.name, "group": group.name if group else "",
                                                            "day": f"{today:%Y%m%d}"}

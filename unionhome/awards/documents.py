"""The certificates of a final round: one A4 page per honoured member (or group, for a group honour), dated in
Chinese numerals."""
from __future__ import annotations

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from unionhome.core.docx import PageStamp, clean, cn_date_upper, new_document, to_bytes


def certificates_docx(round) -> bytes:
    from unionhome.awards.queries import awards_of

    doc = new_document(size=16)
    awards = list(awards_of(round, standing_only=True))
    issued = round.finalised_on

    def page(doc, marks, numbered: bool):
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = title.add_run(_("荣 誉 证 书"))
        run.bold, run.font.size = True, Pt(36)
        body = doc.add_paragraph()
        body.paragraph_format.space_before = Pt(48)
        body.add_run(clean(marks["greeting"])).font.size = Pt(18)
        text = doc.add_paragraph()
        text.paragraph_format.first_line_indent = Pt(36)
        text.add_run(clean(_("在%(year)s年度工作中表现突出，被评为%(union)s%(year)s年度“%(kind)s”。特发此证，以资鼓励。") % {
            "year": marks["year"], "union": round.union.name, "kind": marks["kind"]})).font.size = Pt(18)
        sign = doc.add_paragraph()
        sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        sign.paragraph_format.space_before = Pt(72)
        sign.add_run(clean(f"{round.union.name}\n{cn_date_upper(issued)}")).font.size = Pt(16)
        if numbered:
            number = doc.add_paragraph()
            number.add_run(clean(_("证书编号：%(no)s") % {"no": marks["no"]})).font.size = Pt(10)

    keys = ("greeting", "year", "kind", "no")
    stamps: dict[bool, PageStamp] = {}  # one page built per layout (with or without a number), then copied
    for award in awards:
        numbered = bool(award.certificate_no)
        if numbered not in stamps:
            stamps[numbered] = PageStamp(doc, lambda doc, marks, n=numbered: page(doc, marks, n), keys)
        greeting = (_("%(name)s同志：") % {"name": award.worker.name} if award.worker_id
                    else _("%(name)s：") % {"name": award.group.name})
        stamps[numbered].add({"greeting": greeting, "year": award.year, "kind": award.kind.name,
                              "no": award.certificate_no or ""})
    if not awards:
        doc.add_paragraph(_("本次评选没有获奖人员。"))
    return to_bytes(doc)


def download_name(round) -> str:
    return _("%(title)s荣誉证书.docx") % {"title": round.title}

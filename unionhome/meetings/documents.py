"""The minutes (会议纪要) as Word: A4, the union's letterhead, built from the meeting's record only.

Every stored string goes through ``core.docx.clean``."""
from __future__ import annotations

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from unionhome.core.docx import clean, cn_date, letterhead, new_document, to_bytes
from unionhome.meetings.models import Attendee, Decision
from unionhome.meetings.queries import MeetingView


def _names(attendees, status) -> str:
    return _("、").join(a.worker.name for a in attendees if a.status == status) or _("无")


def minutes_document(view: MeetingView) -> bytes:
    m, q = view.meeting, view.quorum
    doc = new_document(size=14)
    letterhead(doc, m.union.name)
    title = doc.add_heading(clean(_("%(title)s纪要") % {"title": m.title}), level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    lines = [
        _("会议类别：%(kind)s") % {"kind": m.get_kind_display()},
        _("时间：%(date)s") % {"date": cn_date(m.held_on)},
        _("地点：%(place)s") % {"place": m.place or _("—")},
        _("主持人：%(name)s    记录人：%(recorder)s") % {
            "name": m.chaired_by.name if m.chaired_by else _("—"),
            "recorder": m.recorded_by.name if m.recorded_by else _("—")},
        _("应到%(invited)s人，实到%(present)s人，请假%(leave)s人，缺席%(absent)s人（法定人数%(needed)s人）") % {
            "invited": q.invited, "present": q.present, "leave": q.leave, "absent": q.absent, "needed": q.needed},
        _("出席：%(names)s") % {"names": _names(view.attendees, Attendee.Status.PRESENT)},
        _("请假：%(names)s") % {"names": _names(view.attendees, Attendee.Status.LEAVE)},
        _("缺席：%(names)s") % {"names": _names(view.attendees, Attendee.Status.ABSENT)},
    ]
    for line in lines:
        doc.add_paragraph(clean(line))
    doc.add_heading(clean(_("议程与决定")), level=2)
    for item in view.items:
        doc.add_paragraph(clean(_("%(number)s. %(title)s") % {"number": item.number, "title": item.title}))
        if item.notes:
            doc.add_paragraph(clean(item.notes))
        for d in item.decisions.all():
            votes = (_("（赞成%(f)s票，反对%(a)s票，弃权%(b)s票）") % {"f": d.votes_for, "a": d.votes_against,
                                                                 "b": d.votes_abstain}) if d.voted else ""
            doc.add_paragraph(clean(_("决定：%(text)s——%(outcome)s%(votes)s") % {
                "text": d.text, "outcome": d.get_outcome_display(), "votes": votes}))
            if d.outcome == Decision.Outcome.ADOPTED:
                doc.add_paragraph(clean(_("责任人：%(owner)s，完成期限：%(due)s") % {
                    "owner": d.owner.name if d.owner else _("—"), "due": cn_date(d.due_on)}))
    if m.summary:
        doc.add_heading(clean(_("会议纪要")), level=2)
        for para in m.summary.splitlines():
            if para.strip():
                doc.add_paragraph(clean(para))
    doc.add_paragraph("")
    doc.add_paragraph(clean(_("主持人（签字）：                记录人（签字）：")))
    sign = doc.add_paragraph(clean(f"{m.union.name}\n{cn_date(m.held_on)}"))
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return to_bytes(doc)


def minutes_filename(view: MeetingView) -> str:
    m = view.meeting
    return _("%(union)s%(title)s纪要.docx") % {"union": m.union.name, "title": m.title}

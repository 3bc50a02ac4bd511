"""Printable results and certificates as Word documents (python-docx): A4, dates as 2026年4月28日, every stored
string through ``core.docx.clean`` (a control character in a name must never turn the download into an error).

Tables are created at their final size and filled row by row through ``table.rows`` once:
python-docx's ``add_row()`` / ``table.cell(r, c)`` re-walk the XML and turn big tables quadratic.
"""
from __future__ import annotations

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt

from unionhome.competitions.formats.timed import format_time
from unionhome.competitions.queries import CompetitionView
from unionhome.core.docx import clean, cn_date, new_document, quoted, to_bytes


def _document():
    return new_document(size=11)


def _save(doc) -> bytes:
    return to_bytes(doc)


def _table(doc, header: list[str], rows: list[list[str]]):
    table = doc.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Table Grid"
    for row, values in zip(table.rows, [header] + rows):
        for cell, value in zip(row.cells, values):
            cell.text = clean(value)
    return table


def _score(value) -> str:
    return "∞" if str(value) == "Infinity" else f"{value:g}" if hasattr(value, "as_tuple") else str(value)


def results_rows(view: CompetitionView) -> tuple[list[str], list[list[str]]]:
    """The standings as a header and text rows (shared by the .docx and the tests)."""
    group = lambda row: row.entry.group.name if row.entry.group else ""  # noqa: E731
    rank = lambda row: str(row.rank) if row.rank else "—"  # noqa: E731
    if view.kind == "timed":
        return ([_("名次"), _("姓名"), _("小组"), _("成绩")],
                [[rank(r), r.entry.name, group(r), format_time(r.seconds)] for r in view.rows])
    if view.kind == "team":
        return ([_("名次"), _("队伍"), _("场次"), _("胜"), _("负"), _("积分"), _("胜局/负局"), _("得分/失分")],
                [[rank(r), r.entry.name, str(r.played), str(r.wins), str(r.losses), str(r.match_points),
                  f"{r.sets_won}/{r.sets_lost}", f"{r.points_won}/{r.points_lost}"] for r in view.rows])
    if view.kind == "bracket":
        return ([_("名次"), _("姓名"), _("小组"), ""], [[rank(r), r.entry.name, group(r), r.label] for r in view.rows])
    tie_break = _("对手分") if view.competition.format == "swiss" else _("小分")
    return ([_("名次"), _("姓名"), _("小组"), _("场次"), _("胜"), _("和"), _("负"), _("积分"), tie_break],
            [[rank(r), r.entry.name, group(r), str(r.played), str(r.wins), str(r.draws), str(r.losses),
              _score(r.points), _score(r.sonneborn_berger)] for r in view.rows])


def results_document(view: CompetitionView) -> bytes:
    c = view.competition
    doc = _document()
    heading = doc.add_heading(clean(_("%(title)s 成绩表") % {"title": c.title}), level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(clean(_("%(name)s\u3000%(get_sport_display)s\u3000%(get_format_display)s\u3000%(cn_date)s%(value)s") % {"name": c.union.name, "get_sport_display": c.get_sport_display(), "get_format_display": c.get_format_display(), "cn_date": cn_date(c.held_on), "value": _('\u3000') + c.place if c.place else ''}))
    header, rows = results_rows(view)
    _table(doc, header, rows)
    if view.rounds and view.kind != "timed":
        doc.add_heading(_("对阵与比分"), level=2)
        lines = []
        for number, matches in view.rounds:
            for m in matches:
                score = (_("轮空") if m.entry_b is None else
                         " ".join(f"{a}:{b}" for a, b in m.sets) if m.sets else
                         {1: "1-0", 0: "0-1"}.get(m.score_a, "½-½") if m.score_a is not None else _("未赛"))
                lines.append([_("第%(number)s轮") % {"number": number}, m.entry_a.name, m.entry_b.name if m.entry_b else "", score])
        _table(doc, [_("轮次"), _("甲方"), _("乙方"), _("结果")], lines)
    return _save(doc)


def certificates_document(competition, prizes: list) -> bytes:
    """One certificate per page for every prize winner."""
    doc = _document()
    for i, prize in enumerate(prizes):
        if i:
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = title.add_run(_("荣 誉 证 书"))
        run.bold, run.font.size = True, Pt(36)
        body = doc.add_paragraph()
        body.paragraph_format.space_before = Pt(48)
        body.add_run(clean(_("%(name)s：") % {"name": prize.entry.name})).font.size = Pt(18)
        text = doc.add_paragraph()
        text.paragraph_format.first_line_indent = Pt(36)
        text.add_run(clean(_("在%(name)s%(year)s年%(quoted)s中荣获%(title)s（第%(rank)s名）。特发此证，以资鼓励。") % {"name": competition.union.name, "year": competition.held_on.year, "quoted": quoted(competition.title), "title": prize.title, "rank": prize.rank})).font.size = Pt(18)
        sign = doc.add_paragraph()
        sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        sign.paragraph_format.space_before = Pt(72)
        sign.add_run(clean(f"{competition.union.name}\n{cn_date(prize.awarded_on)}")).font.size = Pt(16)
    if not prizes:
        doc.add_paragraph(_("本比赛尚未评奖。"))
    return _save(doc)

"""Printable results and certificates as Word documents (python-docx): A4, dates as 2026年4月28日, every stored
string through ``core.docx.clean`` (a control character in a name must never turn the download into an error).

Tables are created at their final size and filled row by row through ``table.rows`` once:
python-docx's ``add_row()`` / ``table.cell(r, c)`` re-walk the XML and turn big tables quadratic.
"""
from __future__ import annotations

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
        return (["名次", "姓名", "小组", "成绩"],
                [[rank(r), r.entry.name, group(r), format_time(r.seconds)] for r in view.rows])
    if view.kind == "team":
        return (["名次", "队伍", "场次", "胜", "负", "积分", "胜局/负局", "得分/失分"],
                [[rank(r), r.entry.name, str(r.played), str(r.wins), str(r.losses), str(r.match_points),
                  f"{r.sets_won}/{r.sets_lost}", f"{r.points_won}/{r.points_lost}"] for r in view.rows])
    if view.kind == "bracket":
        return (["名次", "姓名", "小组", ""], [[rank(r), r.entry.name, group(r), r.label] for r in view.rows])
    tie_break = "对手分" if view.competition.format == "swiss" else "小分"
    return (["名次", "姓名", "小组", "场次", "胜", "和", "负", "积分", tie_break],
            [[rank(r), r.entry.name, group(r), str(r.played), str(r.wins), str(r.draws), str(r.losses),
              _score(r.points), _score(r.sonneborn_berger)] for r in view.rows])


def results_document(view: CompetitionView) -> bytes:
    c = view.competition
    doc = _document()
    heading = doc.add_heading(clean(f"{c.title} 成绩表"), level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(clean(f"{c.union.name}　{c.get_sport_display()}　{c.get_format_display()}　"
                            f"{cn_date(c.held_on)}{'　' + c.place if c.place else ''}"))
    header, rows = results_rows(view)
    _table(doc, header, rows)
    if view.rounds and view.kind != "timed":
        doc.add_heading("对阵与比分", level=2)
        lines = []
        for number, matches in view.rounds:
            for m in matches:
                score = ("轮空" if m.entry_b is None else
                         " ".join(f"{a}:{b}" for a, b in m.sets) if m.sets else
                         {1: "1-0", 0: "0-1"}.get(m.score_a, "½-½") if m.score_a is not None else "未赛")
                lines.append([f"第{number}轮", m.entry_a.name, m.entry_b.name if m.entry_b else "", score])
        _table(doc, ["轮次", "甲方", "乙方", "结果"], lines)
    return _save(doc)


def certificates_document(competition, prizes: list) -> bytes:
    """One certificate per page for every prize winner."""
    doc = _document()
    for i, prize in enumerate(prizes):
        if i:
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = title.add_run("荣 誉 证 书")
        run.bold, run.font.size = True, Pt(36)
        body = doc.add_paragraph()
        body.paragraph_format.space_before = Pt(48)
        body.add_run(clean(f"{prize.entry.name}：")).font.size = Pt(18)
        text = doc.add_paragraph()
        text.paragraph_format.first_line_indent = Pt(36)
        text.add_run(clean(f"在{competition.union.name}{competition.held_on.year}年{quoted(competition.title)}中荣获"
                           f"{prize.title}（第{prize.rank}名）。特发此证，以资鼓励。")).font.size = Pt(18)
        sign = doc.add_paragraph()
        sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        sign.paragraph_format.space_before = Pt(72)
        sign.add_run(clean(f"{competition.union.name}\n{cn_date(prize.awarded_on)}")).font.size = Pt(16)
    if not prizes:
        doc.add_paragraph("本比赛尚未评奖。")
    return _save(doc)

"""Word documents of an election: ballots, the tally sheet, the report to the higher union, the minutes.

A4, dates as 2026年4月28日; every stored string goes through ``core.docx.clean`` (a control or direction-override
character in a name must never turn the download into an error page)."""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from unionhome.core.docx import clean, cn_date, new_document, to_bytes
from unionhome.elections.models import Election
from unionhome.elections.queries import ballot_candidates, election_family, results


def _doc(title: str):
    doc = new_document(size=12)
    _heading(doc, title, 1)
    return doc


def _heading(doc, text: str, level: int):
    head = doc.add_heading(clean(text), level=level)
    if level == 1:
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return head


def _para(doc, text: str):
    return doc.add_paragraph(clean(text))


def _table(doc, header: list[str], rows: list[list]) -> None:
    table = doc.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Table Grid"
    for row, values in zip(table.rows, [header] + rows):
        for cell, value in zip(row.cells, values):
            cell.text = clean(value)


def _names(workers) -> str:
    return "、".join(w.name for w in workers)


def ballot(election: Election, copies: int | None = None) -> bytes:
    """One ballot per elector (at least one), each on its own page; candidates in surname-stroke order."""
    listed = ballot_candidates(election)
    copies = copies or max(1, election.entitled or 1)
    title = f"{election.union.name}{election.title}选票"
    doc = _doc(title)
    for i in range(copies):
        if i:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            _heading(doc, title, 1)
        _para(doc, f"应选{election.seats}名。候选人按姓氏笔画为序。在候选人姓名下方的“赞成”“反对”“弃权”栏内"
                   f"画“○”；另选他人的，在空格内写上姓名并画“○”。所选人数（赞成与另选他人合计）多于应选名额的为废票。")
        _table(doc, ["候选人", "赞成", "反对", "弃权"], [[c.worker.name, "", "", ""] for c in listed]
               + [["另选他人：", "", "—", "—"] for _ in range(election.seats)])
    return to_bytes(doc)


def tally_sheet(election: Election) -> bytes:
    """The tellers' sheet: blank until the results are released (nothing leaks before that)."""
    show = election.results_visible
    doc = _doc(f"{election.title}计票单")
    _para(doc, f"应到会{election.entitled or '____'}人，实到会{(election.present if show else None) or '____'}人；"
               f"发出选票{(election.ballots_issued if show else None) or '____'}张，"
               f"收回{(election.ballots_returned if show else None) or '____'}张，"
               f"其中无效票{(election.ballots_invalid if show else None) if show else '____'}张。")
    rows = [[c.worker.name + ("（另选）" if c.write_in else ""), c.for_votes if show else "",
             c.against_votes if show else "", c.abstain_votes if show else ""]
            for c in (results(election) if show else ballot_candidates(election))]
    _table(doc, ["姓名", "赞成", "反对", "弃权"], rows)
    _para(doc, f"监票人：{_names(election.scrutineers.all())}        签字：")
    _para(doc, f"计票人：{_names(election.tellers.all())}        签字：")
    return to_bytes(doc)


def _result_lines(doc, election: Election) -> None:
    for e in election_family(election):
        _heading(doc, f"{e.title}（{e.get_mode_display()}，{e.get_body_display()}）", 2)
        _para(doc, f"应选{e.seats}名；应到会{e.entitled}人，实到会{e.present}人；发出选票{e.ballots_issued}张，"
                   f"收回{e.ballots_returned}张，无效{e.ballots_invalid}张。结果：{e.get_outcome_display()}。")
        _table(doc, ["姓名", "赞成", "反对", "弃权", "是否当选"],
               [[c.worker.name, c.for_votes, c.against_votes, c.abstain_votes, "当选" if c.elected else ""]
                for c in results(e)])


def report(election: Election) -> bytes:
    """关于选举结果的请示: the report to the higher union asking for approval."""
    root = election.root
    doc = _doc(f"关于{root.union.name}{root.title}结果的请示")
    parent = root.union.parent.name if root.union.parent_id else "上级工会"
    _para(doc, f"{parent}：")
    _para(doc, f"{root.union.name}于{cn_date(root.held_on)}召开{root.get_body_display()}，"
               f"以无记名投票方式进行了{root.get_kind_display()}。现将选举结果报告如下，请予批复。")
    _result_lines(doc, root)
    if root.approval_document:
        _para(doc, f"批复：{root.approved_by} {root.approval_document}（{cn_date(root.approved_on)}）")
    _para(doc, f"{root.union.name}\n{cn_date(root.released_on or root.held_on)}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return to_bytes(doc)


def minutes(election: Election) -> bytes:
    root = election.root
    doc = _doc(f"{root.union.name}{root.title}会议记录")
    _para(doc, f"时间：{cn_date(root.held_on)}    会议：{root.get_body_display()}")
    _para(doc, f"监票人：{_names(root.scrutineers.all())}")
    _para(doc, f"计票人：{_names(root.tellers.all())}")
    _para(doc, "议程：一、通过选举办法；二、通过监票人、计票人名单；三、宣布候选人名单（按姓氏笔画为序）；"
               "四、投票；五、计票；六、宣布选举结果。")
    _result_lines(doc, root)
    _para(doc, "记录人：                    主持人：")
    return to_bytes(doc)


BUILDERS = {"ballot": ballot, "tally": tally_sheet, "report": report, "minutes": minutes}
NEED_RESULTS = {"report", "minutes"}
NAMES = {"ballot": "选票", "tally": "计票单", "report": "选举结果的请示", "minutes": "会议记录"}


def download_name(election: Election, doc: str) -> str:
    """The file's Chinese name, e.g. 测试机关工会2026年工会委员会换届选举（委员）选票.docx."""
    return f"{election.union.name}{election.title}{NAMES[doc]}.docx"

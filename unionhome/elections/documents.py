"""Word documents of an election: ballots, the tally sheet, the report to the higher union, the minutes.

A4, dates as 2026年4月28日; every stored string goes through ``core.docx.clean`` (a control or direction-override
character in a name must never turn the download into an error page)."""
from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy
from docx.enum.text import WD_ALIGN_PARAGRAPH

from unionhome.core.docx import PageStamp, clean, cn_date, new_document, to_bytes
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
    return gettext("、").join(w.name for w in workers)


def ballot(election: Election, copies: int | None = None) -> bytes:
    """One ballot per elector (at least one), each on its own page; candidates in surname-stroke order."""
    listed = ballot_candidates(election)
    copies = copies or max(1, election.entitled or 1)
    title = gettext("%(name)s%(title)s选票") % {"name": election.union.name, "title": election.title}
    doc = new_document(size=12)

    def page(doc, marks):
        _heading(doc, title, 1)
        _para(doc, gettext("应选%(seats)s名。候选人按姓氏笔画为序。在候选人姓名下方的“赞成”“反对”“弃权”栏内画“○”；另选他人的，在空格内写上姓名并画“○”。所选人数（赞成与另选他人合计）多于应选名额的为废票。") % {"seats": election.seats})
        _table(doc, [gettext("候选人"), gettext("赞成"), gettext("反对"), gettext("弃权")], [[c.worker.name, "", "", ""] for c in listed]
               + [[gettext("另选他人："), "", "—", "—"] for _ in range(election.seats)])

    stamp = PageStamp(doc, page)  # every ballot is the same page: built once, copied
    for _ in range(copies):
        stamp.add()
    return to_bytes(doc)


def tally_sheet(election: Election) -> bytes:
    """The tellers' sheet: blank until the results are released (nothing leaks before that)."""
    show = election.results_visible
    doc = _doc(gettext("%(title)s计票单") % {"title": election.title})
    _para(doc, gettext("应到会%(value)s人，实到会%(value2)s人；发出选票%(value3)s张，收回%(value4)s张，其中无效票%(value5)s张。") % {"value": election.entitled or '____', "value2": (election.present if show else None) or '____', "value3": (election.ballots_issued if show else None) or '____', "value4": (election.ballots_returned if show else None) or '____', "value5": (election.ballots_invalid if show else None) if show else '____'})
    rows = [[c.worker.name + (gettext("（另选）") if c.write_in else ""), c.for_votes if show else "",
             c.against_votes if show else "", c.abstain_votes if show else ""]
            for c in (results(election) if show else ballot_candidates(election))]
    _table(doc, [gettext("姓名"), gettext("赞成"), gettext("反对"), gettext("弃权")], rows)
    _para(doc, gettext("监票人：%(names)s        签字：") % {"names": _names(election.scrutineers.all())})
    _para(doc, gettext("计票人：%(names)s        签字：") % {"names": _names(election.tellers.all())})
    return to_bytes(doc)


def _result_lines(doc, election: Election) -> None:
    for e in election_family(election):
        _heading(doc, gettext("%(title)s（%(get_mode_display)s，%(get_body_display)s）") % {"title": e.title, "get_mode_display": e.get_mode_display(), "get_body_display": e.get_body_display()}, 2)
        _para(doc, gettext("应选%(seats)s名；应到会%(entitled)s人，实到会%(present)s人；发出选票%(ballots_issued)s张，收回%(ballots_returned)s张，无效%(ballots_invalid)s张。结果：%(get_outcome_display)s。") % {"seats": e.seats, "entitled": e.entitled, "present": e.present, "ballots_issued": e.ballots_issued, "ballots_returned": e.ballots_returned, "ballots_invalid": e.ballots_invalid, "get_outcome_display": e.get_outcome_display()})
        _table(doc, [gettext("姓名"), gettext("赞成"), gettext("反对"), gettext("弃权"), gettext("是否当选")],
               [[c.worker.name, c.for_votes, c.against_votes, c.abstain_votes, gettext("当选") if c.elected else ""]
                for c in results(e)])


def report(election: Election) -> bytes:
    """关于选举结果的请示: the report to the higher union asking for approval."""
    root = election.root
    doc = _doc(gettext("关于%(name)s%(title)s结果的请示") % {"name": root.union.name, "title": root.title})
    parent = root.union.parent.name if root.union.parent_id else gettext("上级工会")
    _para(doc, gettext("%(parent)s：") % {"parent": parent})
    _para(doc, gettext("%(name)s于%(cn_date)s召开%(get_body_display)s，以无记名投票方式进行了%(get_kind_display)s。现将选举结果报告如下，请予批复。") % {"name": root.union.name, "cn_date": cn_date(root.held_on), "get_body_display": root.get_body_display(), "get_kind_display": root.get_kind_display()})
    _result_lines(doc, root)
    if root.approval_document:
        _para(doc, gettext("批复：%(approved_by)s %(approval_document)s（%(cn_date)s）") % {"approved_by": root.approved_by, "approval_document": root.approval_document, "cn_date": cn_date(root.approved_on)})
    _para(doc, f"{root.union.name}\n{cn_date(root.released_on or root.held_on)}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return to_bytes(doc)


def minutes(election: Election) -> bytes:
    root = election.root
    doc = _doc(gettext("%(name)s%(title)s会议记录") % {"name": root.union.name, "title": root.title})
    _para(doc, gettext("时间：%(cn_date)s    会议：%(get_body_display)s") % {"cn_date": cn_date(root.held_on), "get_body_display": root.get_body_display()})
    _para(doc, gettext("监票人：%(names)s") % {"names": _names(root.scrutineers.all())})
    _para(doc, gettext("计票人：%(names)s") % {"names": _names(root.tellers.all())})
    _para(doc, gettext("议程：一、通过选举办法；二、通过监票人、计票人名单；三、宣布候选人名单（按姓氏笔画为序）；"
               "四、投票；五、计票；六、宣布选举结果。"))
    _result_lines(doc, root)
    _para(doc, gettext("记录人：                    主持人："))
    return to_bytes(doc)


BUILDERS = {"ballot": ballot, "tally": tally_sheet, "report": report, "minutes": minutes}
NEED_RESULTS = {"report", "minutes"}
NAMES = {"ballot": gettext_lazy("选票"), "tally": gettext_lazy("计票单"), "report": gettext_lazy("选举结果的请示"), "minutes": gettext_lazy("会议记录")}


def download_name(election: Election, doc: str) -> str:
    """The file's Chinese name, e.g. 测试机关工会2026年工会委员会换届选举（委员）选票.docx."""
    return f"{election.union.name}{election.title}{NAMES[doc]}.docx"

"""The demo union's 2026 report: the chair's narrative around the registered figures, generated as of the demo's
day, and the 集体典型事迹材料 drafted from the same records. Runs last (``finish``): every app's records exist."""
from __future__ import annotations

from unionhome.reports import services
from unionhome.reports.models import Kind

NARRATIVE = {
    "organisation": (
        "一年来，机关工会在机关党总支和县总工会的领导下，坚持把组织建设作为基础工作来抓。"
        "截至年末，在职职工{{ members.staff }}，在会会员{{ members.in_membership }}，入会率{{ members.rate }}，"
        "新入职人员做到“应入尽入”。\n"
        "各工会小组按期开展活动，全年按程序举行选举{{ elections.held }}，工会委员会、经审委员会和女职工委员会健全。"),
    "care": (
        "坚持把关心关爱职工作为工会工作的出发点。全年开展结婚、生育、住院、退休、节日等慰问{{ care.visits }}，"
        "元旦春节期间送温暖走访困难职工和退休职工{{ care.warmth_recipients }}。\n"
        "组织女职工“两癌”筛查和妇科检查，参检{{ care.health_check_women }}；开展“慈心一日捐”，"
        "收到捐款捐物{{ care.donations }}；组织义务献血，{{ care.blood_donors }}献血。"),
    "culture": (
        "围绕元旦、“三八”、“五一”、国庆等节日开展文体活动{{ activities.held }}，职工参与{{ activities.participation }}；"
        "举办比赛{{ competitions.held }}，职工在活动中增进了交流，凝聚了力量。"),
}
DEEDS = {
    "care": "“职工有所呼，工会有所应”。全年慰问{{ care.visits }}，送温暖走访{{ care.warmth_recipients }}，"
            "让每一名职工感受到组织的温暖。",
}


def finish(ctx) -> None:
    year, chair = ctx.today.year, ctx.chair_user
    services.narrative_save(actor=chair, union=ctx.union, year=year, texts=NARRATIVE)
    services.report_generate(actor=chair, union=ctx.union, year=year, as_of=ctx.today)
    services.narrative_save(actor=chair, union=ctx.union, year=year, kind=Kind.DEEDS, texts=DEEDS)
    services.report_generate(actor=chair, union=ctx.union, year=year, kind=Kind.DEEDS, as_of=ctx.today)

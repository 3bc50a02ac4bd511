"""The demo union's 政务（会务）公开: the items on its notice board and intranet (one revised, one past its review
date), a scheduled inspection with two findings, and the re-inspection that closed one of them (the other
rectification is overdue on the dashboard)."""
from __future__ import annotations

import datetime as dt

from unionhome.core.demo_photos import demo_photo
from unionhome.disclosures import services

ITEMS = [
    ("工会主席工作职责", "duties", "机关工会委员会", "both", 300,
     "一、主持工会委员会全面工作；二、召集委员会会议和会员（代表）大会；三、代表职工与行政沟通协商。"),
    ("工会委员会工作职责", "duties", "机关工会委员会", "board", 300,
     "组织宣传、维权、女职工、文体、经费审查等工作，按分工各负其责。"),
    ("会员入会办事程序", "procedures", "机关工会委员会", "intranet", 300,
     "1. 填写入会申请（可在线提交）；2. 工会小组初审；3. 工会委员会审批；4. 发放会员证。"),
    ("困难职工帮扶办事程序", "procedures", "机关工会委员会", "board", 410,
     "本人申请→小组核实→委员会审议→公示5个工作日→发放帮扶金。"),
    ("工会服务承诺", "commitments", "机关工会委员会", "board", 300,
     "会员来访当日接待；合理化建议30日内答复；困难帮扶申请15个工作日内办结。"),
    ("上年度工会经费收支情况", "funds", "机关工会经费审查委员会", "both", 250,
     "收入：会费、拨缴经费、行政补助；支出：职工活动、维权、业务支出。详见经审报告。"),
    ("本年度工会活动安排", "activities", "机关工会委员会", "intranet", 250,
     "春节送温暖、三八节活动、五一职工运动会、国庆健步走、年终总结。"),
]


def build(ctx) -> None:
    chair, users, today = ctx.chair_user, ctx.users, ctx.today
    items = {}
    for title, kind, publisher, place, ago, content in ITEMS:
        items[title] = services.item_create(actor=chair, union=ctx.union, title=title, kind=kind, publisher=publisher,
                                            place=place, content=content, published_on=today - dt.timedelta(days=ago))
    services.item_revise(actor=chair, item=items["会员入会办事程序"], published_on=today - dt.timedelta(days=120),
                         content=items["会员入会办事程序"].content + "已开通扫码在线申请。", note="增加在线入会申请")
    inspectors = [users["jingshen"], users["nvgong"]]
    owner = users["weiyuan"].profile.worker
    first = services.inspection_plan(actor=chair, union=ctx.union, kind="scheduled",
                                     planned_on=today - dt.timedelta(days=90), inspectors=inspectors)
    auditor = users["jingshen"]
    board = services.finding_record(
        actor=auditor, inspection=first, item=items["上年度工会经费收支情况"], text="公开栏未标明公开日期和监督电话",
        photos=[demo_photo(30)],
        demand="补标公开日期和监督电话", owner=owner, deadline=today - dt.timedelta(days=76))
    services.finding_record(
        actor=auditor, inspection=first, item=items["困难职工帮扶办事程序"], text="程序未写明公示期间的异议处理",
        demand="补充异议受理人和处理时限，重新公开", owner=owner, deadline=today - dt.timedelta(days=30))
    for check in first.checks.filter(result="pending"):
        services.check_record(actor=auditor, check=check, result="ok")
    services.inspection_finish(actor=auditor, inspection=first, held_on=today - dt.timedelta(days=90),
                               summary="公开内容基本齐全，两项需整改。")
    again = services.inspection_plan(actor=chair, union=ctx.union, kind="reinspection",
                                     planned_on=today - dt.timedelta(days=60), inspectors=inspectors,
                                     reinspection_of=first)
    services.rectification_close(actor=auditor, rectification=board.rectification, inspection=again,
                                 note="已补标", on=today - dt.timedelta(days=60))
    for check in again.checks.filter(result="pending"):
        services.check_record(actor=auditor, check=check, result="problem", note="尚未整改")
    services.inspection_finish(actor=auditor, inspection=again, held_on=today - dt.timedelta(days=60),
                               summary="一项已整改；帮扶程序尚未整改，继续跟踪。")

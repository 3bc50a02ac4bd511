"""The demo union's democratic management (docs/union-year.md): the congress at the start of the year with the
funds and 经审 reports, the special committee meeting on union work with its agenda, attendance and decisions
(one carried out, one overdue), the rules library with revised versions, and the committee members' goals."""
from __future__ import annotations

import datetime as dt

from unionhome.committees.models import Committee, Position, Term
from unionhome.meetings import services
from unionhome.meetings.models import Attendee

CHAIR_DUTIES = [
    "一、在机关党总支和县总工会领导下，主持工会委员会全面工作。\n二、召集工会委员会会议，研究决定工会工作中的重要事项。\n"
    "三、组织召开会员大会，向大会报告工作。\n四、维护会员合法权益，反映职工意见和要求。",
    "一、在机关党总支和县总工会领导下，主持工会委员会全面工作。\n二、每季度至少召集一次工会委员会会议，每年召开一次工会工作专题会议。\n"
    "三、组织召开会员大会，向大会报告工作，接受会员监督。\n四、维护会员合法权益，反映职工意见和要求。\n"
    "五、定期向机关党总支汇报工会工作。",
]
ROOM_RULES = [
    "一、活动室每周五下午开放，由工会委员轮流值班。\n二、借用器材须登记，按时归还。\n三、保持室内整洁，爱护公物。",
    "一、活动室每周五下午开放，由工会委员轮流值班；节假日按通知开放。\n二、借用器材须登记，七日内归还，损坏照价赔偿。\n"
    "三、保持室内整洁，爱护公物，禁止吸烟。\n四、电视、影碟机由值班委员操作。",
]
FUNDS_RULES = [
    "一、工会经费坚持收支两条线，专款专用。\n二、单笔支出500元以上须经主席审批。\n三、每年向会员大会报告经费收支情况。",
]
WOMEN_DUTIES = [
    "一、组织女职工学习《女职工劳动保护特别规定》。\n二、每年组织女职工妇科检查。\n三、关心女职工“四期”保护，反映女职工诉求。",
]


def _decide(chair, item, text, owner, due_on, votes=None):
    f, a, b = votes or (None, None, None)
    return services.decision_record(actor=chair, item=item, text=text, outcome="adopted", votes_for=f,
                                    votes_against=a, votes_abstain=b, owner=owner, due_on=due_on)


def build(ctx) -> None:
    union, chair = ctx.union, ctx.chair_user
    year = ctx.today.year
    term = Term.objects.get(union=union, committee__kind=Committee.Kind.UNION, status=Term.Status.ACTIVE)
    officers = {p.title: p.worker for p in term.positions.filter(ended_on__isnull=True).select_related("worker")}
    members = [p.worker for p in term.positions.filter(ended_on__isnull=True, title=Position.Title.MEMBER)
               .select_related("worker").order_by("id")]
    chair_w = officers[Position.Title.CHAIR]
    vice = officers.get(Position.Title.VICE_CHAIR, chair_w)
    members = members or [vice]
    members = [members[0], members[1 % len(members)], members[-1]]  # recorder, sports, on leave

    # The congress in January: every member in good standing invited, the funds and 经审 reports heard.
    congress_day = dt.date(year, 1, 16)
    congress = None
    if congress_day <= ctx.today:
        congress = services.meeting_create(actor=chair, union=union, kind="congress", title=f"{year}年会员大会",
                                           held_on=congress_day, place="机关大会议室", chaired_by=vice,
                                           recorded_by=members[0])
        for i, a in enumerate(congress.attendees.order_by("id")):
            if i % 15 == 3:
                services.attendance_mark(actor=chair, attendee=a, status=Attendee.Status.LEAVE)
            elif i % 40 == 7:
                services.attendance_mark(actor=chair, attendee=a, status=Attendee.Status.ABSENT)
        services.attendance_mark_rest(actor=chair, meeting=congress)
        report = services.agenda_item_add(actor=chair, meeting=congress, title=f"{year - 1}年工会工作报告",
                                          kind="work_report", notes="主席代表工会委员会报告上一年工作和本年打算。")
        funds = services.agenda_item_add(actor=chair, meeting=congress, title="", kind="funds_report",
                                         notes="报告上一年经费收入、支出和结余情况。")
        services.agenda_item_add(actor=chair, meeting=congress, title="", kind="audit_report",
                                 notes="经审委员会主任报告经费审查情况，未发现违规支出。")
        present = congress.attendees.filter(status=Attendee.Status.PRESENT).count()
        _decide(chair, report, f"通过{year - 1}年工会工作报告", chair_w, dt.date(year, 2, 28),
                votes=(present - 3, 1, 2))
        _decide(chair, funds, f"通过{year - 1}年经费收支情况报告及{year}年预算", vice, dt.date(year, 3, 31), votes=(present - 2, 0, 2))
        for d in congress.items.first().decisions.all():
            services.decision_done(actor=chair, decision=d, on=dt.date(year, 2, 20), note="报告已印发各工会小组")
        services.meeting_close(actor=chair, meeting=congress,
                               summary="大会应到会员全部通知到位，出席人数超过三分之二，会议有效。")

    # The special meeting on union work (专题会议) in March.
    special_day = dt.date(year, 3, 20)
    adopted_room = None
    if special_day <= ctx.today:
        special = services.meeting_create(actor=chair, union=union, kind="special", title=f"{year}年工会工作专题会议",
                                          held_on=special_day, place="工会活动室", chaired_by=chair_w,
                                          recorded_by=members[0])
        attendees = list(special.attendees.order_by("id"))
        for a in attendees:
            status = Attendee.Status.LEAVE if a.worker == members[-1] else Attendee.Status.PRESENT
            services.attendance_mark(actor=chair, attendee=a, status=status)
        present = sum(1 for a in attendees if a.worker != members[-1])
        items = [services.agenda_item_add(actor=chair, meeting=special, title=title, notes=notes) for title, notes in (
            ("传达县总工会全委会议精神", "主席传达会议精神，委员结合分工讨论落实。"),
            (f"研究{year}年工会工作要点", "逐项讨论工作要点，明确责任委员和完成时限。"),
            ("研究“五一”职工文体比赛方案", "拟举办骑行、象棋、气排球、乒乓球四项比赛。"),
            ("修订《工会活动室管理制度》", "增加节假日开放、器材归还期限和禁烟规定。"),
        )]
        _decide(chair, items[1], f"{year}年工会工作要点印发各工会小组执行", members[0], dt.date(year, 4, 10),
                votes=(present, 0, 0))
        sports = _decide(chair, items[2], "“五一”四项比赛于4月底前举办，经费从职工活动支出列支", members[1],
                         dt.date(year, 5, 5), votes=(present - 1, 0, 1) if present > 3 else (present, 0, 0))
        adopted_room = _decide(chair, items[3], "通过修订后的《工会活动室管理制度》，自4月1日起施行", vice,
                               dt.date(year, 4, 1), votes=(present, 0, 0))
        _decide(chair, items[0], "向机关党总支书面报告全委会议精神落实情况", chair_w, dt.date(year, 6, 30))
        services.decision_done(actor=chair, decision=sports, on=dt.date(year, 5, 3), note="四项比赛已举办并颁奖")
        services.decision_done(actor=chair, decision=adopted_room, on=dt.date(year, 3, 25), note="新制度已张贴于活动室")
        services.meeting_close(actor=chair, meeting=special,
                               summary="会议应到委员全部通知，出席人数超过半数，各项决定均经表决通过。")

    # The rules library: two of the rules revised, with the meeting that adopted the new wording.
    start = dt.date(2024, 3, 15)
    duties = services.regulation_create(actor=chair, union=union, kind="chair_duties", title="工会主席职责",
                                        text=CHAIR_DUTIES[0], effective_on=start, note="第二届委员会第一次会议通过")
    services.regulation_version_add(actor=chair, regulation=duties, text=CHAIR_DUTIES[1],
                                    effective_on=dt.date(2025, 1, 1), note="增加专题会议和向党总支汇报的要求")
    room = services.regulation_create(actor=chair, union=union, kind="room", title="工会活动室管理制度",
                                      text=ROOM_RULES[0], effective_on=dt.date(2024, 5, 1))
    if adopted_room is not None:
        services.regulation_version_add(actor=chair, regulation=room, text=ROOM_RULES[1],
                                        effective_on=dt.date(year, 4, 1), decision=adopted_room,
                                        note="节假日开放、归还期限、禁烟")
    services.regulation_create(actor=chair, union=union, kind="funds", title="工会经费管理制度", text=FUNDS_RULES[0],
                               effective_on=start)
    services.regulation_create(actor=chair, union=union, kind="women_duties", title="女职工委员会委员职责",
                               text=WOMEN_DUTIES[0], effective_on=start)

    # Goals of the committee members for the year.
    goals = [(chair_w, "年内召开工会工作专题会议和会员大会各一次，向党总支报告工作两次。", "done"),
             (vice, "组织“五一”四项职工文体比赛，参赛人数不少于100人。", "done"),
             (members[0], "全年送温暖走访困难职工和退休职工不少于30人次。", "open"),
             (members[1], "活动室每周五下午开放，全年借还登记完整。", "open")]
    goals = list({w.pk: (w, text, status) for w, text, status in reversed(goals)}.values())[::-1]
    for worker, text, status in goals:
        goal = services.goal_set(actor=chair, union=union, worker=worker, year=year, text=text)
        if status != "open":
            services.goal_status_set(actor=chair, goal=goal, status=status)

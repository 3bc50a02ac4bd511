"""The demo union's year of study (docs/union-year.md "Study and training"), recorded through the services.

Every group studies on Friday afternoons from the first Friday of the year (statutory holidays skipped by the
series), the group leader records attendance and the discussion; members write reflections on the first session
of each month and the leader reviews them. The eleventh group stopped recording three weeks ago, so the dashboard
shows the warning. A legal-education campaign (lecture, contest, exhibition) carries a quiz open until mid-December,
and the committee's officers went to the county's training for new union officers (two have not yet).
"""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from unionhome.core.demo_photos import demo_photo
from unionhome.org.models import UnionGroup
from unionhome.study.services import (
    group_members,
    plan_create,
    reflection_review,
    reflection_submit,
    reflections_accept_all,
    series_create,
    session_photo_add,
    session_record,
    topic_set,
)
from unionhome.study.services_campaigns import (
    campaign_create,
    event_add,
    event_attendance_add,
    quiz_answer,
    quiz_create,
    training_create,
    training_record_add,
)

TOPICS = [
    ("学习《中华人民共和国工会法》", "重点学习第一章总则、第三章工会的权利和义务。"),
    ("学习《中国工会章程》", "会员的权利和义务，基层组织的任务。"),
    ("学习党的二十大报告关于发展全过程人民民主的论述", ""),
    ("学习《中华人民共和国劳动法》", "工作时间和休息休假、劳动安全卫生。"),
    ("民族团结进步教育", "各民族共同团结奋斗、共同繁荣发展。"),
    ("社会公德与职业道德", "爱岗敬业、诚实守信、办事公道、服务群众、奉献社会。"),
    ("学习《女职工劳动保护特别规定》", ""),
    ("廉洁自律教育", "观看警示教育片并交流。"),
    ("安全生产与消防知识", ""),
    ("业务知识交流：本单位年度重点工作", ""),
    ("理想信念教育：学习身边先进典型", ""),
    ("学习《中华人民共和国民法典》婚姻家庭编", ""),
]
DISCUSSIONS = [
    "大家结合本职工作谈了学习体会，一致认为要把所学用到为群众办事上。",
    "组长领学后分组讨论，三位同志发言，提出在窗口服务中落实。",
    "围绕学习内容开展讨论，大家表示要加强学习、提高业务能力。",
    "观看学习视频后交流，提出两条改进本单位工作的建议。",
]
REFLECTIONS = [
    "通过这次学习，我对工会的性质和任务有了更深的认识，今后要积极参加工会活动，履行会员义务。",
    "这次学习让我认识到依法维护职工权益的重要性，我要在工作中带头遵守法律法规。",
    "结合本职工作，我体会到服务群众要从小事做起，认真对待每一件来访来信。",
    "学习后我对民族团结有了更深的理解，要在工作和生活中尊重各族同事、互帮互助。",
    "通过学习，我明确了爱岗敬业的具体要求，今后要提高业务水平，按时保质完成任务。",
]
QUESTIONS = [
    ("现行《中华人民共和国工会法》最近一次修正是在哪一年？", ["2001年", "2009年", "2021年"], 2),
    ("基层工会委员会每届任期为几年？", ["两年", "三年或者五年", "六年"], 1),
    ("工会会员大会或者会员代表大会每年至少召开几次？", ["一次", "两次", "四次"], 0),
    ("建立工会组织的用人单位按每月全部职工工资总额的多少向工会拨缴经费？", ["百分之一", "百分之二", "百分之五"], 1),
    ("职工加入工会需要缴纳会费吗？", ["需要，按月缴纳", "不需要"], 0),
]


def build(ctx) -> None:
    rng = random.Random(11)
    union, today, chair = ctx.union, ctx.today, ctx.chair_user
    leader, officer = ctx.users.get("zuzhang", chair), ctx.users.get("weiyuan", chair)
    year = today.year
    groups = list(UnionGroup.objects.filter(union=union).order_by("sort_order", "id"))

    # The union's plan for the year, copied by each group.
    plan = plan_create(actor=chair, union=union, year=year)
    for week in range(1, 53):
        topic, material = TOPICS[(week - 1) % len(TOPICS)]
        topic_set(actor=chair, plan=plan, week=week, topic=topic, material=material,
                  link="/study/campaigns/" if "工会法" in topic else "")
    for group in groups:
        plan_create(actor=chair, union=union, year=year, group=group, copy_from=plan)

    first_friday = dt.date(year, 1, 1) + dt.timedelta(days=(4 - dt.date(year, 1, 1).weekday()) % 7)
    weeks = min(52, (today + dt.timedelta(days=14) - first_friday).days // 7 + 1)
    now = timezone.now()
    for n, group in enumerate(groups):
        actor = leader if n == 0 else officer
        members = list(group_members(group))
        regulars = {w.pk: rng.random() for w in members}  # each member's own habit of coming
        sessions = series_create(actor=actor, group=group, first_on=first_friday, weeks=weeks,
                                 place="职工活动室" if n % 2 == 0 else "单位会议室")
        stop = today - dt.timedelta(days=21) if n == len(groups) - 1 else today
        months_done = set()
        for session in sessions:
            if session.held_on > stop:
                continue
            marks = {}
            for w in members:
                roll = rng.random()
                if roll < 0.06 + 0.1 * regulars[w.pk]:
                    marks[w.pk] = ("leave", rng.choice(["出差", "下乡", "病假", "参加县里会议", "年休假"]))
                elif roll < 0.09 + 0.12 * regulars[w.pk]:
                    marks[w.pk] = "absent"
                else:
                    marks[w.pk] = "present"
            session_record(actor=actor, session=session, marks=marks, discussion=rng.choice(DISCUSSIONS), now=now)
            if session.held_on > stop - dt.timedelta(days=7):  # the latest session's photo of the group studying
                session_photo_add(actor=actor, session=session, upload=demo_photo(50 + n))
            month = session.held_on.month
            if month in months_done:
                continue
            months_done.add(month)
            present = [w for w in members if marks[w.pk] == "present"]
            for w in rng.sample(present, min(len(present), rng.randint(3, 5))):
                r = reflection_submit(actor=None, session=session, worker=w, text=rng.choice(REFLECTIONS))
                if session.held_on < today - dt.timedelta(days=10) and rng.random() < 0.1:
                    reflection_review(actor=actor, reflection=r, accept=False, comment="请结合本职工作多谈体会")
            if session.held_on < today - dt.timedelta(days=10):  # the rest accepted with the leader's one tap
                reflections_accept_all(actor=actor, session=session, now=now)

    _campaign(ctx, rng, groups)
    _training(ctx)


def _campaign(ctx, rng, groups) -> None:
    union, today, chair = ctx.union, ctx.today, ctx.chair_user
    members = [w for w in ctx.workers if w.employment_status == "employed"]
    start = today - dt.timedelta(days=20)
    campaign = campaign_create(
        actor=chair, union=union, theme="legal", title="“尊法学法守法用法”《工会法》普法宣传月",
        starts_on=start, ends_on=today + dt.timedelta(days=14),
        description="学习宣传《中华人民共和国工会法》，开展专题讲座、知识竞赛和图片展览，组织全体会员参加知识测试。")
    for kind, title, offset, share in [("lecture", "《工会法》专题讲座（县总工会法律顾问主讲）", 2, 0.55),
                                       ("exhibition", "“工会法在身边”图片展", 7, 0.8),
                                       ("contest", "《工会法》知识竞赛（各小组代表队）", 15, 0.15)]:
        held_on = start + dt.timedelta(days=offset)
        if held_on > today:
            continue
        event = event_add(actor=chair, campaign=campaign, kind=kind, title=title, held_on=held_on,
                          place="机关大礼堂" if kind != "exhibition" else "机关大楼一楼大厅",
                          materials="讲稿与课件见学习计划第1周材料" if kind == "lecture" else "")
        event_attendance_add(actor=chair, event=event, workers=rng.sample(members, int(len(members) * share)))
    quiz = quiz_create(actor=chair, union=union, campaign=campaign, title="《工会法》知识测试",
                       deadline=timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=14), dt.time(18))),
                       questions=QUESTIONS)
    for w in rng.sample(members, 60):
        answers = {str(n): (right if rng.random() < 0.8 else rng.randrange(len(choices)))
                   for n, (_text, choices, right) in enumerate(QUESTIONS, start=1)}
        quiz_answer(actor=None, quiz=quiz, worker=w, answers=answers)
    campaign_create(actor=chair, union=union, theme="ethnic_unity", title="民族团结进步宣传月",
                    starts_on=dt.date(today.year, 9, 1), ends_on=dt.date(today.year, 9, 30),
                    description="各小组结合政治学习开展民族团结进步教育。", groups=groups)


def _training(ctx) -> None:
    from unionhome.committees.models import Position

    union, chair = ctx.union, ctx.chair_user
    year = ctx.today.year
    officers = list(Position.objects.filter(union=union, ended_on__isnull=True).select_related("worker", "term__committee")
                    .order_by("id"))
    course = training_create(actor=chair, union=union, kind="new_officer", course="新任工会干部培训班",
                             provider="示范县总工会", starts_on=dt.date(year, 4, 14), ends_on=dt.date(year, 4, 16),
                             hours=Decimal("24"))
    # two women's committee members could not go: they show as not yet trained this term
    away = {p.worker_id for p in officers if p.term.committee.kind == "women"}
    away = set(sorted(away)[-2:])
    seen = set(away)
    for position in officers:
        if position.worker_id in seen:  # one person in two offices goes once
            continue
        seen.add(position.worker_id)
        certificate = SimpleUploadedFile("cert.pdf", b"%PDF-1.4\n% demo certificate\n", content_type="application/pdf")
        training_record_add(actor=chair, training=course, worker=position.worker,
                            hours=Decimal("24") if position.pk % 5 else Decimal("16"),
                            certificate=certificate if position.pk % 3 == 0 else None)
    audit = training_create(actor=chair, union=union, kind="audit", course="经费审查业务培训",
                            provider="示范市总工会", starts_on=dt.date(year, 6, 10), ends_on=dt.date(year, 6, 10),
                            hours=Decimal("6"))
    auditors = {p.worker_id: p.worker for p in officers if p.term.committee.kind == "audit"}
    for worker in auditors.values():
        training_record_add(actor=chair, training=audit, worker=worker)

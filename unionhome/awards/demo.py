"""The demo union's year-end evaluation (union-year.md "Evaluation"): 17 先进工作者 named 1–2 per group by the
11 groups and two 优秀工会小组 put forward by the committee, decided at a committee meeting recorded in the meetings
app (the round links its decision), published for 5 working days (one objection answered), made final,
rewarded in kind through the ledger and certified — all through the services the pages call."""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from unionhome.accounts.queries import context_for
from unionhome.awards import services
from unionhome.awards.models import Award
from unionhome.members.choices import EmploymentStatus, MembershipStatus


def _dates(today: dt.date) -> tuple[int, dict]:
    """The evaluation runs in late November when the demo is built then; otherwise last year's December."""
    if today.month >= 11 and today.day >= 28 or today.month == 12:
        base = today - dt.timedelta(days=21)
        year = today.year
    else:
        year = today.year - 1
        base = dt.date(year, 12, 7)
    return year, {"meeting": base, "publish": base + dt.timedelta(days=1),
                  "object": base + dt.timedelta(days=3), "final": base + dt.timedelta(days=16),
                  "reward": base + dt.timedelta(days=17)}


def build(ctx) -> None:
    rng = random.Random(1231)
    chair = ctx.chair_user
    officer = ctx.users.get("weiyuan", chair)
    year, on = _dates(ctx.today)
    advanced = services.kind_create(actor=chair, union=ctx.union, name="先进工作者", reward_item="保温杯、荣誉证书",
                                    reward_value=Decimal("300.00"), reward_form="goods")
    services.kind_create(actor=chair, union=ctx.union, name="优秀工会积极分子", reward_item="书籍",
                         reward_value=Decimal("150.00"), reward_form="goods")
    services.kind_create(actor=chair, union=ctx.union, name="优秀会员", reward_item="纪念品",
                         reward_value=Decimal("100.00"), reward_form="goods")
    best_group = services.kind_create(actor=chair, union=ctx.union, name="优秀工会小组", nominee="group",
                                      reward_item="小组活动用书籍和文体用品", reward_value=Decimal("400.00"),
                                      reward_form="goods")
    round = services.round_create(actor=chair, union=ctx.union, year=year, kinds=[advanced, best_group])

    eligible = [w for w in ctx.workers if w.group_id and w.employment_status == EmploymentStatus.EMPLOYED
                and getattr(w, "membership", None) and w.membership.status == MembershipStatus.ACTIVE]
    by_group: dict = {}
    for w in eligible:
        by_group.setdefault(w.group_id, []).append(w)
    groups = sorted(by_group, key=lambda g: by_group[g][0].group.sort_order)
    leader = ctx.users.get("zuzhang")
    led = context_for(leader, ctx.union.pk).group_ids if leader else frozenset()
    excluded = rng.choice(by_group[groups[-1]])
    services.exclusion_add(actor=officer, round=round, worker=excluded, ground="年度考核不称职")
    chosen = []
    target = min(17, len(eligible) // 3)  # a small union stays within the prize ratio (rule 19)
    for i, g in enumerate(groups):
        people = [w for w in by_group[g] if w.pk != excluded.pk]
        # 11 groups: six name two, five name one → 17
        count = 2 if i < target - len(groups) else 1 if i < target else 0
        for w in rng.sample(people, min(count, len(people))):
            n = services.nomination_add(actor=leader if g in led else officer, round=round, kind=advanced,
                                        worker=w, discussion="小组会议讨论，一致推荐",
                                        votes_for=len(people) - rng.randint(0, 1), voters=len(people))
            chosen.append(n.pk)
    # 优秀工会小组: the committee puts forward three groups with the best year of study and activities
    group_noms = [services.group_nomination_add(actor=officer, round=round, kind=best_group,
                                                group=by_group[g][0].group, discussion=reason)
                  for g, reason in zip(groups[:3], ["全年政治学习出勤率和心得体会提交率全会最高",
                                                    "组织开展《工会法》知识竞赛成绩突出",
                                                    "困难职工帮扶和文体活动参与率高"], strict=False)]
    chosen += [n.pk for n in group_noms[:2]]
    decision = _committee_decides(ctx, year, on)
    services.round_decide(actor=chair, round=round, chosen=chosen, decision=decision,
                          meeting_ref=f"{year}年第11次工会委员会会议", meeting_on=on["meeting"])  # text: no term recorded
    services.round_publish(actor=chair, round=round, starts_on=on["publish"])
    award = Award.objects.filter(round=round).order_by("pk").first()
    member = ctx.users.get("huiyuan", chair)
    objection = services.objection_raise(actor=member, award=award, reason="希望说明评选依据", today=on["object"])
    services.objection_answer(actor=chair, objection=objection,
                              answer="经小组推荐、委员会评定，该同志全年出勤和工作实绩突出，评选依据已在小组会上说明")
    services.round_finalise(actor=chair, round=round, today=on["final"])
    services.rewards_book(actor=chair, round=round, on=on["reward"])
    if decision is not None:
        from unionhome.meetings.services import decision_done

        decision_done(actor=chair, decision=decision, on=on["reward"], note="评选结果已公示并确定，奖品已发放，证书已颁发")


def _committee_decides(ctx, year: int, on: dict):
    """The committee meeting that decided the honours, recorded in the meetings app (the round links its decision)."""
    from unionhome.committees.models import Position, Term
    from unionhome.meetings import services as meetings

    chair = ctx.chair_user
    term = Term.objects.filter(union=ctx.union, committee__kind="union", status=Term.Status.ACTIVE).first()
    if term is None:
        return None
    chair_w = term.positions.filter(ended_on__isnull=True, title=Position.Title.CHAIR).first()
    chair_w = chair_w.worker if chair_w else None
    meeting = meetings.meeting_create(actor=chair, union=ctx.union, kind="committee",
                                      title=f"{year}年第11次工会委员会会议", held_on=on["meeting"], place="机关小会议室",
                                      chaired_by=chair_w)
    meetings.attendance_mark_rest(actor=chair, meeting=meeting)
    item = meetings.agenda_item_add(actor=chair, meeting=meeting, title=f"评定{year}年度先进工作者和优秀工会小组",
                                    notes="逐一审议各小组推荐人选和推荐的优秀工会小组，对照评选条件和名额进行表决。")
    present = meeting.attendees.filter(status="present").count()
    decision = meetings.decision_record(
        actor=chair, item=item, text=f"评定{year}年度先进工作者17名、优秀工会小组2个，报经公示5个工作日后确定",
        outcome="adopted", votes_for=present, votes_against=0, votes_abstain=0, owner=chair_w,
        due_on=on["reward"])
    meetings.meeting_close(actor=chair, meeting=meeting, summary="会议应到委员全部出席，一致通过评选结果。")
    return decision

"""The demo union's year-end evaluation (union-year.md "Evaluation"): 17 先进工作者 named 1–2 per group by the
11 groups, decided by the committee, published for 5 working days (one objection answered), made final,
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
    round = services.round_create(actor=chair, union=ctx.union, year=year, kinds=[advanced])

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
    services.round_decide(actor=chair, round=round, chosen=chosen, meeting_ref=f"{year}年第11次工会委员会会议",
                          meeting_on=on["meeting"])
    services.round_publish(actor=chair, round=round, starts_on=on["publish"])
    award = Award.objects.filter(round=round).order_by("pk").first()
    member = ctx.users.get("huiyuan", chair)
    objection = services.objection_raise(actor=member, award=award, reason="希望说明评选依据", today=on["object"])
    services.objection_answer(actor=chair, objection=objection,
                              answer="经小组推荐、委员会评定，该同志全年出勤和工作实绩突出，评选依据已在小组会上说明")
    services.round_finalise(actor=chair, round=round, today=on["final"])
    services.rewards_book(actor=chair, round=round, on=on["reward"])

"""The demo union's May-Day competitions (docs/union-year.md): cycling times, a Chinese chess round
robin, a table-tennis bracket and a volleyball team round robin, entered from the activities' sign-ups and
run to prizes through the real services."""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal

from django.utils import timezone

from unionhome.activities.models import Activity
from unionhome.activities.queries import signup_accepted
from unionhome.activities.services import activity_create, signup_add
from unionhome.competitions import services
from unionhome.competitions.models import Format, Match, Sport
from unionhome.funds.services import period_is_closed

EVENTS = [
    # title keyword, activity title, sport, format, entry kind, day offset from 1 May, people
    ("骑行", "“五一”环城骑行赛", Sport.CYCLING, Format.TIMED, "person", -3, 16),
    ("象棋", "“五一”中国象棋比赛", Sport.CHESS, Format.ROUND_ROBIN, "person", -2, 8),
    ("乒乓", "“五一”乒乓球比赛", Sport.TABLE_TENNIS, Format.KNOCKOUT, "person", -1, 12),
    ("排球", "“五一”气排球比赛", Sport.VOLLEYBALL, Format.TEAM_ROUND_ROBIN, "team", 2, 24),
]


def _activity(ctx, keyword, title, day: dt.date, people: list):
    """The activities demo's May-Day activity when it made one; otherwise one made here with its sign-ups."""
    found = Activity.objects.filter(union=ctx.union, title__contains=keyword, starts_at__date__gte=day - dt.timedelta(10),
                                    starts_at__date__lte=day + dt.timedelta(10)).first()
    if found is not None and found.signups.filter(status="accepted").exists():
        return found
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    activity = activity_create(actor=ctx.chair_user, union=ctx.union, kind="sport", title=title, place="县体育中心",
                               starts_at=start, ends_at=start + dt.timedelta(hours=6),
                               description="庆祝“五一”国际劳动节职工文体比赛")
    for worker in people:
        signup_add(actor=ctx.chair_user, activity=activity, worker=worker)
    return activity


def build(ctx) -> None:
    rng = random.Random(501)
    year = ctx.today.year if ctx.today >= dt.date(ctx.today.year, 5, 10) else ctx.today.year - 1
    may_day = dt.date(year, 5, 1)
    officer = ctx.users.get("weiyuan", ctx.chair_user)
    in_post = [w for w in ctx.workers if w.group_id is not None]
    for keyword, title, sport, format, kind, offset, n in EVENTS:
        day = may_day + dt.timedelta(days=offset)
        if kind == "team":
            groups = sorted({w.group_id for w in in_post})[:6]
            people = [w for g in groups for w in [x for x in in_post if x.group_id == g][:n // 6]]
        else:
            people = rng.sample(in_post, n)
        activity = _activity(ctx, keyword, title, day, people)
        c = services.competition_create(actor=officer, union=ctx.union, title=activity.title, sport=sport, format=format,
                                        entry_kind=kind, held_on=day, place="县体育中心", activity=activity,
                                        best_of=3 if sport == Sport.VOLLEYBALL else None)
        if kind == "team":  # the six groups that signed up the most players field a team
            counts = Counter(s.group for s in signup_accepted(activity) if s.group is not None)
            for group, _n in sorted(counts.items(), key=lambda gn: (-gn[1], gn[0].sort_order))[:6]:
                services.entry_add(actor=officer, competition=c, group=group)
        else:
            services.entries_from_signups(actor=officer, competition=c)
        services.competition_start(actor=officer, competition=c)
        _play(officer, c, rng)
        if c.format == Format.TIMED:
            services.competition_finish(actor=officer, competition=c)
        c.refresh_from_db()
        if any(getattr(r, "needs_lots", False) for r in _rows(c)):
            services.lots_draw(actor=officer, competition=c, rng=rng)
        entries = c.entries.count()
        tiers = ([("冠军", 1, Decimal(300)), ("亚军", 1, Decimal(200)), ("季军", 2, Decimal(100))]
                 if format == Format.KNOCKOUT else
                 [("一等奖", 1, Decimal(300)), ("二等奖", 1, Decimal(200)), ("三等奖", 1, Decimal(100))][:entries // 3])
        # The funds demo has already signed off the spring months; a late prize list posts in an open month.
        awarded = day if not period_is_closed(ctx.union, day) else ctx.today
        services.prizes_award(actor=ctx.chair_user, competition=c, tiers=tiers, on=awarded)


def _rows(c):
    from unionhome.competitions.queries import standings_rows

    return standings_rows(c)


def _play(officer, c, rng: random.Random) -> None:
    if c.format == Format.TIMED:
        for i, entry in enumerate(c.entries.order_by("seed")):
            if i == 7:
                services.time_record(actor=officer, entry=entry, did_not_finish=True)
            else:
                seconds = rng.randint(3300, 4500)
                services.time_record(actor=officer, entry=entry, time=f"{seconds // 60}:{seconds % 60:02d}.{rng.randint(0, 9)}")
        return
    while True:
        open_ = list(Match.objects.filter(competition=c, b__isnull=False, winner__isnull=True, score_a__isnull=True,
                                          sets__isnull=True).select_related("a", "b"))
        if not open_:
            return
        for m in open_:
            if c.best_of:
                services.result_record(actor=officer, match=m, sets=_sets(c, m, rng))
            else:
                services.result_record(actor=officer, match=m, result=rng.choice(["1-0", "1-0", "½-½", "0-1"]))


def _sets(c, m, rng: random.Random) -> str:
    """A plausible score: the better seed usually wins; losing sets scored below the target minus two."""
    a_wins = rng.random() < (0.7 if m.a.seed < m.b.seed else 0.3)
    need = c.best_of // 2 + 1
    lost = rng.randint(0, need - 1)
    order = [True] * (need - 1) + [False] * lost
    rng.shuffle(order)
    order.append(True)
    out = []
    for i, winner_first in enumerate(order):
        target = c.deciding_set_points if i == c.best_of - 1 else c.set_points
        score = (target, rng.randint(max(0, target - 12), target - 2))
        out.append(score if winner_first == a_wins else score[::-1])
    return " ".join(f"{a}:{b}" for a, b in out)

"""The demo union's year of activities (docs/union-year.md), recorded through the services.

The funds demo already books this year's activity spending and the activity-room purchases, so the
activities recorded here post only what the funds demo does not (a group trip), and the room's
equipment is registered without a second purchase posting.
"""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from unionhome.activities.services import (
    activity_create,
    cost_record,
    invitation_create,
    invitation_respond,
    photo_add,
    series_create,
    signup_add,
    signup_cancel,
    signup_check_in,
    signup_create,
)
from unionhome.activities.services_room import asset_create, booking_create, loan_create, loan_return, room_create
from unionhome.core.demo_photos import demo_photo


def build(ctx) -> None:
    rng = random.Random(2026)
    union, today, chair = ctx.union, ctx.today, ctx.chair_user
    officer = ctx.users.get("weiyuan", chair)
    year = today.year
    tz = timezone.get_current_timezone()

    def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)

    in_post = [w for w in ctx.workers if w.employment_status == "employed"]
    women = [w for w in in_post if w.gender == "F"]
    retirees = [w for w in ctx.workers if w.employment_status == "retired"]

    def past_event(title, kind, day, people, *, hours=(9, 17), checked=0.9, **kw):
        """An event of this year: people added by an officer, most checked in once it has happened."""
        if day > today:
            return None
        start, end = at(day, hours[0]), at(day, hours[1])
        activity = activity_create(actor=chair, union=union, kind=kind, title=title, starts_at=start, ends_at=end,
                                   signup_opens_at=start - dt.timedelta(days=14),
                                   signup_closes_at=start - dt.timedelta(days=2), **kw)
        for w in people:
            s = signup_add(actor=officer, activity=activity, worker=w)
            if s.status == "accepted" and rng.random() < checked:
                signup_check_in(actor=officer, activity=activity, signup=s,
                                at=min(start + dt.timedelta(minutes=5), timezone.now()))
        return activity

    organisers = [ctx.users["nvgong"].profile.worker] if "nvgong" in ctx.users else []
    women_day = past_event("县妇女趣味运动会（“三八”节）", "external", dt.date(year, 3, 8), rng.sample(women, 20), capacity=20,
               eligibility="women", partner="示范县总工会", place="县体育中心", budget=Decimal("2500"),
               organisers=organisers, description="组织女会员参加县总工会举办的“三八”妇女趣味运动会。")
    mayday = [("“五一”自行车骑行赛", 26, "环城绿道"), ("“五一”象棋比赛", 16, "职工活动室"),
              ("“五一”排球比赛", 38, "机关篮排球场"), ("“五一”乒乓球比赛", 32, "职工活动室")]
    for i, (title, cap, place) in enumerate(mayday):
        races = past_event(title, "sport", dt.date(year, 4, 28) + dt.timedelta(days=i), rng.sample(in_post, cap - 2), capacity=cap, place=place,
                   budget=Decimal("900"), description="“五一”职工文体比赛，结果和名次见竞赛页面。")

    # The officer's photos of the day, shown on the activity's page and its record.
    for seed, (activity, caption) in enumerate([(women_day, "女会员趣味运动会合影"), (women_day, "拔河比赛"),
                                                (races, "“五一”比赛颁奖")]):
        if activity is not None:
            photo_add(actor=officer, activity=activity, upload=demo_photo(seed), caption=caption)

    joint_day = dt.date(year, 6, 29)
    if joint_day <= today:
        start = at(joint_day, 14, 30)
        joint = activity_create(actor=chair, union=union, kind="joint", title="庆“七一”联谊活动",
                                partner="某航空维修公司工会", eligibility="representatives", capacity=40,
                                starts_at=start, ends_at=at(joint_day, 17, 30), place="航修公司职工之家",
                                budget=Decimal("3500"),
                                description="与机关党总支共同组织，与航修公司工会联谊，会员代表约40人。")
        reps = rng.sample(in_post, 42)
        for n, w in enumerate(reps):
            inv = invitation_create(actor=chair, activity=joint, worker=w)
            invitation_respond(actor=chair, invitation=inv, accept=n < 40)
        for s in joint.signups.filter(status="accepted")[:37]:
            signup_check_in(actor=officer, activity=joint, signup=s, at=min(start, timezone.now()))

    # Group trips, organised per group (quota per group), and the retirees' autumn outing.
    groups = sorted({w.group for w in in_post if w.group}, key=lambda g: g.sort_order)
    trip_day = today - dt.timedelta(days=10)
    if trip_day.year == year:
        start = at(trip_day, 8)
        trip = activity_create(actor=chair, union=union, kind="trip", title="第1–3小组红色教育基地参观",
                               eligibility="group_quota", capacity=45, starts_at=start, ends_at=at(trip_day, 18),
                               place="古田会议旧址", budget=Decimal("4000"),
                               quotas=dict.fromkeys(groups[:3], 15))
        for g in groups[:3]:
            for w in [w for w in in_post if w.group_id == g.pk][:14]:
                signup_add(actor=officer, activity=trip, worker=w)
        cost_record(actor=chair, activity=trip, on=today, amount=Decimal("2850.00"),
                    counterparty="县旅游客运公司", note="包车费")
    if retirees and dt.date(year, 10, 20) <= today:
        past_event("退休会员重阳登高", "trip", dt.date(year, 10, 20), retirees[:12], eligibility="retirees",
                   place="凤凰山", budget=Decimal("1200"))

    # Every Friday afternoon in the activity room, with its bookings on the calendar.
    room = room_create(actor=chair, union=union, name="职工活动室", location="机关办公楼三楼", capacity=40,
                       hours="每周五下午 14:30–17:30，工作日午休")
    first_friday = dt.date(year, 1, 1) + dt.timedelta(days=(4 - dt.date(year, 1, 1).weekday()) % 7)
    # A weekly series created once: every Friday of the year is its own session (sign-ups, check-in).
    fridays = (dt.date(year, 12, 31) - first_friday).days // 7 + 1
    series = series_create(actor=chair, union=union, frequency="weekly", occurrences=fridays, kind="recurring",
                           title="周五下午职工活动室开放", recurrence="每周五下午 14:30–17:30",
                           starts_at=at(first_friday, 14, 30), ends_at=at(first_friday, 17, 30), place="职工活动室",
                           description="学习与文体活动：读书、象棋、乒乓球、健身。")
    sessions = {timezone.localtime(a.starts_at).date(): a for a in series.occurrences_set.all()}
    this_friday = today + dt.timedelta(days=(4 - today.weekday()) % 7)
    for k in range(-3, 5):
        day = this_friday + dt.timedelta(weeks=k)
        booking_create(actor=officer, room=room, starts_at=at(day, 14, 30), ends_at=at(day, 17, 30),
                       purpose="周五下午活动室开放", activity=sessions.get(day))
    booking_create(actor=officer, room=room, starts_at=at(this_friday - dt.timedelta(days=2), 9),
                   ends_at=at(this_friday - dt.timedelta(days=2), 11), purpose="第2工会小组政治学习")

    # An activity open for sign-up now, nearly full, with a waitlist.
    upcoming_day = today + dt.timedelta(days=21)
    upcoming = activity_create(actor=chair, union=union, kind="sport", title="迎新年趣味运动会",
                               capacity=30, starts_at=at(upcoming_day, 9), ends_at=at(upcoming_day, 12),
                               signup_opens_at=at(today, 0) - dt.timedelta(days=3),
                               signup_closes_at=at(upcoming_day, 0) - dt.timedelta(days=3),
                               place="机关篮排球场", budget=Decimal("1500"), organisers=organisers)
    joiners = rng.sample(in_post, 33)
    signups = [signup_create(actor=None, activity=upcoming, worker=w, idempotency_key=f"demo-{w.pk}")
               for w in joiners]
    signup_cancel(actor=chair, signup=signups[3], note="出差")

    # The room's equipment (bought on 18 March; the funds demo has booked the purchase) and loans.
    bought = dt.date(year, 3, 18) if dt.date(year, 3, 18) <= today else None
    items = [("液晶电视机 55英寸", "TV-01", "tv", "4500.00", False), ("DVD影碟机", "AV-01", "video", "380.00", False),
             ("中国象棋（实木）", "CH-01", "chess", "120.00", True), ("中国象棋（实木）", "CH-02", "chess", "120.00", True),
             ("围棋", "CH-03", "chess", "150.00", True), ("乒乓球台", "SP-01", "sport", "1600.00", False),
             ("乒乓球拍（对）", "SP-02", "sport", "180.00", True), ("跑步机", "FT-01", "fitness", "2600.00", False),
             ("哑铃组", "FT-02", "fitness", "260.00", True)]
    books = ["《平凡的世界》", "《中华人民共和国工会法》释义", "《习近平谈治国理政》第四卷", "《人世间》", "《三体》",
             "《红岩》", "《乡土中国》", "《活着》"]
    items += [(title, f"BK-{i + 1:02d}", "book", "45.00", True) for i, title in enumerate(books)]
    assets = [asset_create(actor=chair, union=union, name=name, code=code, category=cat, price=Decimal(price) if bought else Decimal("0"),
                           purchased_on=bought, supplier="县百货公司", location="职工活动室", lendable=lend,
                           post_purchase=False) for name, code, cat, price, lend in items]
    lendable = [a for a in assets if a.lendable]
    borrowers = rng.sample(in_post, 5)
    loan_create(actor=officer, asset=lendable[0], worker=borrowers[0], lent_on=today - dt.timedelta(days=45))  # overdue
    loan_create(actor=officer, asset=lendable[-1], worker=borrowers[1], lent_on=today - dt.timedelta(days=5))
    loan_create(actor=officer, asset=lendable[-2], worker=borrowers[2], lent_on=today - dt.timedelta(days=12))
    back = loan_create(actor=officer, asset=lendable[-3], worker=borrowers[3], lent_on=today - dt.timedelta(days=40))
    loan_return(actor=officer, loan=back, returned_on=today - dt.timedelta(days=15))

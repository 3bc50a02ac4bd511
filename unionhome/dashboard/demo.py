"""The demo federation's other unions (issue 12 §7): a few small sibling unions of the demo union below the
county federation, one of them under a town federation, with a roster, books, care visits and an activity, so
the county federation's comparison (login ``zonggonghui``) has something to compare. Entered through the services."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from unionhome.activities.services import activity_create, signup_add
from unionhome.care.services import visits
from unionhome.core import idcard
from unionhome.core.models import Union
from unionhome.funds.demo import small_union_books
from unionhome.members.services import worker_create
from unionhome.org.services import group_create, union_create, unit_create

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平刚桂"
# name, code, staff on the roster, of whom members, women among the staff, care visits, expense (元)
SIBLINGS = [("示范县教育系统工会", "DEMO-EDU", 40, 34, 22, 6, "18600.00"),
            ("示范县卫生健康系统工会", "DEMO-HEALTH", 30, 29, 20, 4, "12400.00"),
            ("城关镇中心小学工会", "DEMO-SCH", 12, 9, 8, 1, "2300.00")]


def _union(ctx, name: str, code: str) -> Union:
    if code == "DEMO-EDU" and getattr(ctx, "neighbour", None) is not None:
        return ctx.neighbour
    parent = ctx.federation
    if code == "DEMO-SCH":  # one level further down: the county sees it through the town federation
        parent = union_create(actor=None, name="城关镇总工会", code="DEMO-TOWN", kind=Union.Kind.FEDERATION,
                              parent=ctx.federation)
    return union_create(actor=None, name=name, code=code, parent=parent)


def build(ctx) -> None:
    today, year = ctx.today, ctx.today.year
    seq = 5000
    for n, (name, code, staff, members, women, care, expense) in enumerate(SIBLINGS):
        union = _union(ctx, name, code)
        unit = unit_create(actor=None, union=union, name=name.removesuffix("工会") or name)
        group = group_create(actor=None, union=union, name="第1工会小组", unit=unit)
        workers = []
        for i in range(staff):
            seq += 1
            gender = "F" if i < women else "M"
            born = dt.date(1970 + (i * 7) % 30, 1 + i % 12, 1 + i % 27)
            joined = i < members
            workers.append(worker_create(
                actor=None, union=union, name=SURNAMES[(seq * 7) % 20] + GIVEN[seq % 20] + GIVEN[(seq // 20) % 20],
                gender=gender, birth_date=born, id_number=idcard.make("350102", born, seq, gender),
                mobile=f"137{seq:08d}", unit=unit, group=group,
                join_on=dt.date(2010 + i % 12, 3, 1) if joined else None,
                card_number=f"{code}-{i + 1:04d}" if joined else ""))
        small_union_books(union=union, year=year, today=today, n=n, expense=expense)
        for i in range(care):
            on = min(today, dt.date(year, 2 + (i * 2) % 10, 12))
            visits.visit_record(actor=None, union=union, worker=workers[i * 2 % len(workers)], kind="hospital",
                                visited_on=on, amount=Decimal("300"), gift="水果、牛奶")
        day = min(today - dt.timedelta(days=1), dt.date(year, 5, 1))
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
        activity = activity_create(actor=None, union=union, kind="sport", title="“五一”职工健步走",
                                   starts_at=start, ends_at=start + dt.timedelta(hours=3), place="滨江公园",
                                   signup_opens_at=start - dt.timedelta(days=14),
                                   signup_closes_at=start - dt.timedelta(days=2))
        for w in workers[: members // 2]:
            signup_add(actor=None, activity=activity, worker=w)

"""The demo union's membership year: arrivals transferred in, a transfer out, new staff not yet members."""
from __future__ import annotations

import datetime as dt

from unionhome.core import idcard
from unionhome.members.services import membership_join, membership_transfer_out, worker_create, worker_update

ARRIVALS = [  # name, gender, born, ethnicity, from union, days ago
    ("欧阳晓雯", "F", dt.date(1994, 4, 12), "汉族", "示范县教育系统工会", 200),
    ("马建国", "M", dt.date(1986, 10, 3), "回族", "示范市财政局机关工会", 120),
]
NEWCOMERS = [("韦丽娟", "F", dt.date(2001, 2, 20), "壮族"), ("石磊", "M", dt.date(1999, 8, 8), "苗族"),
             ("杨帆", "M", dt.date(2000, 12, 1), "汉族")]


def build(ctx) -> None:
    chair, union, today = ctx.chair_user, ctx.union, ctx.today
    template = ctx.workers[5]  # arrivals join the first department's group
    for seq, (name, gender, born, ethnicity, source, days) in enumerate(ARRIVALS, start=401):
        worker = worker_create(actor=chair, union=union, name=name, gender=gender, birth_date=born,
                               id_number=idcard.make("622901", born, seq, gender), ethnicity=ethnicity,
                               mobile=f"137{seq:08d}", unit=template.unit, group=template.group, post="科员",
                               education="bachelor")
        membership_join(actor=chair, worker=worker, joined_on=today - dt.timedelta(days=days),
                        card_number=f"DEMO{seq:05d}", from_union=source)
    for seq, (name, gender, born, ethnicity) in enumerate(NEWCOMERS, start=411):
        worker_create(actor=chair, union=union, name=name, gender=gender, birth_date=born,
                      id_number=idcard.make("622901", born, seq, gender), ethnicity=ethnicity,
                      unit=ctx.workers[30].unit, group=ctx.workers[30].group, post="科员", education="bachelor")
    # One officer left for a post in the city: transferred out with the card endorsement.
    leaving = next(w for w in ctx.workers[40:] if w.employment_status == "employed" and not w.positions.exists()
                   and not w.led_groups.exists() and not hasattr(w, "account"))
    on = today - dt.timedelta(days=60)
    membership_transfer_out(actor=chair, worker=leaving, on=on, to_union="示范市人民政府机关工会",
                            card_endorsement=f"{on:%Y年%m月%d日}转出，会员证已签注并盖工会公章")
    worker_update(actor=chair, worker=leaving, employment_status="transferred")

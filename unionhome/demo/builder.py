"""The demo union of docs/union-year.md, built through the real services.

A county government offices' union (县政府机关工会) under the county federation:
about 260 staff in 11 departments, each with a union group and its leader; more
than 80 women; several ethnic groups; retirees with retained membership; the
union committee, the women workers' committee and the funds review committee
with their current terms; a login for every role.
"""
from __future__ import annotations

import datetime as dt
import importlib
import random
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import transaction

from unionhome.accounts.services import account_create
from unionhome.committees.models import Committee, Position
from unionhome.committees.services import group_leader_set, position_assign, term_approve, term_create
from unionhome.core import idcard
from unionhome.core.models import Union
from unionhome.core.permissions import Role
from unionhome.members.models import Worker
from unionhome.members.services import membership_retire, worker_create
from unionhome.org.services import group_create, union_create, unit_create

UNITS = ["县政府办公室", "发展和改革局", "财政局", "人力资源和社会保障局", "自然资源局", "住房和城乡建设局",
         "农业农村局", "民族宗教事务局", "审计局", "统计局", "信访局"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢")
GIVEN_M = list("伟强磊军洋勇杰涛明超斌鹏辉刚健平波峰建国华文博宇浩志")
GIVEN_F = list("芳娜敏静丽艳娟霞秀英玲燕红梅琳雪婷慧颖倩萍兰丹洁晶")
ETHNIC_MIX = ["汉族"] * 14 + ["回族", "维吾尔族", "哈萨克族", "蒙古族", "藏族", "彝族"]


@dataclass
class DemoContext:
    """What the demo built, handed to each app's ``demo.py`` so it can add its year's records."""

    federation: Union
    union: Union
    admin: object
    chair_user: object
    workers: list = field(default_factory=list)
    users: dict = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)


def _name(rng: random.Random, gender: str, used: set) -> str:
    pool = GIVEN_M if gender == "M" else GIVEN_F
    for _ in range(100):
        name = rng.choice(SURNAMES) + rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.6 else "")
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("ran out of demo names")


@transaction.atomic
def build_demo(*, today: dt.date | None = None, seed: int = 2026) -> DemoContext:
    today = today or dt.date.today()
    rng = random.Random(seed)
    system = None
    city = union_create(actor=system, name="示范市总工会", code="CITY-FED", kind=Union.Kind.FEDERATION, province="福建")
    county = union_create(actor=system, name="示范县总工会", code="COUNTY-FED", kind=Union.Kind.FEDERATION, parent=city)
    union = union_create(actor=system, name="示范县政府机关工会", code="DEMO", parent=county)
    neighbour = union_create(actor=system, name="示范县教育系统工会", code="DEMO-EDU", parent=county)

    units = [unit_create(actor=system, union=union, name=n, sort_order=i) for i, n in enumerate(UNITS)]
    groups = [group_create(actor=system, union=union, name=f"第{i + 1}工会小组（{u.name}）", unit=u, sort_order=i)
              for i, u in enumerate(units)]

    used: set[str] = set()
    workers = []
    seq = 0
    # 11 units × 22 staff in post = 242, plus 18 retirees = 260; 88 women in post.
    for i, (unit, group) in enumerate(zip(units, groups)):
        for j in range(22):
            gender = "F" if (j % 11) < 4 else "M"
            born = dt.date(rng.randint(1968, 2000), rng.randint(1, 12), rng.randint(1, 28))
            seq += 1
            worker = worker_create(
                actor=system, union=union, name=_name(rng, gender, used), gender=gender, birth_date=born,
                id_number=idcard.make("622901", born, seq, gender),
                ethnicity=rng.choice(ETHNIC_MIX), mobile=f"139{seq:08d}", unit=unit, group=group,
                post=rng.choice(["科员", "副主任科员", "主任科员", "四级调研员", "科长", "副局长"]),
                political_status=rng.choice(["cpc", "cpc", "masses", "cyl"]),
                education=rng.choice(["bachelor", "bachelor", "postgraduate", "college"]),
                join_on=dt.date(rng.randint(2000, 2024), rng.randint(1, 12), 1), card_number=f"DEMO{seq:05d}")
            workers.append(worker)
    for k in range(18):
        gender = "F" if k % 3 == 0 else "M"
        born = dt.date(rng.randint(1950, 1964), rng.randint(1, 12), rng.randint(1, 28))
        seq += 1
        unit = units[k % len(units)]
        worker = worker_create(
            actor=system, union=union, name=_name(rng, gender, used), gender=gender, birth_date=born,
            id_number=idcard.make("622901", born, seq, gender),
            ethnicity=rng.choice(ETHNIC_MIX), mobile=f"139{seq:08d}", unit=unit, group=groups[k % len(groups)],
            join_on=dt.date(1990, 1, 1), card_number=f"DEMO{seq:05d}")
        membership_retire(actor=system, worker=worker, on=dt.date(2020 + k % 5, 6, 30), note="退休，保留会籍")
        worker.refresh_from_db()
        workers.append(worker)

    in_post = [w for w in workers if w.employment_status == "employed"]
    for i, group in enumerate(groups):
        group_leader_set(actor=system, group=group, leader=in_post[i * 22])

    # Committees: the current (2nd) term began in 2024 for 5 years, approved by the county federation.
    start = dt.date(2024, 3, 15)
    approval = dict(approved_on=start, approval_document="县总工发〔2024〕12号", approved_by="示范县总工会")
    union_term = term_create(actor=system, union=union, kind=Committee.Kind.UNION, number=2, starts_on=start,
                             years=5, seats=7)
    term_approve(actor=system, term=union_term, **approval)
    women_term = term_create(actor=system, union=union, kind=Committee.Kind.WOMEN, number=2, starts_on=start,
                             years=5, seats=5)
    term_approve(actor=system, term=women_term, **approval)
    audit_term = term_create(actor=system, union=union, kind=Committee.Kind.AUDIT, number=2, starts_on=start,
                             years=5, seats=3)
    term_approve(actor=system, term=audit_term, **approval)

    men = [w for w in in_post if w.gender == "M"]
    women = [w for w in in_post if w.gender == "F"]
    chair = women[1]
    committee = [(chair, Position.Title.CHAIR), (men[1], Position.Title.VICE_CHAIR)] + \
                [(w, Position.Title.MEMBER) for w in (men[3], women[5], men[7], women[9], men[11])]
    for w, title in committee:
        position_assign(actor=system, term=union_term, worker=w, title=title, started_on=start)
    women_members = [(women[5], Position.Title.WOMEN_DIRECTOR)] + [(w, Position.Title.WOMEN_MEMBER) for w in women[12:16]]
    for w, title in women_members:
        position_assign(actor=system, term=women_term, worker=w, title=title, started_on=start)
    for w, title in [(men[13], Position.Title.AUDIT_CHAIR), (women[17], Position.Title.MEMBER),
                     (men[15], Position.Title.MEMBER)]:
        position_assign(actor=system, term=audit_term, worker=w, title=title, started_on=start)

    password = settings.UNIONHOME_DEMO_PASSWORD
    logins = [
        ("admin", [Role.ADMIN], None, None),
        ("zhuxi", [Role.CHAIR, Role.MEMBER], chair, None),
        ("weiyuan", [Role.COMMITTEE, Role.MEMBER], men[3], None),
        ("nvgong", [Role.WOMEN_COMMITTEE, Role.MEMBER], women[5], None),
        ("jingshen", [Role.AUDITOR, Role.MEMBER], men[13], None),
        ("kuaiji", [Role.FINANCE, Role.MEMBER], men[17], None),
        ("bangfu", [Role.HARDSHIP, Role.MEMBER], women[19], None),
        ("zuzhang", [Role.GROUP_LEADER, Role.MEMBER], in_post[0], groups[0]),
        ("huiyuan", [Role.MEMBER], in_post[2], None),
    ]
    users = {}
    for username, roles, worker, group in logins:
        users[username] = account_create(actor=system, username=username, password=password, union=union, roles=roles,
                                         worker=worker, group=group, must_change_password=False)
    users["zonggonghui"] = account_create(actor=system, username="zonggonghui", password=password, union=county,
                                          roles=[Role.FEDERATION], full_name="县总工会组织部",
                                          must_change_password=False)
    ctx = DemoContext(federation=county, union=union, admin=users["admin"], chair_user=users["zhuxi"],
                      workers=workers, users=users, today=today)
    ctx.neighbour = neighbour
    # Each domain app adds its year of records from <app>/demo.py: build(ctx), then, once all have,
    # finish(ctx) where an app must act last (the funds reviewer closing past months).
    modules = []
    for config in apps.get_app_configs():
        if config.name.startswith("unionhome.") and config.name != "unionhome.demo":
            try:
                modules.append(importlib.import_module(f"{config.name}.demo"))
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
    for module in modules:
        if not hasattr(module, "build"):  # an app that only acts last (the year's report)
            continue
        module.build(ctx)
        # Later demos see what earlier ones changed (a transfer out, a retirement) in fresh rows.
        ctx.workers = list(Worker.objects.filter(pk__in=[w.pk for w in ctx.workers])
                           .select_related("membership", "unit", "group").order_by("pk"))
    for module in modules:
        if hasattr(module, "finish"):
            module.finish(ctx)
    return ctx


DEMO_LOGINS = [
    ("zhuxi", "工会主席"), ("weiyuan", "工会委员"), ("nvgong", "女职委主任"), ("jingshen", "经审委员会主任"),
    ("kuaiji", "经费会计"), ("bangfu", "帮扶专干"), ("zuzhang", "第1工会小组负责人"), ("huiyuan", "普通会员"),
    ("zonggonghui", "县总工会（只看汇总）"), ("admin", "系统管理员"),
]

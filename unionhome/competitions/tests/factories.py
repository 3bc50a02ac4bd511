"""Competition set-up through the real services, for the tests."""
from __future__ import annotations

import datetime as dt

from unionhome.competitions import services
from unionhome.competitions.models import Competition, Format, Sport

DAY = dt.date(2026, 5, 1)


def competition(cast, *, format=Format.ROUND_ROBIN, sport=Sport.CHESS, entrants=4, kind="person", **kw):
    c = services.competition_create(actor=cast.users["chair"], union=cast.union, title=f"测试{sport}", sport=sport,
                                    format=format, held_on=DAY, entry_kind=kind, **kw)
    if kind == "person":
        for w in people(cast, entrants):
            services.entry_add(actor=cast.users["chair"], competition=c, worker=w)
    else:
        for g in teams(cast, entrants):
            services.entry_add(actor=cast.users["chair"], competition=c, group=g)
    return c


def people(cast, n: int) -> list:
    from unionhome.members.models import Worker

    found = list(Worker.objects.filter(union=cast.union).order_by("id")[:n])
    assert len(found) == n, f"the cast has only {len(found)} workers"
    return found


def teams(cast, n: int) -> list:
    from unionhome.org.services import group_create

    groups = list(cast.groups)
    while len(groups) < n:
        groups.append(group_create(actor=None, union=cast.union, name=f"第{len(groups) + 1}小组", unit=cast.units[0]))
    return groups[:n]


def start(cast, c: Competition) -> Competition:
    return services.competition_start(actor=cast.users["chair"], competition=c)

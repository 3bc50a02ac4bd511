"""The demo's May-Day competitions are built through the services and end with prizes (on a small union:
the full demo union is built by ``manage.py demo_union``; here the cast plus a few groups keeps the test fast)."""
import datetime as dt
import time

import pytest
from django.urls import reverse

from unionhome.competitions import demo, queries
from unionhome.competitions.models import Competition

pytestmark = pytest.mark.django_db


def small_demo_context(cast):
    from unionhome.core import idcard
    from unionhome.demo.builder import DemoContext
    from unionhome.members.models import Worker
    from unionhome.members.services import worker_create
    from unionhome.org.services import group_create

    for g in range(4):
        group = group_create(actor=None, union=cast.union, name=f"第{g + 3}小组", unit=cast.units[0])
        for i in range(4):
            seq = 200 + g * 10 + i
            born = dt.date(1980 + i, 1 + g, 1 + i)
            worker_create(actor=None, union=cast.union, name=f"职工{seq}", gender="MF"[i % 2], birth_date=born,
                          id_number=idcard.make("110101", born, seq, "MF"[i % 2]), mobile=f"1390000{seq:04d}",
                          unit=cast.units[0], group=group, join_on=dt.date(2015, 1, 1), card_number=f"CT{seq}")
    return DemoContext(federation=cast.federation, union=cast.union, admin=cast.users["admin"],
                       chair_user=cast.users["chair"], workers=list(Worker.objects.filter(union=cast.union)),
                       users={"weiyuan": cast.users["committee"]}, today=dt.date(2026, 11, 20))


def test_demo_runs_the_may_day_competitions_to_prizes_and_every_page_renders(cast, client_for):
    ctx = small_demo_context(cast)
    started = time.perf_counter()
    demo.build(ctx)
    print(f"competitions demo: {time.perf_counter() - started:.2f} s")
    competitions = Competition.objects.filter(union=cast.union)
    assert competitions.count() == 4
    assert all(c.status == Competition.Status.FINISHED and c.prizes.exists() for c in competitions)
    assert all(c.activity_id for c in competitions)
    table = queries.medal_table(cast.union, year=2026)
    assert sum(r.gold for r in table) >= 4
    member = client_for(cast.users["member"])
    for c in competitions:
        for name in ("competitions:detail", "competitions:board", "competitions:results_docx"):
            assert member.get(reverse(name, kwargs={"pk": c.pk})).status_code == 200, (c.format, name)
        assert member.get(reverse("api:competitions_detail", kwargs={"competition_id": c.pk})).status_code == 200
    assert table[0].group.name in member.get(reverse("competitions:medals")).content.decode()
    chair = client_for(cast.users["chair"])
    for c in competitions:
        assert chair.get(reverse("competitions:certificates_docx", kwargs={"pk": c.pk})).status_code == 200
        assert chair.get(reverse("competitions:detail", kwargs={"pk": c.pk})).status_code == 200

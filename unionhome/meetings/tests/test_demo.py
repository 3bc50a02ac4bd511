"""The demo's meetings and rules are built through the services; every page shows them."""
import datetime as dt

import pytest
from django.urls import reverse

from unionhome.committees.services import position_assign, term_approve, term_create
from unionhome.meetings import demo, queries
from unionhome.meetings.models import Meeting, Regulation

pytestmark = pytest.mark.django_db


def test_demo_holds_the_congress_and_the_special_meeting_and_keeps_the_rules(cast, client_for):
    from unionhome.demo.builder import DemoContext
    from unionhome.members.models import Worker

    start = dt.date(2024, 3, 15)
    term = term_create(actor=None, union=cast.union, kind="union", number=2, starts_on=start, years=5, seats=3)
    term = term_approve(actor=None, term=term, approved_on=start, approval_document="县总工发〔2024〕12号",
                        approved_by="测试县总工会")
    for role, title in (("chair", "chair"), ("committee", "vice_chair"), ("group1_worker", "member")):
        position_assign(actor=None, term=term, worker=cast.workers[role], title=title, started_on=start)
    ctx = DemoContext(federation=cast.federation, union=cast.union, admin=cast.users["admin"],
                      chair_user=cast.users["chair"], workers=list(Worker.objects.filter(union=cast.union)),
                      users={}, today=dt.date(2026, 11, 30))
    demo.build(ctx)
    meetings = Meeting.objects.filter(union=cast.union)
    assert {m.kind for m in meetings} == {"congress", "special"}
    assert all(m.status == Meeting.Status.CLOSED for m in meetings)
    assert not {w.code for w in queries.year_warnings(cast.union, today=ctx.today)} & {
        "meeting_special_missing", "meeting_congress_missing"}
    assert queries.decisions_overdue(cast.union, today=ctx.today).exists()  # the report to the Party branch
    room = Regulation.objects.get(union=cast.union, title="工会活动室管理制度")
    assert queries.current_version(room, on=ctx.today).decision is not None
    chair = client_for(cast.users["chair"])
    for m in meetings:
        assert chair.get(reverse("meetings:detail", args=[m.pk])).status_code == 200
        assert chair.get(reverse("meetings:minutes", args=[m.pk])).status_code == 200
    for name in ("meetings:list", "meetings:decisions", "meetings:goals", "meetings:regulations"):
        assert chair.get(reverse(name) + "?year=2026").status_code == 200
    member = client_for(cast.users["member"])
    page = member.get(reverse("meetings:regulation", args=[room.pk])).content.decode()
    assert "禁止吸烟" in page and 'data-op="added"' in page

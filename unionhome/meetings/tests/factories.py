"""Meetings set up through the real services, on the conftest cast."""
from __future__ import annotations

import datetime as dt

from unionhome.committees.services import position_assign, term_approve, term_create
from unionhome.meetings import services
from unionhome.meetings.models import Meeting

START = dt.date(2024, 3, 1)
DAY = dt.date(2026, 3, 20)


def union_term(cast):
    """The union committee's approved term: chair 吴十, committee members 王五 and 冯二 (no login: no role follows)."""
    from unionhome.committees.models import Term

    existing = Term.objects.filter(union=cast.union, committee__kind="union", status="active").first()
    if existing:
        return existing
    term = term_create(actor=None, union=cast.union, kind="union", number=1, starts_on=START, years=5, seats=3)
    term = term_approve(actor=None, term=term, approved_on=START, approval_document="县总工发〔2024〕3号",
                        approved_by="测试县总工会")
    for role, title in (("chair", "chair"), ("committee", "member"), ("group1_worker", "member")):
        position_assign(actor=None, term=term, worker=cast.workers[role], title=title, started_on=START)
    return term


def meeting(cast, *, kind=Meeting.Kind.SPECIAL, held_on=DAY, **kw) -> Meeting:
    if kind in ("committee", "special", "joint"):
        union_term(cast)
    return services.meeting_create(actor=cast.users["chair"], union=cast.union, kind=kind,
                                   title=kw.pop("title", "2026年工会工作专题会议"), held_on=held_on, **kw)


def mark_all(cast, m: Meeting, present: int) -> None:
    """The first ``present`` attendees present, the rest absent."""
    for i, a in enumerate(m.attendees.order_by("id")):
        services.attendance_mark(actor=cast.users["chair"], attendee=a, status="present" if i < present else "absent")


def item(cast, m: Meeting, title="审议年度工作计划", kind="item"):
    return services.agenda_item_add(actor=cast.users["chair"], meeting=m, title=title, kind=kind)


def held(cast, present: int = 3, **kw) -> Meeting:
    m = meeting(cast, **kw)
    mark_all(cast, m, present)
    return m


def adopted(cast, m: Meeting | None = None, *, due_on=dt.date(2026, 6, 30)):
    m = m or held(cast)
    it = item(cast, m)
    return services.decision_record(actor=cast.users["chair"], item=it, text="通过2026年工作计划",
                                    outcome="adopted", votes_for=3, votes_against=0, votes_abstain=0,
                                    owner=cast.workers["committee"], due_on=due_on)

import datetime as dt

import pytest
from django.urls import reverse

from unionhome.committees.models import Position
from unionhome.committees.queries import congress_type_for, seat_range_for, structure_warnings
from unionhome.committees.services import group_leader_set, position_assign, position_end, term_approve, term_create
from unionhome.core import idcard
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.members.services import worker_create
from unionhome.org.services import group_create

pytestmark = pytest.mark.django_db
START = dt.date(2024, 3, 1)
APPROVAL = dict(approved_on=dt.date(2024, 3, 10), approval_document="县总工发〔2024〕3号", approved_by="测试县总工会")


def add_women(cast, n, start_seq=200):
    for i in range(n):
        born = dt.date(1990, 1, 1 + i)
        worker_create(actor=None, union=cast.union, name=f"女职工{i}", gender="F", birth_date=born,
                      id_number=idcard.make("110101", born, start_seq + i, "F"), unit=cast.units[0],
                      group=cast.groups[0], join_on=dt.date(2020, 1, 1))


def codes(cast, today=None):
    return {w.code for w in structure_warnings(cast.union, today=today)}


def union_term(cast, *, seats=3, starts_on=START, years=5, approve=True):
    term = term_create(actor=None, union=cast.union, kind="union", number=1, starts_on=starts_on, years=years,
                       seats=seats)
    return term_approve(actor=None, term=term, **APPROVAL) if approve else term


def test_it_rejects_an_even_seat_count(cast):
    with pytest.raises(RuleViolation) as exc:
        term_create(actor=None, union=cast.union, kind="union", number=1, starts_on=START, years=5, seats=4)
    assert exc.value.code == "seats_even"


def test_it_rejects_seats_outside_the_range_for_the_membership_size(cast):
    # 11 active members: the configured range for 11–25 members is exactly 3 seats.
    assert seat_range_for(union=cast.union, members=11) == (3, 3)
    with pytest.raises(RuleViolation) as exc:
        term_create(actor=None, union=cast.union, kind="union", number=1, starts_on=START, years=5, seats=5)
    assert exc.value.code == "seats_out_of_range"
    assert term_create(actor=None, union=cast.union, kind="union", number=1, starts_on=START, years=5, seats=3)


def test_seat_range_grows_with_the_membership(cast):
    assert seat_range_for(union=cast.union, members=100) == (3, 5)
    assert seat_range_for(union=cast.union, members=260) == (7, 9)
    assert seat_range_for(union=cast.union, members=2_000_000) == (37, 45)


def test_it_rejects_a_term_that_is_neither_3_nor_5_years(cast):
    with pytest.raises(RuleViolation) as exc:
        term_create(actor=None, union=cast.union, kind="union", number=1, starts_on=START, years=4, seats=3)
    assert exc.value.code == "term_years_invalid"
    term = term_create(actor=None, union=cast.union, kind="union", number=1, starts_on=START, years=3, seats=3)
    assert term.ends_on == dt.date(2027, 3, 1)


def test_a_union_of_100_members_or_fewer_elects_through_a_members_congress(cast):
    assert congress_type_for(union=cast.union, members=100) == "members"
    assert congress_type_for(union=cast.union, members=101) == "representatives"


def test_it_requires_a_womens_committee_from_10_women_members(cast):
    # the cast has 5 active women members
    add_women(cast, 4)
    assert "women_committee_required" not in codes(cast)
    add_women(cast, 1, start_seq=300)
    assert "women_committee_required" in codes(cast)
    term_create(actor=None, union=cast.union, kind="women", number=1, starts_on=START, years=5, seats=3)
    assert "women_committee_required" not in codes(cast)


def test_below_10_women_it_asks_for_one_women_member_on_the_union_committee(cast):
    term = union_term(cast)
    assert "women_member_required" in codes(cast)
    position_assign(actor=None, term=term, worker=cast.workers["women_committee"], title=Position.Title.WOMEN_MEMBER,
                    started_on=START)
    assert "women_member_required" not in codes(cast)


def test_it_warns_when_a_term_ends_within_6_months(cast):
    union_term(cast, starts_on=dt.date(2021, 6, 1), years=5)  # ends 2026-06-01
    assert "term_ending" not in codes(cast, today=dt.date(2025, 11, 1))
    assert "term_ending" in codes(cast, today=dt.date(2026, 1, 1))
    assert "term_overdue" in codes(cast, today=dt.date(2026, 6, 2))


def test_it_warns_of_a_vacant_seat_until_every_seat_is_held(cast):
    term = union_term(cast)
    for role, title in (("chair", "chair"), ("committee", "vice_chair")):
        position_assign(actor=None, term=term, worker=cast.workers[role], title=title, started_on=START)
    assert "seat_vacant" in codes(cast)
    third = position_assign(actor=None, term=term, worker=cast.workers["women_committee"], title="women_member",
                            started_on=START)
    assert "seat_vacant" not in codes(cast)
    position_end(actor=None, position=third, on=dt.date(2025, 1, 1), reason="调离")
    assert "seat_vacant" in codes(cast)


def test_it_warns_of_a_group_without_a_leader(cast):
    assert "group_without_leader" in codes(cast)  # the cast's second group has none
    group_leader_set(actor=None, group=cast.groups[1], leader=cast.workers["group2_worker"])
    assert "group_without_leader" not in codes(cast)


def test_the_dashboard_shows_the_structure_warnings_to_the_chair_only(cast, client_for):
    group_create(actor=None, union=cast.union, name="新小组")
    body = client_for(cast.users["chair"]).get(reverse("dashboard:home")).content.decode()
    assert 'data-code="group_without_leader"' in body and "新小组" in body
    assert 'data-code="no_union_committee"' not in body  # 11 members < 25
    body = client_for(cast.users["member"]).get(reverse("dashboard:home")).content.decode()
    assert "group_without_leader" not in body


def test_it_refuses_a_second_chair_and_more_holders_than_seats(cast):
    term = union_term(cast)
    position_assign(actor=None, term=term, worker=cast.workers["chair"], title="chair", started_on=START)
    with pytest.raises(Conflict):
        position_assign(actor=None, term=term, worker=cast.workers["committee"], title="chair", started_on=START)
    for role in ("committee", "women_committee"):
        position_assign(actor=None, term=term, worker=cast.workers[role], title="member", started_on=START)
    with pytest.raises(Conflict) as exc:
        position_assign(actor=None, term=term, worker=cast.workers["auditor"], title="member", started_on=START)
    assert exc.value.code == "seats_full"


def test_the_chair_creates_approves_and_staffs_a_term_through_the_pages(cast, client_for):
    client = client_for(cast.users["chair"])
    before = AuditEntry.objects.count()
    response = client.post(reverse("committees:term_create"),
                           {"kind": "union", "number": 3, "starts_on": "2025-01-01", "years": 5, "seats": 3})
    assert response.status_code == 302
    term_url = response["Location"]
    client.post(term_url + "approve/", {"approved_on": "2025-01-05", "approval_document": "县总工发〔2025〕2号",
                                         "approved_by": "测试县总工会"})
    client.post(term_url + "positions/", {"worker": cast.workers["chair"].pk, "title": "chair",
                                          "started_on": "2025-01-05"})
    page = client.get(term_url).content.decode()
    assert "在任" in page and "吴十" in page and "县总工发〔2025〕2号" in page
    # created (committee + term), approved, assigned: each write left its audit row
    actions = list(AuditEntry.objects.order_by("id")[before:].values_list("action", flat=True))
    assert actions == ["committees.committee.created", "committees.term.created", "committees.term.approved",
                       "committees.position.assigned"]


def test_the_term_form_shows_the_rule_that_refused_it(cast, client_for):
    response = client_for(cast.users["chair"]).post(
        reverse("committees:term_create"), {"kind": "union", "number": 3, "starts_on": "2025-01-01", "years": 4,
                                            "seats": 3})
    assert response.status_code == 200
    assert "任期应为3或5年" in response.content.decode()


def test_the_api_answers_a_broken_rule_with_its_code(cast, client_for):
    response = client_for(cast.users["chair"]).post(
        reverse("api:committees_terms_create"), {"kind": "union", "number": 3, "starts_on": "2025-01-01", "years": 5,
                                                 "seats": 4}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["code"] == "seats_even"


def test_the_dashboard_lists_term_ending_vacant_seat_and_womens_committee_warnings(cast, client_for):
    from django.utils import timezone

    today = timezone.localdate()
    starts = today.replace(year=today.year - 5) + dt.timedelta(days=60)  # ends in about two months
    term = term_create(actor=None, union=cast.union, kind="union", number=1, starts_on=starts, years=5, seats=3)
    term_approve(actor=None, term=term, **APPROVAL)
    add_women(cast, 5)
    body = client_for(cast.users["chair"]).get(reverse("dashboard:home")).content.decode()
    for code in ("term_ending", "seat_vacant", "women_committee_required", "group_without_leader"):
        assert f'data-code="{code}"' in body, code


def test_the_api_refuses_a_negative_term_number_with_422(cast, client_for):
    response = client_for(cast.users["chair"]).post(
        reverse("api:committees_terms_create"), {"kind": "union", "number": -1, "starts_on": "2025-01-01", "years": 5,
                                                 "seats": 3}, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"

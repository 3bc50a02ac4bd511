"""Roles follow office (issue 9 §2): a position in an approved term, or leading a group, gives its role; leaving
the office, or the term running out, ends it. Roles an officer granted are never touched."""
import datetime as dt
import io

import pytest
from django.core.management import call_command

from unionhome.accounts.models import RoleAssignment, RoleGrantRequest
from unionhome.accounts.services_activation import accounts_issue
from unionhome.accounts.services_roles import roles_sync
from unionhome.committees.services import (
    group_leader_set,
    position_assign,
    position_end,
    term_approve,
    term_create,
    term_end,
)

pytestmark = pytest.mark.django_db
START = dt.date(2024, 3, 1)
APPROVAL = dict(approved_on=dt.date(2024, 3, 10), approval_document="县总工发〔2024〕3号", approved_by="测试县总工会")


def term(cast, kind="union"):
    pending = term_create(actor=None, union=cast.union, kind=kind, number=1, starts_on=START, years=5, seats=3)
    return term_approve(actor=None, term=pending, **APPROVAL)


def office_roles(user):
    return set(RoleAssignment.objects.filter(user=user, source="office").values_list("role", "group_id"))


def issued_user(cast, key="group1_worker"):
    accounts_issue(actor=None, union=cast.union)
    return cast.workers[key].account.user


def test_a_committee_seat_gives_the_committee_role_and_leaving_it_ends_it(cast):
    user = issued_user(cast)
    position = position_assign(actor=cast.users["chair"], term=term(cast), worker=cast.workers["group1_worker"],
                               title="member", started_on=dt.date(2024, 4, 1))
    assert office_roles(user) == {("committee", None)}
    position_end(actor=cast.users["chair"], position=position, on=dt.date(2025, 1, 1), reason="调整")
    assert office_roles(user) == set()


def test_the_chair_by_office_needs_no_second_officer(cast):
    user = issued_user(cast)
    position_assign(actor=cast.users["admin"], term=term(cast), worker=cast.workers["group1_worker"], title="chair",
                    started_on=dt.date(2024, 4, 1))
    assert office_roles(user) == {("chair", None)}
    assert not RoleGrantRequest.objects.filter(user=user).exists()


def test_women_and_audit_committees_give_their_roles(cast):
    user = issued_user(cast)
    term(cast)
    women = term_approve(actor=None, term=term_create(actor=None, union=cast.union, kind="women", number=1,
                                                     starts_on=START, years=5, seats=3), **APPROVAL)
    audit = term_approve(actor=None, term=term_create(actor=None, union=cast.union, kind="audit", number=1,
                                                     starts_on=START, years=5, seats=3), **APPROVAL)
    position_assign(actor=None, term=women, worker=cast.workers["group1_worker"], title="women_director",
                    started_on=dt.date(2024, 4, 1))
    position_assign(actor=None, term=audit, worker=cast.workers["group1_worker"], title="audit_chair",
                    started_on=dt.date(2024, 4, 1))
    assert office_roles(user) == {("women_committee", None), ("auditor", None)}
    term_end(actor=None, term=women, on=dt.date(2025, 1, 1))
    assert office_roles(user) == {("auditor", None)}


def test_an_account_issued_after_taking_office_gets_the_role(cast):
    position_assign(actor=None, term=term(cast), worker=cast.workers["group1_worker"], title="vice_chair",
                    started_on=dt.date(2024, 4, 1))
    assert office_roles(issued_user(cast)) == {("committee", None)}


def test_the_group_leader_role_follows_the_groups_leader(cast):
    user = issued_user(cast, "group2_worker")
    group = cast.groups[1]
    group_leader_set(actor=cast.users["chair"], group=group, leader=cast.workers["group2_worker"])
    assert office_roles(user) == {("group_leader", group.pk)}
    group_leader_set(actor=cast.users["chair"], group=group, leader=None)
    assert office_roles(user) == set()


def test_a_term_past_its_end_date_takes_its_roles_with_it_on_the_daily_sync(cast):
    user = issued_user(cast)
    position_assign(actor=None, term=term(cast), worker=cast.workers["group1_worker"], title="member",
                    started_on=dt.date(2024, 4, 1))
    assert roles_sync(actor=None, union=cast.union, on=dt.date(2029, 3, 1)) == (0, 0)
    assert roles_sync(actor=None, union=cast.union, on=dt.date(2029, 3, 2)) == (0, 1)
    assert office_roles(user) == set()


def test_the_sync_is_idempotent_and_leaves_granted_roles_alone(cast):
    user = issued_user(cast)
    position_assign(actor=None, term=term(cast), worker=cast.workers["group1_worker"], title="member",
                    started_on=dt.date(2024, 4, 1))
    RoleAssignment.objects.filter(user=user, source="office").delete()  # as if the hook had been missed
    out = io.StringIO()
    call_command("roles_sync", stdout=out)
    assert "授予 1" in out.getvalue() and office_roles(user) == {("committee", None)}
    out = io.StringIO()
    call_command("roles_sync", stdout=out)
    assert "授予" not in out.getvalue()
    granted = set(RoleAssignment.objects.exclude(source="office").values_list("user", "role", "group"))
    roles_sync(actor=None, union=cast.union)
    assert granted == set(RoleAssignment.objects.exclude(source="office").values_list("user", "role", "group"))

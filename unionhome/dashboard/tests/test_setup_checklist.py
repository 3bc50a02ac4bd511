"""The checklist of a new union on its chair's dashboard: each line links to its page; it goes once all are done."""
import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from unionhome.accounts.services import account_create
from unionhome.accounts.services_setup import union_set_up
from unionhome.committees.models import Committee, Position
from unionhome.committees.services import group_leader_set, position_assign, term_approve, term_create
from unionhome.core import idcard
from unionhome.core.creditcode import credit_code_make
from unionhome.dashboard.checklist import setup_checklist
from unionhome.funds.services_dues import dues_rate_set
from unionhome.members.services import worker_create
from unionhome.org.services import group_create, unit_create

pytestmark = pytest.mark.django_db
STEPS = ["units", "groups", "roster", "committees", "dues", "welfare_policy", "accounts"]


def new_union(province="福建"):
    return union_set_up(actor=None, name="新工会", credit_code=credit_code_make("81350102MA0000001"),
                        province=province, founded_on=dt.date(2024, 1, 1), chair_username="new_chair",
                        chair_password="Chair-pass-2026")


def dashboard(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client.get(reverse("dashboard:home")).content.decode()


def step_of(body, code):
    return body.split(f'data-step="{code}"')[1].split("</li>")[0]


def test_a_new_union_s_chair_sees_every_step_with_a_link_to_the_page_that_does_it():
    done = new_union()
    body = dashboard(done.chair)
    assert 'id="setup-checklist"' in body
    for code, url in [("units", reverse("org:unit_create")), ("groups", reverse("org:home")),
                      ("roster", reverse("members:import")), ("committees", reverse("committees:home")),
                      ("dues", reverse("funds:dues")), ("accounts", reverse("accounts:manage"))]:
        line = step_of(body, code)
        assert 'data-done="0"' in line and f'href="{url}"' in line, code
        client = Client()
        client.force_login(done.chair, backend="django.contrib.auth.backends.ModelBackend")
        assert client.get(url).status_code == 200, url  # the chair may do it there
    # Fujian has a welfare policy in force: that line is already done.
    assert 'data-done="1"' in step_of(body, "welfare_policy")


def test_the_welfare_line_stays_open_where_the_province_has_no_policy():
    done = new_union(province="新疆")
    assert {s.code: s.done for s in setup_checklist(done.union)}["welfare_policy"] is False


def test_each_step_is_ticked_by_doing_it_and_the_checklist_disappears_when_all_are_done():
    done = new_union()
    union = done.union

    def open_steps():
        return [s.code for s in setup_checklist(union) if not s.done]

    assert open_steps() == ["units", "groups", "roster", "committees", "dues", "accounts"]
    unit = unit_create(actor=None, union=union, name="办公室")
    assert "units" not in open_steps()
    group = group_create(actor=None, union=union, name="第一小组", unit=unit)
    assert "groups" in open_steps()  # a group without its leader is not done
    born = dt.date(1980, 5, 1)
    worker = worker_create(actor=None, union=union, name="林一", gender="M", birth_date=born,
                           id_number=idcard.make("350102", born, 1, "M"), mobile="13800001111", unit=unit,
                           group=group, join_on=dt.date(2020, 1, 1), card_number="N0001")
    assert "roster" not in open_steps()
    group_leader_set(actor=None, group=group, leader=worker)
    assert "groups" not in open_steps()
    term = term_create(actor=None, union=union, kind=Committee.Kind.UNION, number=1, starts_on=dt.date(2024, 3, 1),
                       years=5, seats=1, organiser=True)
    term_approve(actor=None, term=term, approved_on=dt.date(2024, 3, 1), approval_document="市总工发〔2024〕1号",
                 approved_by="市总工会")
    position_assign(actor=None, term=term, worker=worker, title=Position.Title.ORGANISER,
                    started_on=dt.date(2024, 3, 1))
    assert "committees" not in open_steps()
    dues_rate_set(actor=None, worker=worker, wage_items={"职务工资": Decimal("4000")}, from_month=dt.date(2024, 1, 1))
    assert "dues" not in open_steps()
    assert 'id="setup-checklist"' in dashboard(done.chair)
    account_create(actor=None, username="lin1", password="Member-pass-2026", union=union, worker=worker)
    assert open_steps() == []
    assert 'id="setup-checklist"' not in dashboard(done.chair)


def test_only_whoever_sets_the_union_up_sees_the_checklist(cast):
    assert 'id="setup-checklist"' in dashboard(cast.users["chair"])  # the cast has no dues base yet
    for role in ("member", "committee", "finance", "federation"):
        assert 'id="setup-checklist"' not in dashboard(cast.users[role]), role


def test_the_admin_sees_the_dues_line_without_a_link_to_a_page_they_may_not_open(cast):
    """The admin sets the union up too but does not set the dues base (funds:dues answers them 403)."""
    from conftest import two_factor_session

    client = Client()
    client.force_login(cast.users["admin"], backend="django.contrib.auth.backends.ModelBackend")
    two_factor_session(client, cast.users["admin"])
    body = client.get(reverse("dashboard:home")).content.decode()
    assert 'data-done="0"' in step_of(body, "dues") and "href=" not in step_of(body, "dues")
    assert client.get(reverse("funds:dues")).status_code == 403

"""Units and groups list in their own order — sort order, then 第2 before 第10, then pinyin — everywhere."""
import datetime as dt
import importlib
import re

import pytest
from django.apps import apps as global_apps
from django.urls import reverse

from unionhome.core import idcard
from unionhome.members.models import Worker
from unionhome.members.queries import membership_rate_by
from unionhome.members.services import worker_create
from unionhome.org.models import UnionGroup, Unit
from unionhome.org.services import group_create, group_update, unit_create

pytestmark = pytest.mark.django_db
WANT_GROUPS = ["第1小组", "第2小组", "第3小组", "第10小组", "第十一小组"]


@pytest.fixture
def numbered(cast):
    """Groups added out of order (the cast has 第1小组 and 第2小组), one worker in each."""
    for name in ("第10小组", "第3小组", "第十一小组"):
        group_create(actor=None, union=cast.union, name=name)
    unit_create(actor=None, union=cast.union, name="车间10")
    unit_create(actor=None, union=cast.union, name="车间9")
    born = dt.date(1990, 1, 1)
    for seq, group in enumerate(UnionGroup.objects.filter(union=cast.union), start=800):
        worker_create(actor=None, union=cast.union, name=f"组员{seq}", gender="M", birth_date=born,
                      id_number=idcard.make("110101", born, seq, "M"), group=group, unit=group.unit)


def in_page_order(html: str, names: list[str]) -> list[str]:
    return sorted(names, key=lambda n: html.index(n))


def test_the_models_list_in_natural_then_pinyin_order(cast, numbered):
    assert [g.name for g in UnionGroup.objects.filter(union=cast.union)] == WANT_GROUPS
    assert [u.name for u in Unit.objects.filter(union=cast.union)] == ["办公室", "财政局", "车间9", "车间10"]


def test_the_sort_order_comes_first_and_a_rename_moves_the_group(cast, numbered):
    group = UnionGroup.objects.get(union=cast.union, name="第10小组")
    group_update(actor=None, group=group, name="第0小组")
    assert [g.name for g in UnionGroup.objects.filter(union=cast.union)][0] == "第0小组"
    group_update(actor=None, group=group, name="第0小组", sort_order=5)
    assert [g.name for g in UnionGroup.objects.filter(union=cast.union)][-1] == "第0小组"


def test_the_org_page_roster_filter_rates_and_dashboard_use_that_order(cast, numbered, client_for):
    client = client_for(cast.users["chair"])
    org = client.get(reverse("org:home")).content.decode()
    assert in_page_order(org, WANT_GROUPS) == WANT_GROUPS
    roster = client.get(reverse("members:list")).content.decode()
    options = re.search(r'<select name="group".*?</select>', roster, re.S).group()
    assert in_page_order(options, WANT_GROUPS) == WANT_GROUPS
    rates = [r["group__name"] for r in membership_rate_by(Worker.objects.filter(union=cast.union), "group__name")]
    assert rates[:5] == WANT_GROUPS
    dashboard = client.get(reverse("dashboard:home")).content.decode()
    by_group = dashboard[dashboard.index("按工会小组"):]
    assert in_page_order(by_group, WANT_GROUPS) == WANT_GROUPS


def test_the_migration_backfills_the_sort_key(cast, numbered):
    UnionGroup.objects.update(name_sort="")
    migration = importlib.import_module("unionhome.org.migrations.0002_units_and_groups_in_natural_order")
    migration.backfill(global_apps, None)
    assert [g.name for g in UnionGroup.objects.filter(union=cast.union)] == WANT_GROUPS

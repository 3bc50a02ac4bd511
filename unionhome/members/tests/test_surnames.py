"""Polyphonic surnames are read as surnames, so search and sorting find the person."""
import datetime as dt
import importlib

import pytest
from django.apps import apps as global_apps

from unionhome.core import idcard, pinyin
from unionhome.members.models import Worker
from unionhome.members.queries import WorkerFilters, worker_search
from unionhome.members.services import worker_create

pytestmark = pytest.mark.django_db
BORN = dt.date(1990, 1, 1)


@pytest.mark.parametrize("name, full, initials", [
    ("单雄信", "shanxiongxin", "sxx"), ("曾国藩", "zengguofan", "zgf"), ("解缙", "xiejin", "xj"),
    ("仇英", "qiuying", "qy"), ("区家麟", "oujialin", "ojl"), ("朴槿惠", "piaojinhui", "pjh"),
    ("尉迟恭", "yuchigong", "ycg"), ("单于雄", "chanyuxiong", "cyx"),
    ("张单", "zhangdan", "zd"),  # only the surname takes the surname reading
])
def test_a_surname_is_read_as_a_surname(name, full, initials):
    assert (pinyin.full(name), pinyin.initials(name)) == (full, initials)


def make(cast, name, seq):
    return worker_create(actor=None, union=cast.union, name=name, gender="M", birth_date=BORN,
                         id_number=idcard.make("110101", BORN, seq, "M"))


def test_search_and_sort_find_polyphonic_surnames(cast):
    for seq, name in enumerate(["单雄信", "曾国藩", "解缙", "仇英", "区家麟", "朴槿惠", "邓一"], start=700):
        make(cast, name, seq)
    qs = Worker.objects.filter(union=cast.union, name__in=["单雄信", "曾国藩", "解缙", "仇英", "区家麟", "朴槿惠", "邓一"])
    for q, name in [("shan", "单雄信"), ("zeng", "曾国藩"), ("xiej", "解缙"), ("qiuy", "仇英"), ("ouj", "区家麟"),
                    ("piao", "朴槿惠"), ("sxx", "单雄信"), ("zgf", "曾国藩")]:
        assert [w.name for w in worker_search(qs, WorkerFilters(q=q))] == [name], q
    assert [w.name for w in qs.order_by("name_pinyin")] == ["邓一", "区家麟", "朴槿惠", "仇英", "单雄信", "解缙", "曾国藩"]


def test_the_migration_recomputes_stored_keys(cast):
    worker = make(cast, "单雄信", 720)
    Worker.objects.filter(pk=worker.pk).update(name_pinyin="danxiongxin", name_initials="dxx")  # as stored before
    other = make(cast, "张三", 721)
    migration = importlib.import_module("unionhome.members.migrations.0005_surname_pinyin")
    migration.forwards(global_apps, None)
    worker.refresh_from_db()
    other.refresh_from_db()
    assert (worker.name_pinyin, worker.name_initials) == ("shanxiongxin", "sxx")
    assert (other.name_pinyin, other.name_initials) == ("zhangsan", "zs")

"""Control, zero-width and direction-override characters are refused at every input, with a message."""
import datetime as dt

import pytest
from django.urls import reverse

from unionhome.core import idcard
from unionhome.core.errors import RuleViolation
from unionhome.core.text import unsafe_message
from unionhome.members import importing
from unionhome.members.models import Worker
from unionhome.members.services import worker_create
from unionhome.members.tests.io_files import person, write_roster
from unionhome.org.models import Unit

pytestmark = pytest.mark.django_db
BORN = dt.date(1990, 1, 1)
BAD = ["张\u202e三", "张\u200b三", "张\u2066三\u2069", "\ufeff张三", "张\x07三", "张\x1b三", "张\u200f三", "张\x85三"]


@pytest.mark.parametrize("name", BAD)
def test_each_invisible_or_control_character_is_named_in_the_message(name):
    message = unsafe_message(name, "姓名")
    assert message and message.startswith("姓名含有不可见的") and "U+" in message


@pytest.mark.parametrize("text", ["张三", "欧阳娜娜", "李 Anna", "第一行\n第二行", "Tab\there", "Ñoño", "阿依古丽·买买提"])
def test_ordinary_text_passes(text):
    assert unsafe_message(text) is None


def test_the_service_refuses_a_name_with_a_direction_override(cast):
    with pytest.raises(RuleViolation) as exc:
        worker_create(actor=None, union=cast.union, name="张\u202e三", gender="M", birth_date=BORN,
                      id_number=idcard.make("110101", BORN, 601, "M"))
    assert exc.value.code == "text_invisible_characters" and exc.value.field == "name"
    assert "从右向左覆盖" in exc.value.message


def test_the_add_form_refuses_a_name_with_a_zero_width_space(cast, client_for):
    response = client_for(cast.users["chair"]).post(reverse("members:create"), {
        "name": "张\u200b三", "gender": "M", "ethnicity": "汉族", "birth_date": BORN.isoformat(),
        "id_number": idcard.make("110101", BORN, 602, "M"), "employment_status": "employed",
        "political_status": "masses"})
    assert response.status_code == 200
    assert "含有不可见的零宽空格（U+200B）" in response.content.decode()
    assert not Worker.objects.filter(id_tail=idcard.make("110101", BORN, 602, "M")[-4:]).exists()


def test_the_unit_form_refuses_a_control_character(cast, client_for):
    response = client_for(cast.users["chair"]).post(reverse("org:unit_create"), {"name": "车间\x07", "sort_order": 0})
    assert response.status_code == 200 and "控制字符（U+0007）" in response.content.decode()
    assert not Unit.objects.filter(name__startswith="车间").exists()


def test_the_api_refuses_them_with_422(cast, client_for):
    client = client_for(cast.users["chair"])
    response = client.post(reverse("api:members_workers"), {
        "name": "张\u2067三", "gender": "M", "birth_date": BORN.isoformat(),
        "id_number": idcard.make("110101", BORN, 603, "M")}, content_type="application/json")
    assert response.status_code == 422 and "方向隔离（U+2067）" in str(response.json())
    response = client.post(reverse("api:org_units"), {"name": "车间\ufeff"}, content_type="application/json")
    assert response.status_code == 422
    assert not Worker.objects.filter(name__startswith="张").exclude(name="张三").exists()


def test_the_import_refuses_each_cell_with_its_row_and_column(cast, tmp_path):
    path = write_roster(tmp_path / "r.xlsx", [person(1, 姓名="张\u202e三"), person(3)])
    report = importing.roster_import(actor=None, union=cast.union, path=path, dry_run=True)
    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (2, "姓名", "姓名含有不可见的从右向左覆盖（U+202E），请删除后重新填写")]
    path = write_roster(tmp_path / "r2.xlsx", [person(2, **{"职务/岗位": "科员\u200d"})])
    report = importing.roster_import(actor=None, union=cast.union, path=path, dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(2, "职务/岗位")]


@pytest.mark.parametrize("route, role, body", [
    ("api:care_visit_create", "committee", {"worker_id": 0, "kind": "illness", "visited_on": "2026-05-06",
                                            "amount": "100", "note": "住院\u202e"}),
    ("api:funds_entries", "finance", {"on": "2026-05-06", "kind": "expense", "category": "activities",
                                      "amount": "10", "counterparty": "文具店\u200b"}),
])
def test_every_apps_api_refuses_them_before_its_service_runs(cast, client_for, route, role, body):
    response = client_for(cast.users[role]).post(reverse(route), body, content_type="application/json")
    assert response.status_code == 422 and "U+" in str(response.json())

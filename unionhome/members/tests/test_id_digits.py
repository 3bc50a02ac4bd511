"""ID numbers typed in full-width or other digit scripts are the same number: checked, hashed and searched
in ASCII at every entry (import, form, API), so nobody is on the roster twice."""
import datetime as dt
import importlib

import pytest
from django.apps import apps as global_apps
from django.urls import reverse

from unionhome.core import idcard
from unionhome.core.crypto import blind_index
from unionhome.members import importing
from unionhome.members.models import Worker
from unionhome.members.queries import WorkerFilters, worker_search
from unionhome.members.services import worker_create
from unionhome.members.tests.io_files import person, write_roster

pytestmark = pytest.mark.django_db
BORN = dt.date(1990, 1, 1)
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def number(seq=501):
    return idcard.make("110101", BORN, seq, "M")


def x_number():
    """A number whose check character is X (there is one in every eleven)."""
    return next(n for seq in range(1, 200) if (n := idcard.make("110101", BORN, seq, "M")).endswith("X"))


@pytest.mark.parametrize("typed", [
    lambda n: n.translate(FULL_WIDTH),
    lambda n: n.translate(ARABIC_INDIC),
    lambda n: n.lower(),
    lambda n: " ".join([n[:6], n[6:14], n[14:]]).translate(FULL_WIDTH).replace(" ", "\u3000"),
    lambda n: n[:-1] + "ｘ",
])
def test_every_way_of_typing_a_number_normalises_to_ascii(typed):
    n = x_number()
    assert idcard.normalise(typed(n)) == n
    assert idcard.validate(typed(n)) is None


def test_a_check_digit_message_only_when_the_check_digit_is_wrong():
    n = x_number()
    assert idcard.validate(n.translate(FULL_WIDTH)) is None
    assert idcard.validate(n[:-1] + "0") == "身份证号校验位不正确"
    assert idcard.validate(n[:-1] + "A") == "身份证号只能由数字组成，最后一位可以是X"
    assert idcard.validate(n[:17]) == "身份证号应为18位（前17位数字，最后一位数字或X）"


def test_the_import_sees_a_full_width_number_as_the_person_already_on_the_roster(cast, tmp_path):
    n = number()
    worker_create(actor=None, union=cast.union, name="甲", gender="M", birth_date=BORN, id_number=n)
    path = write_roster(tmp_path / "r.xlsx", [person(1, 身份证号=n.translate(FULL_WIDTH), 出生日期=BORN)])
    report = importing.roster_import(actor=None, union=cast.union, path=path, dry_run=True)
    assert [(e.column, e.message) for e in report.errors] == [("身份证号", "该身份证号的职工已在花名册中")]


def test_the_import_sees_the_same_number_in_two_scripts_as_a_repeat_in_the_file(cast, tmp_path):
    n = number()
    path = write_roster(tmp_path / "r.xlsx", [person(1, 身份证号=n, 出生日期=BORN),
                                              person(2, 身份证号=n.translate(ARABIC_INDIC), 出生日期=BORN)])
    report = importing.roster_import(actor=None, union=cast.union, path=path, dry_run=True)
    assert {e.message for e in report.errors} == {"身份证号与第3行重复", "身份证号与第2行重复"}


def test_the_add_form_refuses_a_full_width_copy_of_a_number_on_the_roster(cast, client_for):
    n = number()
    worker_create(actor=None, union=cast.union, name="甲", gender="M", birth_date=BORN, id_number=n)
    response = client_for(cast.users["chair"]).post(reverse("members:create"), {
        "name": "乙", "gender": "M", "ethnicity": "汉族", "birth_date": BORN.isoformat(),
        "id_number": n.translate(FULL_WIDTH), "employment_status": "employed", "political_status": "masses"})
    assert response.status_code == 200
    assert "该身份证号的职工已在花名册中" in response.content.decode()
    assert not Worker.objects.filter(name="乙").exists()


def test_the_add_form_stores_a_full_width_number_in_ascii(cast, client_for):
    n = x_number()
    response = client_for(cast.users["chair"]).post(reverse("members:create"), {
        "name": "乙", "gender": "M", "ethnicity": "汉族", "birth_date": BORN.isoformat(),
        "id_number": n.translate(FULL_WIDTH), "employment_status": "employed", "political_status": "masses"})
    assert response.status_code == 302
    worker = Worker.objects.get(name="乙")
    assert (worker.id_number, worker.id_tail, worker.id_number_hash) == (n, n[-4:], blind_index(n))


def test_the_api_refuses_a_full_width_copy_of_a_number_on_the_roster(cast, client_for):
    n = number()
    worker_create(actor=None, union=cast.union, name="甲", gender="M", birth_date=BORN, id_number=n)
    response = client_for(cast.users["chair"]).post(reverse("api:members_workers"), {
        "name": "乙", "gender": "M", "birth_date": BORN.isoformat(), "id_number": n.translate(ARABIC_INDIC)},
        content_type="application/json")
    assert response.status_code == 409 and response.json()["code"] == "id_number_duplicate"


def test_the_id_tail_search_finds_a_number_typed_in_full_width(cast):
    n = x_number()
    worker_create(actor=None, union=cast.union, name="甲", gender="M", birth_date=BORN, id_number=n)
    qs = Worker.objects.filter(union=cast.union)
    for q in (n[-4:].translate(FULL_WIDTH), n[-4:].lower(), n.translate(FULL_WIDTH)):
        assert [w.name for w in worker_search(qs, WorkerFilters(q=q))] == ["甲"], q


def test_the_migration_rewrites_stored_full_width_numbers_in_ascii(cast):
    n = x_number()
    worker = worker_create(actor=None, union=cast.union, name="甲", gender="M", birth_date=BORN, id_number=n)
    wide = n.translate(FULL_WIDTH)  # as the old code stored it
    Worker.objects.filter(pk=worker.pk).update(id_number=wide, id_number_hash=blind_index(wide), id_tail=wide[-4:])
    migration = importlib.import_module("unionhome.members.migrations.0004_id_numbers_in_ascii_digits")
    migration.forwards(global_apps, None)
    worker.refresh_from_db()
    assert (worker.id_number, worker.id_tail, worker.id_number_hash) == (n, n[-4:], blind_index(n))

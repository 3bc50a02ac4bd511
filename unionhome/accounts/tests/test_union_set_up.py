"""Setting up a union from an empty install: the command, the first-run page, a federation officer's page and API."""
import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from unionhome.accounts.models import RoleAssignment
from unionhome.accounts.services_setup import union_set_up
from unionhome.core.creditcode import credit_code_make
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry, Union

pytestmark = pytest.mark.django_db
User = get_user_model()
CODE = credit_code_make("81350102MA0000001")
PASSWORD = "Chair-pass-2026"


def run(*args):
    out = io.StringIO()
    call_command("union_create", *args, stdout=out)
    return out.getvalue()


def flags(**extra):
    base = {"--name": "宁德市某某公司工会", "--credit-code": CODE, "--province": "福建", "--founded": "2019-03-08",
            "--chair": "chair1", "--chair-name": "林主席"}
    base.update(extra)
    return [part for key, value in base.items() for part in (key, value)]


def test_the_command_sets_up_a_federation_a_union_and_its_chair_from_an_empty_database():
    out = run(*flags(**{"--password": PASSWORD, "--federation-name": "宁德市总工会", "--federation-code": "ND-FED"}))
    union = Union.objects.get(kind=Union.Kind.GRASSROOTS)
    assert (union.name, union.credit_code, union.province, union.founded_on) == (
        "宁德市某某公司工会", CODE, "福建", dt.date(2019, 3, 8))
    assert union.parent.code == "ND-FED" and union.parent.kind == Union.Kind.FEDERATION
    assert union.path == f"/{union.parent.pk}/{union.pk}/"
    chair = User.objects.get(username="chair1")
    assert chair.check_password(PASSWORD) and not chair.profile.must_change_password
    assert list(RoleAssignment.objects.filter(user=chair).values_list("union__code", "role")) == [(union.code, "chair")]
    assert AuditEntry.objects.filter(action="accounts.union.set_up").count() == 1
    assert "已设立工会" in out and "一次性密码" not in out


def test_without_a_password_the_chair_gets_a_printed_one_time_password_to_change():
    out = run(*flags())
    printed = out.split("一次性密码：")[1].split("（")[0]
    chair = User.objects.get(username="chair1")
    assert chair.check_password(printed) and chair.profile.must_change_password
    assert Union.objects.get().parent is None  # no federation is needed


def test_an_existing_federation_at_any_depth_is_named_by_its_code():
    run(*flags(**{"--name": "省级", "--credit-code": credit_code_make("81350000MA0000009"), "--chair": "c0",
                  "--federation-name": "福建省总工会", "--federation-code": "FJ", "--code": "FJ-U"}))
    run(*flags(**{"--parent": "FJ", "--federation-name": "宁德市总工会", "--federation-code": "ND"}))
    union = Union.objects.get(credit_code=CODE)
    assert [u.code for u in Union.objects.filter(pk__in=[int(p) for p in union.path.strip("/").split("/")])] == [
        "FJ", "ND", CODE]
    with pytest.raises(CommandError, match="没有代码为 NOPE 的总工会"):
        run(*flags(**{"--parent": "NOPE", "--chair": "c9"}))


def test_the_command_refuses_a_wrong_check_character_and_creates_nothing():
    with pytest.raises(CommandError, match="校验位不正确"):
        run(*flags(**{"--credit-code": CODE[:17] + ("1" if CODE[17] != "1" else "2"),
                      "--federation-name": "宁德市总工会", "--federation-code": "ND-FED"}))
    assert not Union.objects.exists() and not User.objects.exists()


def test_the_command_asks_its_questions_when_run_without_flags(monkeypatch):
    answers = iter(["", "n", "问答工会", CODE, "新疆", "2020-01-02", "asker", "阿主席"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "")
    out = run()
    union = Union.objects.get()
    assert (union.name, union.province, union.founded_on) == ("问答工会", "新疆", dt.date(2020, 1, 2))
    assert "一次性密码" in out and User.objects.get(username="asker").profile.must_change_password


def test_the_service_refuses_an_unknown_province_and_a_second_union_with_the_same_credit_code():
    fields = dict(actor=None, name="某工会", credit_code=CODE, founded_on=dt.date(2020, 1, 1), chair_username="a1")
    with pytest.raises(RuleViolation) as exc:
        union_set_up(province="火星", **fields)
    assert exc.value.code == "province_unknown"
    union_set_up(province="福建省", **fields)
    assert Union.objects.get().province == "福建"
    with pytest.raises(Conflict) as exc:
        union_set_up(province="福建", **{**fields, "chair_username": "a2", "name": "又一个"})
    assert exc.value.code == "credit_code_taken"


# --- the first-run page ------------------------------------------------------------------------------

def first_run_form(**extra):
    data = {"name": "宁德市某某公司工会", "credit_code": CODE, "province": "福建", "founded_on": "2019-03-08",
            "chair_name": "林主席", "chair_username": "chair1", "password": PASSWORD, "password2": PASSWORD,
            "federation_name": "", "federation_code": ""}
    data.update(extra)
    return data


def test_an_empty_install_sends_every_visitor_to_the_first_run_page(client):
    for path in ("/", "/accounts/login/", "/members/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == reverse("setup:first_run"), path
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]  # like every other answer
    assert client.get(reverse("setup:first_run")).status_code == 200
    assert client.get("/healthz").status_code != 302


def test_the_first_run_page_sets_up_the_union_once_and_then_is_gone(client):
    response = client.post(reverse("setup:first_run"), first_run_form(federation_name="宁德市总工会",
                                                                        federation_code="ND-FED"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    union = Union.objects.get(kind=Union.Kind.GRASSROOTS)
    assert union.parent.name == "宁德市总工会"
    assert User.objects.get(username="chair1").check_password(PASSWORD)
    assert client.get(reverse("setup:first_run")).status_code == 404
    assert client.post(reverse("setup:first_run"), first_run_form(chair_username="intruder")).status_code == 404
    assert client.get("/accounts/login/").status_code == 200


def test_the_first_run_page_shows_what_is_wrong_and_creates_nothing(client):
    response = client.post(reverse("setup:first_run"), first_run_form(credit_code=CODE[:17] + "Z", password2="x"))
    body = response.content.decode()
    assert response.status_code == 200 and "两次输入的密码不一致" in body
    response = client.post(reverse("setup:first_run"), first_run_form(credit_code=CODE[:16] + "XX"))
    assert "校验位不正确" in response.content.decode()
    assert not Union.objects.exists() and not User.objects.exists()


# --- a federation officer ----------------------------------------------------------------------------

def test_a_federation_officer_sets_up_a_union_below_and_sees_the_chairs_one_time_password(cast, client_for):
    client = client_for(cast.users["federation"])
    response = client.post(reverse("setup:union_new"), {
        "parent": cast.federation.pk, "name": "新设工会", "credit_code": CODE, "province": "福建",
        "founded_on": "2021-07-01", "chair_username": "new_chair", "chair_name": "新主席"})
    assert response.status_code == 200
    union = Union.objects.get(credit_code=CODE)
    assert union.parent == cast.federation
    chair = User.objects.get(username="new_chair")
    printed = response.content.decode().split('id="one-time-password">')[1].split("<")[0]
    assert chair.check_password(printed) and chair.profile.must_change_password
    entry = AuditEntry.objects.get(action="accounts.union.set_up")
    assert entry.actor_id == cast.users["federation"].pk


def test_a_federation_officer_cannot_set_up_a_union_under_a_union_outside_their_federation(cast, client_for):
    other_federation = Union.objects.create(name="别的总工会", code="ELSE", kind=Union.Kind.FEDERATION, path="/x/")
    client = client_for(cast.users["federation"])
    data = {"parent_id": other_federation.pk, "name": "越级工会", "credit_code": CODE, "province": "福建",
            "founded_on": "2021-07-01", "chair_username": "x_chair"}
    response = client.post(reverse("api:setup_unions"), data, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "parent_not_below"
    data["parent_id"] = cast.union.pk  # a grassroots union is no parent either
    assert client.post(reverse("api:setup_unions"), data, content_type="application/json").status_code == 422
    del data["parent_id"]
    response = client.post(reverse("api:setup_unions"), data, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["parent_id"] == cast.federation.pk and body["chair_username"] == "x_chair"
    assert User.objects.get(username="x_chair").check_password(body["one_time_password"])


def test_a_union_cannot_be_founded_tomorrow():
    from django.utils import timezone

    with pytest.raises(RuleViolation) as exc:
        union_set_up(actor=None, name="未来工会", credit_code=CODE, province="福建", chair_username="f1",
                     founded_on=timezone.localdate() + dt.timedelta(days=1))
    assert exc.value.code == "founded_in_future" and not Union.objects.exists()


def test_a_weak_password_or_a_taken_username_is_shown_on_its_field_and_nothing_is_created(client):
    response = client.post(reverse("setup:first_run"), first_run_form(password="password", password2="password"))
    form = response.context["form"]
    assert form.errors.get("password") and not Union.objects.exists() and not User.objects.exists()
    User.objects.create_user("chair1")
    response = client.post(reverse("setup:first_run"), first_run_form())
    assert "已被使用" in response.context["form"].errors["chair_username"][0] and not Union.objects.exists()

"""The rule book: figures in force with their origin, typed settings by scope, back-dating, audit."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhome.accounts.queries import context_for
from unionhome.core import rulebook
from unionhome.core.errors import Forbidden, RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.core.rules import rule_value

pytestmark = pytest.mark.django_db


def ctx(cast, role):
    union = cast.federation if role == "federation" else cast.union
    return context_for(cast.users[role], union.pk)


def set_(cast, role, key, value, *, scope="union", on=None, **extra):
    fields = dict(source="2026年第3次主席办公会", reason="本会经费紧张") | extra
    return rulebook.rule_setting_set(ctx=ctx(cast, role), key=key, scope=scope, value=value,
                                     effective_from=on or timezone.localdate(), **fields)


def test_the_list_shows_every_declared_figure_with_its_origin(cast):
    set_(cast, "chair", "care.blood.max_age", "55")
    set_(cast, "federation", "funds.dormant_months", "12", scope="province")
    rows = {r.key: r for r in rulebook.rule_rows(union=cast.union)}
    assert rows["care.blood.max_age"].value == 55 and rows["care.blood.max_age"].origin == "union"
    assert rows["funds.dormant_months"].origin == "province"
    assert rows["funds.dues_rate"].origin == "national" and rows["funds.dues_rate"].source.startswith("《中国工会章程》")
    assert [r.key for r in rulebook.rule_rows(union=cast.union, origin="union")] == ["care.blood.max_age"]
    assert {r.key for r in rulebook.rule_rows(union=cast.union, q="献血")} >= {"care.blood.max_age"}


@pytest.mark.parametrize("key, raw, expected", [
    ("funds.dues_base_round", "20", 20),
    ("funds.dues_rate", "0.004", "0.004"),
    ("funds.prize_ratio_default", "1/4", "1/4"),
    ("elections.quorum", "[3, 4]", [3, 4]),
    ("funds.dues_wage_items", "岗位工资、等级工资", ["岗位工资", "等级工资"]),
    ("care.hardship.dibao_monthly", '{"*": "800.00", "福州": "950"}', {"*": "800.00", "福州": "950"}),
    ("competitions.match_points", "3,2,1,0", "3,2,1,0"),
])
def test_a_value_of_the_declared_type_is_accepted(cast, key, raw, expected):
    set_(cast, "chair", key, raw)
    assert rule_value(key, union=cast.union) == expected


@pytest.mark.parametrize("key, raw", [
    ("funds.dues_base_round", "十"),
    ("funds.dues_base_round", "-5"),
    ("funds.dues_rate", "abc"),
    ("funds.prize_ratio_default", "0.3"),
    ("funds.prize_ratio_default", "1/0"),
    ("elections.quorum", "[3]"),
    ("care.hardship.dibao_monthly", '{"福州": "950"}'),
    ("care.hardship.dibao_monthly", "{not json"),
    ("funds.welfare_categories", '{"festival": ["activity", "welfare"]}'),
    ("competitions.match_points", "3,2,1"),
])
def test_a_value_of_the_wrong_type_is_refused_in_chinese(cast, key, raw):
    with pytest.raises(RuleViolation) as err:
        set_(cast, "chair", key, raw)
    assert err.value.code == "rule_value_invalid" and err.value.message
    assert not AuditEntry.objects.filter(action="core.rule.set").exists()


def test_a_setting_needs_a_reason_and_a_source(cast):
    with pytest.raises(RuleViolation) as err:
        set_(cast, "chair", "funds.dormant_months", "8", reason=" ")
    assert err.value.code == "reason_required"
    with pytest.raises(RuleViolation) as err:
        set_(cast, "chair", "funds.dormant_months", "8", source="")
    assert err.value.code == "source_required"


def test_scopes_follow_the_roles(cast):
    with pytest.raises(Forbidden):
        set_(cast, "chair", "funds.dormant_months", "8", scope="province")
    with pytest.raises(Forbidden):
        set_(cast, "federation", "funds.dormant_months", "8", scope="union")
    with pytest.raises(Forbidden):  # a federation sets its own province only
        set_(cast, "federation", "funds.dormant_months", "8", scope="province", province="贵州")
    setting = set_(cast, "admin", "funds.dormant_months", "8", scope="province", province="贵州")
    assert setting.province == "贵州"
    province = set_(cast, "federation", "funds.dormant_months", "9", scope="province")
    assert province.province == "福建" and rule_value("funds.dormant_months", union=cast.other_union) == 9


def test_a_value_may_not_start_before_this_year_unless_an_administrator_sets_it(cast):
    last_year = dt.date(timezone.localdate().year - 1, 12, 1)
    with pytest.raises(RuleViolation) as err:
        set_(cast, "chair", "funds.dormant_months", "8", on=last_year)
    assert err.value.code == "effective_too_early"
    assert set_(cast, "admin", "funds.dormant_months", "8", on=last_year).effective_from == last_year


def test_a_setting_is_audited_with_the_value_it_replaces(cast):
    setting = set_(cast, "chair", "funds.dormant_months", "8")
    entry = AuditEntry.objects.get(action="core.rule.set")
    assert entry.target_id == str(setting.pk) and entry.before["value"] == 6 and entry.after["value"] == 8
    assert entry.note == "本会经费紧张" and entry.union_id == cast.union.pk


def test_the_pages_list_show_and_set_a_figure(cast, client_for):
    chair = client_for(cast.users["chair"])
    page = chair.get(reverse("rules:list") + "?q=dormant").content.decode()
    assert "funds.dormant_months" in page and "全国默认" in page
    url = reverse("rules:set", args=["funds.dormant_months"])
    bad = chair.post(url, {"scope": "union", "value": "六", "effective_from": timezone.localdate().isoformat(),
                           "source": "会议", "reason": "调整"})
    assert "应为不小于0的整数" in bad.content.decode()
    ok = chair.post(url, {"scope": "union", "value": "8", "effective_from": timezone.localdate().isoformat(),
                          "source": "会议", "reason": "调整"})
    assert ok.status_code == 302
    detail = chair.get(reverse("rules:detail", args=["funds.dormant_months"])).content.decode()
    assert "本工会设置" in detail and "调整" in detail
    assert chair.get(reverse("rules:detail", args=["no.such.rule"])).status_code == 404


def test_the_api_lists_reads_and_sets(cast, client_for):
    chair = client_for(cast.users["chair"])
    rows = chair.get("/api/v1/rules?origin=national").json()
    assert any(r["key"] == "funds.dues_rate" for r in rows)
    body = {"scope": "union", "value": {"*": "900.00"}, "effective_from": timezone.localdate().isoformat(),
            "source": "民政局通知", "reason": "低保标准调整"}
    created = chair.post("/api/v1/rules/care.hardship.dibao_monthly/settings", body, content_type="application/json")
    assert created.status_code == 201, created.content
    read = chair.get("/api/v1/rules/care.hardship.dibao_monthly").json()
    assert read["value"] == {"*": "900.00"} and read["origin"] == "union" and len(read["history"]) == 1
    wrong = chair.post("/api/v1/rules/care.hardship.dibao_monthly/settings", body | {"value": [1]},
                       content_type="application/json")
    assert wrong.status_code == 422 and wrong.json()["code"] == "rule_value_invalid"

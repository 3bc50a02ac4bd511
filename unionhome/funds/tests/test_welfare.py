import datetime as dt
from decimal import Decimal

import pytest

from unionhome.core.errors import Forbidden, RuleViolation
from unionhome.core.models import AuditEntry, Union
from unionhome.funds import queries
from unionhome.funds.models import LedgerEntry
from unionhome.funds.services import entry_reverse, prize_check, welfare_payout
from unionhome.funds.tests import factories

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 5, 1)


def pay(cast, benefit, amount, *, actor="finance", worker="member", form="goods", on=DAY, **extra):
    return welfare_payout(actor=cast.users[actor], union=cast.union, worker=cast.workers[worker], benefit=benefit,
                          amount=Decimal(amount), form=form, on=on, **extra)


def test_the_fujian_policy_applies_to_a_union_in_fujian(cast):
    payout = pay(cast, "festival", "400", festival="labour_day")
    assert payout.policy.province == "福建" and payout.cap == Decimal("1300")
    entry = payout.entry
    assert (entry.kind, entry.category, entry.subcategory) == ("expense", "activity", "welfare")
    assert entry.amount == Decimal("400.00") and "劳动节" in entry.note


@pytest.mark.parametrize("form", ["cash", "shopping_card"])
def test_it_rejects_cash_and_shopping_cards_even_with_an_override(cast, form):
    with pytest.raises(RuleViolation) as err:
        pay(cast, "festival", "100", festival="spring_festival", form=form, actor="chair", override_reason="惯例")
    assert err.value.code == "form_refused"
    assert not LedgerEntry.objects.exists()


def test_it_rejects_a_festival_not_on_the_list(cast):
    with pytest.raises(RuleViolation) as err:
        pay(cast, "festival", "100", festival="christmas")
    assert err.value.code == "festival_not_allowed"


def test_it_blocks_a_festival_total_over_the_yearly_cap_and_names_what_was_given(cast):
    pay(cast, "festival", "800", festival="spring_festival", on=dt.date(2025, 1, 20))
    pay(cast, "festival", "400", festival="labour_day")
    with pytest.raises(RuleViolation) as err:
        pay(cast, "festival", "200", festival="dragon_boat", on=dt.date(2025, 5, 31))
    assert err.value.code == "cap_exceeded"
    assert "1300" in err.value.message and "已发节日慰问1200" in err.value.message and "规则16" in err.value.message
    assert pay(cast, "festival", "100", festival="dragon_boat", on=dt.date(2025, 5, 31)).amount == Decimal("100")
    # a new year starts from zero
    assert pay(cast, "festival", "1300", festival="new_year", on=dt.date(2026, 1, 1))


def test_only_the_chair_may_override_a_cap_and_the_override_is_recorded(cast):
    pay(cast, "festival", "1300", festival="spring_festival")
    with pytest.raises(Forbidden):
        pay(cast, "festival", "100", festival="mid_autumn", override_reason="特殊", actor="finance")
    payout = pay(cast, "festival", "100", festival="mid_autumn", override_reason="职工代表大会决议", actor="chair")
    assert payout.is_override and payout.overridden_by == cast.users["chair"]
    assert list(queries.override_list(cast.union)) == [payout]
    assert AuditEntry.objects.filter(action="funds.welfare.overridden").exists()


def test_it_allows_one_birthday_per_member_per_year_within_the_cap(cast):
    with pytest.raises(RuleViolation) as err:
        pay(cast, "birthday", "350")
    assert err.value.code == "cap_exceeded"
    pay(cast, "birthday", "300")
    with pytest.raises(RuleViolation) as err:
        pay(cast, "birthday", "50", actor="chair", override_reason="补发")
    assert err.value.code == "birthday_already_given"
    pay(cast, "birthday", "300", on=dt.date(2026, 3, 1))


def test_it_pays_one_gift_per_event(cast):
    pay(cast, "childbirth", "500", event_key="2025-04-30 女儿出生")
    with pytest.raises(RuleViolation) as err:
        pay(cast, "childbirth", "100", event_key="2025-04-30 女儿出生")
    assert err.value.code == "event_already_paid"
    with pytest.raises(RuleViolation) as err:
        pay(cast, "childbirth", "100")
    assert err.value.code == "event_required"
    pay(cast, "retirement", "500", worker="chair")
    with pytest.raises(RuleViolation):
        pay(cast, "retirement", "100", worker="chair")


def test_a_reversed_payout_no_longer_counts_toward_caps_or_the_once_only_rules(cast):
    festival = pay(cast, "festival", "1300", festival="spring_festival")
    birthday = pay(cast, "birthday", "300")
    childbirth = pay(cast, "childbirth", "500", event_key="2025-04-30 女儿出生")
    for payout in (festival, birthday, childbirth):
        entry_reverse(actor=cast.users["finance"], entry=payout.entry, reason="录错了会员", on=DAY)
        payout.refresh_from_db()
        assert payout.reversed
    assert AuditEntry.objects.filter(action="funds.welfare.reversed").count() == 3
    assert queries.payouts_given(cast.workers["member"], 2025) == {}
    # the benefits were not given after all: the correct payouts go through without an override
    again = pay(cast, "festival", "1300", festival="mid_autumn")
    assert again.given_before == Decimal("0")
    pay(cast, "birthday", "300")
    pay(cast, "childbirth", "500", event_key="2025-04-30 女儿出生")
    with pytest.raises(RuleViolation) as err:
        pay(cast, "festival", "1", festival="dragon_boat")
    assert err.value.code == "cap_exceeded" and "已发节日慰问1300" in err.value.message


def test_the_hospital_cap_depends_on_surgery(cast):
    with pytest.raises(RuleViolation) as err:
        pay(cast, "hospital", "800", event_key="入院2025-04-01")
    assert "500" in err.value.message
    assert pay(cast, "hospital", "800", event_key="入院2025-04-01", surgery=True).cap == Decimal("1000")
    with pytest.raises(RuleViolation):
        pay(cast, "hospital", "1001", event_key="入院2025-06-01", surgery=True)


def test_a_relative_death_needs_a_spouse_parent_or_child(cast):
    with pytest.raises(RuleViolation) as err:
        pay(cast, "death_relative", "500", event_key="祖母", relation="grandparent")
    assert err.value.code == "relation_not_allowed"
    assert pay(cast, "death_relative", "1000", event_key="父亲去世", relation="parent").relation == "parent"
    with pytest.raises(RuleViolation):
        pay(cast, "death_relative", "1100", event_key="母亲去世", relation="parent")


def test_a_wedding_with_no_cap_in_the_policy_needs_the_chair(cast):
    with pytest.raises(RuleViolation) as err:
        pay(cast, "wedding", "300", event_key="2025-05-01 结婚")
    assert "未规定" in err.value.message
    assert pay(cast, "wedding", "300", event_key="2025-05-01 结婚", actor="chair", override_reason="参照安徽600元")


def test_the_anhui_policy_has_its_own_caps_and_prize_ratio(cast):
    cast.union.province = "安徽省"
    cast.union.save()
    assert pay(cast, "festival", "1500", festival="spring_festival").policy.province == "安徽"
    assert pay(cast, "wedding", "600", event_key="婚礼").cap == Decimal("600")
    prize_check(union=cast.union, participants=30, winners=10, on=DAY)
    with pytest.raises(RuleViolation) as err:
        prize_check(union=cast.union, participants=30, winners=11, on=DAY)
    assert err.value.code == "prize_ratio_exceeded"


def test_prize_ratio_falls_back_to_the_declared_default(cast):
    prize_check(union=cast.union, participants=9, winners=3, on=DAY)
    with pytest.raises(RuleViolation):
        prize_check(union=cast.union, participants=9, winners=4, on=DAY)


def test_where_no_policy_is_in_force_the_national_rule_applies_and_the_payout_is_flagged(cast):
    Union.objects.filter(pk=cast.union.pk).update(province="新疆")
    cast.union.refresh_from_db()
    payout = pay(cast, "festival", "3000", festival="spring_festival", on=dt.date(2025, 1, 28))
    assert payout.policy is None and payout.needs_confirmation and payout.cap is None
    assert payout.entry.amount == Decimal("3000.00")
    with pytest.raises(RuleViolation) as err:  # the national rule's festivals and forms still hold
        pay(cast, "festival", "100", festival="christmas", on=dt.date(2025, 2, 1))
    assert err.value.code == "festival_not_allowed"
    with pytest.raises(RuleViolation) as err:
        pay(cast, "festival", "100", festival="mid_autumn", form="cash", on=dt.date(2025, 10, 1))
    assert err.value.code == "form_refused"


def test_the_optional_festival_share_of_income_is_enforced(cast):
    factories.policy(festivals=["spring_festival"], caps={"festival": "1300"}, forms=["goods"],
                     festival_fund_ratio="1/2")
    from unionhome.funds.tests.factories import income

    income(cast, "1000.00")
    pay(cast, "festival", "500", festival="spring_festival", on=dt.date(2025, 1, 28))
    with pytest.raises(RuleViolation) as err:
        pay(cast, "festival", "1", festival="spring_festival", on=dt.date(2025, 1, 28), worker="chair")
    assert "规则20" in err.value.message


def test_a_worker_of_another_union_is_refused(cast):
    with pytest.raises(RuleViolation):
        pay(cast, "festival", "100", festival="spring_festival", worker="other_worker")


def test_a_policy_may_require_the_birthday_gift_in_the_birthday_month(cast):
    factories.policy(caps={"birthday": "300"}, birthday_in_month=True)
    born = cast.workers["member"].birth_date  # 1985-03-01
    with pytest.raises(RuleViolation) as err:
        pay(cast, "birthday", "200", on=dt.date(2025, 5, 1))
    assert err.value.code == "birthday_not_in_month"
    assert pay(cast, "birthday", "200", on=dt.date(2025, born.month, 10))


def test_an_undeclared_festival_code_or_a_policy_form_outside_its_list_is_refused(cast):
    factories.policy(festivals=["spring_festival"], caps={"festival": "1300"}, forms=["goods"])
    with pytest.raises(RuleViolation) as err:
        pay(cast, "festival", "100", festival="spring_festival", form="voucher")
    assert err.value.code == "form_refused"

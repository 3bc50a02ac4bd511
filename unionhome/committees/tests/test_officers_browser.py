import datetime as dt

import pytest

from unionhome.committees.services import position_assign, term_approve, term_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_is_removed_on_a_phone_only_with_a_majority_of_all_members(cast, login_as):
    term = term_create(actor=None, union=cast.union, kind="union", number=1, starts_on=dt.date(2024, 3, 1), years=5,
                       seats=3)
    term = term_approve(actor=None, term=term, approved_on=dt.date(2024, 3, 10), approval_document="县总工发〔2024〕3号",
                        approved_by="测试县总工会")
    chair = position_assign(actor=None, term=term, worker=cast.workers["committee"], title="chair",
                            started_on=dt.date(2024, 3, 10))
    page = login_as("t_chair")
    page.goto(f"/committees/terms/{term.pk}/")
    row = page.locator("#positions tr", has_text="王五")
    row.locator("input[name=on]").fill("2025-06-01")
    row.locator("input[name=reason]").fill("罢免")
    row.locator("input[name=votes_for]").fill("1")
    row.locator("button").click()
    page.wait_for_load_state("networkidle")
    assert "未过半数" in page.content()
    chair.refresh_from_db()
    assert chair.ended_on is None
    row = page.locator("#positions tr", has_text="王五")
    row.locator("input[name=on]").fill("2025-06-01")
    row.locator("input[name=reason]").fill("罢免")
    row.locator("input[name=votes_for]").fill("10")
    row.locator("button").click()
    page.wait_for_load_state("networkidle")
    assert "2025-06-01 罢免" in page.locator("#positions").inner_text()
    assert page.foreign == []

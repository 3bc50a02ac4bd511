"""In Chromium on a phone: an officer runs a table-tennis bracket to its champion and a chess round robin to its
standings, entering every result on the live board."""
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _record_all(page, locator: str, fill) -> int:
    """Submit the first open result form until none is left; each submit swaps the board (htmx)."""
    done = 0
    page.htmx_settled()
    while page.locator(locator).count():
        form = page.locator(locator).first
        fill(form)
        with page.expect_response(lambda r: "/result/" in r.url):
            form.locator("button[type=submit]").click()
        page.htmx_settled()  # the old board stays in the page until its replacement is swapped in
        done += 1
        assert done < 20, "the board never ran out of open matches"
    return done


def test_an_officer_runs_a_table_tennis_bracket_to_the_final_and_a_chess_round_robin_to_its_standings(
        cast, login_as):
    from unionhome.competitions import queries
    from unionhome.competitions.models import Competition
    from unionhome.competitions.tests.factories import competition

    page = login_as("t_committee")
    # --- table tennis: created, entered and run from the phone
    page.goto("/competitions/new/")
    page.fill("#id_title", "乒乓球单打")
    page.select_option("#id_sport", "table_tennis")
    page.select_option("#id_format", "knockout")
    page.fill("#id_held_on", "2026-04-30")
    page.select_option("#id_best_of", "5")
    page.click("#create")
    names = ["张三", "李四", "王五", "赵六", "钱七"]
    for name in names:
        page.pick_person("worker", name)
        page.click("#entry-form button[type=submit]")
    expect(page.locator(".list-group-numbered li")).to_have_count(5)
    page.click("#start")
    assert page.locator("#bracket").is_visible()
    played = _record_all(page, "#bracket .result-form", lambda f: f.locator("input[name=sets]").fill("11:5 11:7 11:9"))
    assert played == 4  # 5 entrants: n − 1 matches, the top seeds had byes
    assert "张三" in page.locator("#champion").inner_text()  # seed 1 won every match it played
    assert page.foreign == []

    # --- chess: four players entered beforehand; the officer starts it and records every game
    c = competition(cast, entrants=4)
    page.goto(f"/competitions/{c.pk}/")
    page.click("#start")
    open_forms = ".result-form:has(button:text-is('录入'))"
    played = _record_all(page, open_forms, lambda f: f.locator("select[name=result]").select_option("1-0"))
    assert played == 6
    c.refresh_from_db()
    assert c.status == Competition.Status.FINISHED
    rows = page.locator("#standings tbody tr")
    expect(rows).to_have_count(4)
    leader = queries.competition_view(c).rows[0]
    assert leader.entry.name in rows.first.inner_text()
    points = [float(rows.nth(i).locator("td").nth(6).inner_text()) for i in range(4)]
    assert sum(points) == 6

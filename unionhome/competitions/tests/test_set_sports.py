"""Item 39: table tennis and volleyball are scored by the sport (best of 3/5 sets with set scores, no
draws) in every format they are played in, and ranked by the sport's tie-breaks."""
import pytest
from playwright.sync_api import expect

from unionhome.competitions import queries, services
from unionhome.competitions.formats import sets
from unionhome.competitions.models import Format, Match, Sport
from unionhome.competitions.tests.factories import competition, start
from unionhome.core.errors import RuleViolation

pytestmark = pytest.mark.django_db

WIN_3_2 = ((25, 20), (20, 25), (25, 20), (20, 25), (15, 10))
WIN_3_0 = ((25, 20), (25, 20), (25, 20))


def _lose(s):
    return tuple((b, a) for a, b in s)


def test_a_table_tennis_round_robin_is_scored_by_sets_without_draws(cast):
    c = start(cast, competition(cast, sport=Sport.TABLE_TENNIS, format=Format.ROUND_ROBIN, entrants=3, best_of=3))
    assert (c.best_of, c.set_points) == (3, 11)
    m = Match.objects.filter(competition=c).order_by("round", "index").first()
    with pytest.raises(RuleViolation, match="请填写各局比分"):
        services.result_record(actor=cast.users["chair"], match=m, result="½-½")  # no draw, no chess result
    with pytest.raises(RuleViolation, match="比赛未结束"):
        services.result_record(actor=cast.users["chair"], match=m, sets="11:5 5:11")
    with pytest.raises(RuleViolation, match="领先2分"):
        services.result_record(actor=cast.users["chair"], match=m, sets="11:10 11:5")
    m = services.result_record(actor=cast.users["chair"], match=m, sets="11:5 9:11 12:10")
    assert m.sets == [[11, 5], [9, 11], [12, 10]] and m.winner_id == m.a_id and m.score_a is None
    assert queries.competition_view(c).kind == "team"  # the board shows wins, sets and points


def test_table_tennis_and_volleyball_are_not_paired_like_chess(cast):
    with pytest.raises(RuleViolation, match="按局计分"):
        competition(cast, sport=Sport.TABLE_TENNIS, format=Format.SWISS, entrants=2)


def test_table_tennis_match_points_are_two_for_a_win_and_one_for_a_loss(cast):
    c = competition(cast, sport=Sport.TABLE_TENNIS, format=Format.ROUND_ROBIN, entrants=2)
    assert c.match_points == "2,2,1,1"


def test_standings_go_by_matches_won_before_match_points():
    # C and A won two matches, B and D one; B has more match points than A (two close losses) but won less.
    matches = [sets.TeamMatch("A", "C", WIN_3_2), sets.TeamMatch("A", "D", WIN_3_2), sets.TeamMatch("A", "B", _lose(WIN_3_0)),
               sets.TeamMatch("B", "C", _lose(WIN_3_2)), sets.TeamMatch("B", "D", _lose(WIN_3_2)),
               sets.TeamMatch("C", "D", WIN_3_0)]
    rows = sets.team_standings(list("ABCD"), matches, sets.VOLLEYBALL_5)
    assert [(r.entrant, r.wins, r.match_points) for r in rows] == [("C", 2, 6), ("A", 2, 4), ("B", 1, 5), ("D", 1, 3)]


def test_equal_wins_are_split_by_set_ratio_then_point_ratio_in_a_table_tennis_round_robin(cast):
    c = start(cast, competition(cast, sport=Sport.TABLE_TENNIS, format=Format.ROUND_ROBIN, entrants=3, best_of=3))
    ids = sorted(e.pk for e in c.entries.all())
    results = {  # everyone wins once; sets: x 2:2+... chosen so set ratios differ
        frozenset(ids[:2]): (ids[0], "11:5 11:5"),        # 0 beats 1 2-0
        frozenset(ids[1:]): (ids[1], "11:5 5:11 11:5"),   # 1 beats 2 2-1
        frozenset((ids[0], ids[2])): (ids[2], "11:9 11:9"),  # 2 beats 0 2-0
    }
    for m in Match.objects.filter(competition=c):
        winner, score = results[frozenset((m.a_id, m.b_id))]
        if winner != m.a_id:
            score = " ".join(":".join(reversed(s.split(":"))) for s in score.split())
        services.result_record(actor=cast.users["chair"], match=m, sets=score)
    rows = queries.standings_rows(c)
    # sets: 0 → 2:2, 1 → 2:3, 2 → 3:1 ; all one win
    assert [r.entrant for r in rows] == [ids[2], ids[0], ids[1]]
    assert [r.rank for r in rows] == [1, 2, 3]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_records_a_table_tennis_round_robin_by_sets_on_a_phone(cast, login_as):
    from unionhome.competitions.tests.test_competitions_browser import _record_all

    c = start(cast, competition(cast, sport=Sport.TABLE_TENNIS, format=Format.ROUND_ROBIN, entrants=3, best_of=3))
    page = login_as("t_committee")
    page.goto(f"/competitions/{c.pk}/")
    assert page.locator(".result-form select[name=result]").count() == 0  # no win/draw/loss choice
    open_forms = ".result-form:has(button:text-is('录入'))"
    played = _record_all(page, open_forms, lambda f: f.locator("input[name=sets]").fill("11:7 8:11 11:9"))
    assert played == 3
    rows = page.locator("#standings tbody tr")
    expect(rows).to_have_count(3)
    head = page.locator("#standings thead").inner_text()
    assert "局" in head and "和" not in head  # sets and points, no draws column
    assert page.foreign == []

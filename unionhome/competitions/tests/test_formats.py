"""The pure format engines: examples for each rule and Hypothesis invariants."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionhome.competitions.formats import bracket, round_robin, sets, swiss, timed
from unionhome.competitions.formats.round_robin import DRAW, LOSS, WIN, Game, Points

D = Decimal


# --- timed ---------------------------------------------------------------------------------------
def test_timed_ranks_fastest_first_ties_share_a_rank_and_dnf_last():
    rows = timed.rank_times({"a": D("3600.5"), "b": D(3500), "c": None, "d": D("3600.5"), "e": D(3700)})
    assert [(r.entrant, r.rank) for r in rows] == [("b", 1), ("a", 2), ("d", 2), ("e", 4), ("c", None)]


def test_timed_parses_and_formats_clock_times():
    assert timed.parse_time("1:02:03.5") == D("3723.5")
    assert timed.parse_time("62:03") == D(3723)
    assert timed.format_time(D("3723.5")) == "1:02:03.5"
    for bad in ("", "abc", "1:75", "-3", "0", "1:2:3:4"):
        with pytest.raises(ValueError):
            timed.parse_time(bad)


# --- round robin ---------------------------------------------------------------------------------
@given(st.integers(min_value=2, max_value=16))
def test_round_robin_every_pair_meets_exactly_once(n):
    rounds = round_robin.schedule(list(range(n)))
    assert len(rounds) == (n - 1 if n % 2 == 0 else n)
    pairs = [frozenset(p) for r in rounds for p in r if p[1] is not None]
    assert len(pairs) == len(set(pairs)) == n * (n - 1) // 2
    for r in rounds:
        seen = [x for p in r for x in p if x is not None]
        assert len(seen) == len(set(seen)) == n  # everyone once per round (byes included)
        assert sum(p[1] is None for p in r) == n % 2


def test_round_robin_balances_colours_within_one():
    rounds = round_robin.schedule(list(range(8)))
    whites = {i: sum(p[0] == i for r in rounds for p in r) for i in range(8)}
    assert max(whites.values()) - min(whites.values()) <= 1


@given(st.integers(min_value=2, max_value=9), st.randoms(use_true_random=False),
       st.sampled_from([Points(), Points(D(3), D(1), D(0)), Points(D(2), D(1), D(0))]))
def test_round_robin_standings_sum_of_points_equals_points_awarded(n, rnd, points):
    games = [Game(a, b, rnd.choice([WIN, DRAW, LOSS])) for r in round_robin.schedule(list(range(n)))
             for a, b in r if b is not None]
    rows = round_robin.standings(list(range(n)), games, points)
    assert sum(r.points for r in rows) == round_robin.points_awarded(games, points)
    assert sorted(r.rank for r in rows)[0] == 1
    assert [r.rank for r in rows] == sorted(r.rank for r in rows)


def test_round_robin_breaks_ties_by_head_to_head_before_sonneborn_berger():
    # d and f both on 2 points; d beat f, though f's Sonneborn–Berger is higher
    results = {"ab": DRAW, "ac": DRAW, "ad": WIN, "ae": DRAW, "af": LOSS, "bc": DRAW, "bd": DRAW, "be": DRAW,
               "bf": DRAW, "cd": DRAW, "ce": LOSS, "cf": WIN, "de": LOSS, "df": WIN, "ef": DRAW}
    games = [Game(k[0], k[1], v) for k, v in results.items()]
    rows = {r.entrant: r for r in round_robin.standings(list("abcdef"), games)}
    assert rows["d"].points == rows["f"].points == 2
    assert rows["f"].sonneborn_berger > rows["d"].sonneborn_berger
    assert rows["d"].rank < rows["f"].rank


def test_round_robin_uses_sonneborn_berger_after_head_to_head():
    # a-b draw; both beat c; a beats d, b draws d, b beats e, a draws e → a, b level, h2h level
    games = [Game("a", "b", DRAW), Game("a", "c", WIN), Game("b", "c", WIN), Game("a", "d", WIN),
             Game("b", "d", DRAW), Game("b", "e", WIN), Game("a", "e", DRAW), Game("d", "e", WIN),
             Game("c", "d", LOSS), Game("c", "e", LOSS)]
    rows = round_robin.standings(list("abcde"), games)
    a, b = next(r for r in rows if r.entrant == "a"), next(r for r in rows if r.entrant == "b")
    assert a.points == b.points and a.head_to_head == b.head_to_head
    assert a.sonneborn_berger != b.sonneborn_berger
    first = a if a.sonneborn_berger > b.sonneborn_berger else b
    assert rows[0] is first and rows[0].rank == 1 and rows[1].rank == 2


def test_round_robin_flags_a_tie_for_lots_and_orders_by_the_recorded_lots():
    games = [Game("a", "b", DRAW)]
    rows = round_robin.standings(["a", "b"], games)
    assert [r.rank for r in rows] == [1, 1] and all(r.needs_lots for r in rows)
    rows = round_robin.standings(["a", "b"], games, lots={"b": 1, "a": 2})
    assert [(r.entrant, r.rank, r.needs_lots) for r in rows] == [("b", 1, False), ("a", 2, False)]


def test_it_rejects_a_chess_result_other_than_win_draw_or_loss():
    assert round_robin.parse_chess_result("1-0") == WIN
    assert round_robin.parse_chess_result("½-½") == DRAW
    assert round_robin.parse_chess_result("1/2-1/2") == DRAW
    assert round_robin.parse_chess_result("0-1") == LOSS
    for bad in ("2-0", "1-1", "", "0-0", "win"):
        with pytest.raises(ValueError):
            round_robin.parse_chess_result(bad)


# --- Swiss ---------------------------------------------------------------------------------------
def _rematch_free_exists(players, met) -> bool:
    if len(players) < 2:
        return True
    first, rest = players[0], players[1:]
    return any(frozenset((first, o)) not in met and _rematch_free_exists(rest[:i] + rest[i + 1:], met)
               for i, o in enumerate(rest))


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=9), st.integers(min_value=1, max_value=7), st.randoms(use_true_random=False))
def test_swiss_never_repeats_a_pairing_while_avoidable(n, rounds, rnd):
    players = list(range(n))
    games: list[Game] = []
    byes: list = []
    for _ in range(rounds):
        met = {frozenset((g.a, g.b)) for g in games}
        pairings = swiss.pair_round(players, games, byes)
        playing = [p for p in pairings if p.black is not None]
        bye = [p.white for p in pairings if p.black is None]
        assert len(bye) == n % 2
        assert sorted(x for p in playing for x in (p.white, p.black)) + bye == sorted(players) or \
            sorted([x for p in playing for x in (p.white, p.black)] + bye) == players
        # avoidable: some bye choice leaves a rematch-free pairing
        candidates = [b for b in players if n % 2] or [None]
        avoidable = any(_rematch_free_exists([p for p in players if p != b], met) for b in candidates)
        if bye and bye[0] in byes:  # a second bye only when every first-bye choice would force a rematch
            fresh = [b for b in players if b not in byes]
            assert not fresh or not any(_rematch_free_exists([p for p in players if p != b], met) for b in fresh)
        if avoidable:
            assert all(frozenset((p.white, p.black)) not in met for p in playing)
        games += [Game(p.white, p.black, rnd.choice([WIN, DRAW, LOSS])) for p in playing]
        byes += bye
    rows = swiss.standings(players, games, byes)
    assert sum(r.points for r in rows) == round_robin.points_awarded(games) + len(byes)


def test_swiss_gives_the_bye_to_the_lowest_without_one_and_balances_colours():
    players = ["a", "b", "c", "d", "e"]
    first = swiss.pair_round(players, [])
    assert first[-1] == swiss.Pairing("e", None)
    games = [Game(p.white, p.black, WIN) for p in first if p.black]
    second = swiss.pair_round(players, games, byes=["e"])
    assert second[-1].black is None and second[-1].white != "e"
    whites_before = {p.white for p in first if p.black}
    for p in second:
        if p.black is not None and (p.white in whites_before) and (p.black not in whites_before) \
                and p.black != "e":
            pytest.fail(f"{p.white} got white twice while {p.black} had black")


def test_swiss_standings_break_ties_by_buchholz():
    # b and c on 1 point each: b's opponents (a 1, d 1) scored more than c's (e 0)
    games = [Game("a", "b", WIN), Game("b", "d", WIN), Game("d", "f", WIN), Game("c", "e", WIN)]
    rows = {r.entrant: r for r in swiss.standings(list("abcdef"), games)}
    assert rows["b"].points == rows["c"].points == 1
    assert rows["b"].sonneborn_berger > rows["c"].sonneborn_berger and rows["b"].rank < rows["c"].rank


# --- bracket -------------------------------------------------------------------------------------
def test_bracket_seeds_one_and_two_meet_only_in_the_final_and_top_seeds_get_byes():
    entrants = [f"s{i}" for i in range(1, 7)]  # 6 entrants: size 8, seeds 1 and 2 get byes
    b = bracket.build(entrants)
    assert b.size == 8
    byes = [m for m in b.rounds[0] if m.bye]
    assert sorted(m.winner for m in byes) == ["s1", "s2"]
    half = len(b.rounds[0]) // 2
    top = {x for m in b.rounds[0][:half] for x in (m.a, m.b)}
    assert "s1" in top and "s2" not in top
    assert bracket.seed_order(16)[:4] == [1, 16, 8, 9]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=40), st.randoms(use_true_random=False))
def test_bracket_of_n_entries_has_n_minus_1_matches_and_one_champion(n, rnd):
    entrants = list(range(1, n + 1))
    winners: dict = {}
    while True:
        b = bracket.build(entrants, winners)
        ready = [m for m in b.matches() if m.ready]
        if not ready:
            break
        for m in ready:
            winners[m.key] = rnd.choice([m.a, m.b])
    assert len(b.played()) == n - 1
    assert b.champion in entrants
    assert sum(m.bye for m in b.matches()) == b.size - n


@given(st.integers(min_value=2, max_value=64))
def test_bracket_top_seeds_only_meet_in_the_final_when_they_keep_winning(n):
    entrants = list(range(1, n + 1))
    winners: dict = {}
    while True:
        b = bracket.build(entrants, winners)
        ready = [m for m in b.matches() if m.ready]
        if not ready:
            break
        for m in ready:
            winners[m.key] = min(m.a, m.b)
            assert {m.a, m.b} != {1, 2} or m.round == len(b.rounds)
    assert b.champion == 1


def test_it_rejects_a_winner_who_did_not_play_the_match():
    with pytest.raises(ValueError):
        bracket.build(["a", "b", "c", "d"], {(1, 0): "c"})


# --- sets ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("score,target", [((25, 23), 25), ((27, 25), 25), ((15, 10), 15), ((11, 9), 11),
                                          ((13, 11), 11), ((25, 0), 25)])
def test_valid_set_scores_pass(score, target):
    sets.check_set(*score, target)


@pytest.mark.parametrize("score,target", [((25, 24), 25), ((24, 20), 25), ((28, 25), 25), ((11, 10), 11),
                                          ((12, 9), 11), ((-1, 11), 11)])
def test_it_rejects_impossible_set_scores(score, target):
    with pytest.raises(sets.InvalidScore):
        sets.check_set(*score, target)


def test_it_rejects_a_match_that_is_unfinished_or_continues_after_it_is_won():
    assert sets.check_match([(25, 20), (25, 20), (25, 20)], sets.VOLLEYBALL_5).sets_a == 3
    assert sets.check_match([(25, 20), (20, 25), (25, 20), (20, 25), (15, 13)], sets.VOLLEYBALL_5).a_won
    with pytest.raises(sets.InvalidScore):
        sets.check_match([(25, 20), (25, 20)], sets.VOLLEYBALL_5)
    with pytest.raises(sets.InvalidScore):
        sets.check_match([(25, 20), (25, 20), (25, 20), (25, 20)], sets.VOLLEYBALL_5)
    with pytest.raises(sets.InvalidScore):  # the deciding set is played to 15, so 25:20 cannot end it
        sets.check_match([(25, 20), (20, 25), (25, 20)], sets.VOLLEYBALL_3)
    assert sets.check_match([(11, 5), (9, 11), (11, 7), (11, 3)], sets.TABLE_TENNIS_5).a_won


def test_match_points_are_3_0_for_a_clean_win_and_2_1_for_a_five_setter():
    mp = sets.MatchPoints()
    clean = sets.check_match([(25, 20), (20, 25), (25, 20), (25, 20)], sets.VOLLEYBALL_5)
    close = sets.check_match([(25, 20), (20, 25), (25, 20), (20, 25), (13, 15)], sets.VOLLEYBALL_5)
    assert mp.award(clean, sets.VOLLEYBALL_5) == (3, 0)
    assert mp.award(close, sets.VOLLEYBALL_5) == (1, 2)


def test_team_standings_break_ties_by_set_ratio_then_point_ratio():
    m = [sets.TeamMatch("a", "b", ((25, 20), (25, 20))),
         sets.TeamMatch("b", "c", ((25, 20), (25, 20))),
         sets.TeamMatch("c", "a", ((25, 20), (20, 25), (15, 5)))]
    rows = sets.team_standings(list("abc"), m, sets.VOLLEYBALL_3)
    # a: 3 + 1 = 4, sets 3:2; b: 0 + 3 = 3; c: 0 + 2 = 2
    assert [(r.entrant, r.match_points) for r in rows] == [("a", 4), ("b", 3), ("c", 2)]
    m2 = [sets.TeamMatch("a", "b", ((25, 20), (25, 20))), sets.TeamMatch("b", "c", ((25, 20), (25, 20))),
          sets.TeamMatch("c", "a", ((25, 20), (25, 20)))]
    rows = sets.team_standings(list("abc"), m2, sets.VOLLEYBALL_3)
    assert all(r.match_points == 3 for r in rows)
    assert all(r.needs_lots for r in rows)  # identical sets and points
    m3 = [sets.TeamMatch("a", "b", ((25, 10), (25, 10))), sets.TeamMatch("b", "c", ((25, 20), (25, 20))),
          sets.TeamMatch("c", "a", ((25, 20), (25, 20)))]
    rows = sets.team_standings(list("abc"), m3, sets.VOLLEYBALL_3)
    assert rows[0].entrant == "a" and rows[-1].entrant == "b"  # equal set ratios: point ratio decides


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=2, max_value=8), st.randoms(use_true_random=False))
def test_team_standings_sum_of_points_equals_points_awarded(n, rnd):
    rules, mp = sets.VOLLEYBALL_5, sets.MatchPoints()
    matches, awarded = [], 0
    for r in round_robin.schedule(list(range(n))):
        for a, b in r:
            if b is None:
                continue
            winner_sets = 3
            loser_sets = rnd.randint(0, 2)
            order = [True] * (winner_sets - 1) + [False] * loser_sets
            rnd.shuffle(order)
            order.append(True)
            a_wins = rnd.random() < 0.5
            played = []
            for i, winner_is_first in enumerate(order):
                target = 15 if i == 4 else 25
                s = (target, rnd.randint(0, target - 2))
                played.append(s if winner_is_first == a_wins else s[::-1])
            m = sets.TeamMatch(a, b, tuple(played))
            awarded += sum(mp.award(sets.check_match(m.sets, rules), rules))
            matches.append(m)
    rows = sets.team_standings(list(range(n)), matches, rules, mp)
    assert sum(r.match_points for r in rows) == awarded

"""Competition services: entries, schedules, results, lots, prizes and the ledger; each rule has a test."""
from __future__ import annotations

import random
from decimal import Decimal

import pytest

from unionhome.competitions import queries, services
from unionhome.competitions.models import Competition, Entry, Format, Match, Sport
from unionhome.competitions.tests.factories import DAY, competition, people, start
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def play_all(cast, c, chooser):
    """Record a result for every open match, round after round (Swiss pairs the next round)."""
    while True:
        open_ = [m for m in Match.objects.filter(competition=c, b__isnull=False, winner__isnull=True,
                                                 score_a__isnull=True, sets__isnull=True)]
        if not open_:
            c.refresh_from_db()
            if c.format == Format.SWISS and c.status == Competition.Status.RUNNING:
                services.swiss_pair_next(actor=cast.users["chair"], competition=c)
                continue
            return
        for m in open_:
            services.result_record(actor=cast.users["chair"], match=m, **chooser(m))


def test_round_robin_start_schedules_every_pair_once_and_finishes_after_the_last_result(cast):
    c = start(cast, competition(cast, entrants=5))
    assert Match.objects.filter(competition=c).count() == 10
    play_all(cast, c, lambda m: {"result": "1-0" if m.a_id < m.b_id else "½-½"})
    c.refresh_from_db()
    assert c.status == Competition.Status.FINISHED
    rows = queries.standings_rows(c)
    assert sum(r.points for r in rows) == 10
    assert AuditEntry.objects.filter(action="competitions.result.recorded").count() == 10


def test_it_rejects_a_chess_result_other_than_1_0_draw_or_0_1(cast):
    c = start(cast, competition(cast, entrants=2))
    match = Match.objects.get(competition=c)
    with pytest.raises(RuleViolation) as exc:
        services.result_record(actor=cast.users["chair"], match=match, result="2-0")
    assert exc.value.code == "result_invalid"
    services.result_record(actor=cast.users["chair"], match=match, result="½-½")
    match.refresh_from_db()
    assert match.score_a == Decimal("0.5") and match.winner_id is None


def test_it_rejects_invalid_volleyball_set_scores(cast):
    c = start(cast, competition(cast, format=Format.TEAM_ROUND_ROBIN, sport=Sport.VOLLEYBALL, kind="team",
                                entrants=3, best_of=3))
    match = Match.objects.filter(competition=c).first()
    for bad in ("25:24 25:20", "25:20 25:20 25:20", "25:20", "15:10 25:20", "25:20 20:25 25:20", "abc"):
        with pytest.raises(RuleViolation) as exc:
            services.result_record(actor=cast.users["chair"], match=match, sets=bad)
        assert exc.value.code == "sets_invalid", bad
    services.result_record(actor=cast.users["chair"], match=match, sets="25:20 23:25 15:13")
    rows = {r.entrant: r for r in queries.standings_rows(c)}
    assert rows[match.a_id].match_points == 2 and rows[match.b_id].match_points == 1


def test_it_rejects_invalid_table_tennis_scores_in_a_bracket(cast):
    c = start(cast, competition(cast, format=Format.KNOCKOUT, sport=Sport.TABLE_TENNIS, entrants=4))
    match = Match.objects.filter(competition=c).first()
    with pytest.raises(RuleViolation):
        services.result_record(actor=cast.users["chair"], match=match, sets="11:10 11:5 11:3")
    with pytest.raises(RuleViolation):
        services.result_record(actor=cast.users["chair"], match=match, sets="25:20 25:20 25:20")


def test_a_bracket_with_byes_runs_to_one_champion_in_n_minus_1_matches(cast):
    c = start(cast, competition(cast, format=Format.KNOCKOUT, sport=Sport.TABLE_TENNIS, entrants=6))
    seeds = {e.pk: e.seed for e in c.entries.all()}
    play_all(cast, c, lambda m: {"sets": "11:5 11:6 11:7" if seeds[m.a_id] < seeds[m.b_id] else "5:11 6:11 7:11"})
    c.refresh_from_db()
    assert c.status == Competition.Status.FINISHED
    assert Match.objects.filter(competition=c).count() == 5
    view = queries.competition_view(c)
    assert view.champion.seed == 1
    final = Match.objects.get(competition=c, round=3)
    assert {seeds[final.a_id], seeds[final.b_id]} == {1, 2}  # seeds 1 and 2 met only in the final
    ranking = queries.knockout_ranking(c)
    assert [r.rank for r in ranking] == [1, 2, 3, 3, 5, 5]


def test_it_refuses_to_change_a_bracket_winner_who_already_played_on(cast):
    c = start(cast, competition(cast, format=Format.KNOCKOUT, sport=Sport.TABLE_TENNIS, entrants=4))
    first, second = Match.objects.filter(competition=c, round=1)
    services.result_record(actor=cast.users["chair"], match=first, sets="11:1 11:1 11:1")
    services.result_record(actor=cast.users["chair"], match=second, sets="11:1 11:1 11:1")
    # a correction before the final is played moves the other player into the final
    services.result_record(actor=cast.users["chair"], match=first, sets="1:11 1:11 1:11")
    final = Match.objects.get(competition=c, round=2)
    assert first.b_id in (final.a_id, final.b_id)
    services.result_record(actor=cast.users["chair"], match=final, sets="11:1 11:1 11:1")
    with pytest.raises(Conflict) as exc:
        services.result_record(actor=cast.users["chair"], match=first, sets="11:1 11:1 11:1")
    assert exc.value.code in ("later_round_played", "prizes_awarded")


def test_swiss_pairs_round_after_round_without_rematches_and_gives_byes(cast):
    c = start(cast, competition(cast, format=Format.SWISS, entrants=5, swiss_rounds=3))
    rnd = random.Random(4)
    with pytest.raises(Conflict):
        services.swiss_pair_next(actor=cast.users["chair"], competition=c)  # round 1 not played yet
    play_all(cast, c, lambda m: {"result": rnd.choice(["1-0", "½-½", "0-1"])})
    c.refresh_from_db()
    assert c.status == Competition.Status.FINISHED
    pairs = [frozenset((m.a_id, m.b_id)) for m in Match.objects.filter(competition=c, b__isnull=False)]
    assert len(pairs) == len(set(pairs))
    byes = [m.a_id for m in Match.objects.filter(competition=c, b__isnull=True)]
    assert len(byes) == 3 and len(set(byes)) == 3


def test_it_rejects_entries_of_another_union_twice_or_after_the_start(cast):
    c = competition(cast, entrants=2)
    with pytest.raises(RuleViolation):
        services.entry_add(actor=cast.users["chair"], competition=c, worker=cast.workers["other_worker"])
    with pytest.raises(Conflict):
        services.entry_add(actor=cast.users["chair"], competition=c, worker=people(cast, 1)[0])
    start(cast, c)
    with pytest.raises(Conflict):
        services.entry_add(actor=cast.users["chair"], competition=c, worker=cast.workers["group2_worker"])


def test_timed_results_rank_and_dnf_comes_last(cast):
    c = start(cast, competition(cast, format=Format.TIMED, sport=Sport.CYCLING, entrants=3))
    a, b, d = c.entries.order_by("seed")
    services.time_record(actor=cast.users["chair"], entry=a, time="1:05:00")
    with pytest.raises(RuleViolation):
        services.time_record(actor=cast.users["chair"], entry=b, time="abc")
    with pytest.raises(Conflict):
        services.competition_finish(actor=cast.users["chair"], competition=c)
    services.time_record(actor=cast.users["chair"], entry=b, time="58:30.5")
    services.time_record(actor=cast.users["chair"], entry=d, did_not_finish=True)
    services.competition_finish(actor=cast.users["chair"], competition=c)
    rows = queries.standings_rows(c)
    assert [(r.entrant, r.rank) for r in rows] == [(b.pk, 1), (a.pk, 2), (d.pk, None)]


def test_lots_break_a_tie_that_survives_every_tie_break_and_are_audited(cast):
    c = start(cast, competition(cast, entrants=2))
    services.result_record(actor=cast.users["chair"], match=Match.objects.get(competition=c), result="½-½")
    assert [r.rank for r in queries.standings_rows(c)] == [1, 1]
    with pytest.raises(RuleViolation) as exc:  # one prize would cross the tie
        services.prizes_award(actor=cast.users["chair"], competition=c, tiers=[("冠军", 1, Decimal(0))], on=DAY)
    assert exc.value.code in ("tie_at_prize_line", "prize_ratio_exceeded")
    drawn = services.lots_draw(actor=cast.users["chair"], competition=c, rng=random.Random(1))
    assert sorted(drawn.values()) == [1, 2]
    assert [r.rank for r in queries.standings_rows(c)] == [1, 2]
    assert AuditEntry.objects.filter(action="competitions.lots.drawn").exists()


def test_it_rejects_more_prize_winners_than_the_prize_ratio_allows(cast):
    c = start(cast, competition(cast, entrants=6))
    play_all(cast, c, lambda m: {"result": "1-0" if m.a.seed < m.b.seed else "0-1"})
    with pytest.raises(RuleViolation) as exc:  # 6 participants × 1/3 = 2 winners at most
        services.prizes_award(actor=cast.users["chair"], competition=c,
                              tiers=[("一等奖", 1, Decimal(300)), ("二等奖", 2, Decimal(200))], on=DAY)
    assert "ratio" in exc.value.code or "prize" in exc.value.code
    prizes = services.prizes_award(actor=cast.users["chair"], competition=c,
                                   tiers=[("一等奖", 1, Decimal(300)), ("二等奖", 1, Decimal(200))], on=DAY)
    assert [(p.rank, p.entry.seed) for p in prizes] == [(1, 1), (2, 2)]
    with pytest.raises(Conflict):  # results are frozen once prizes are awarded
        services.result_record(actor=cast.users["chair"], match=Match.objects.filter(competition=c).first(),
                               result="0-1")


def test_medal_table_counts_medals_by_union_group(cast):
    c = start(cast, competition(cast, format=Format.KNOCKOUT, sport=Sport.TABLE_TENNIS, entrants=4))
    play_all(cast, c, lambda m: {"sets": "11:5 11:6 11:7" if m.a.seed < m.b.seed else "5:11 6:11 7:11"})
    table = queries.medal_table(cast.union)
    assert sum(r.gold for r in table) == 1 and sum(r.silver for r in table) == 1 and sum(r.bronze for r in table) == 2
    entries = {e.seed: e for e in Entry.objects.filter(competition=c)}
    gold_row = next(r for r in table if r.gold)
    assert gold_row.group == entries[1].group


def test_prize_values_are_posted_to_the_ledger_under_culture_and_sports(cast):
    from unionhome.funds.queries import entries_for

    c = start(cast, competition(cast, entrants=6))
    play_all(cast, c, lambda m: {"result": "1-0" if m.a.seed < m.b.seed else "0-1"})
    prizes = services.prizes_award(actor=cast.users["chair"], competition=c,
                                   tiers=[("一等奖", 1, Decimal(300)), ("二等奖", 1, Decimal("200.50"))], on=DAY)
    entries = [e for p in prizes for e in entries_for(p).select_related("account_item")]
    assert sorted(e.amount for e in entries) == [Decimal("200.50"), Decimal(300)]
    assert {(e.account_item.category, e.account_item.subcategory) for e in entries} == {("activity", "culture_sports")}


def test_entries_come_from_accepted_signups_by_person_or_by_group_team(cast):
    from unionhome.activities.services import signup_add, signup_cancel
    from unionhome.activities.tests.helpers import make_activity

    activity = make_activity(cast, title="五一象棋赛")
    signups = [signup_add(actor=cast.users["chair"], activity=activity, worker=w) for w in people(cast, 5)]
    signup_cancel(actor=cast.users["chair"], signup=signups[0])
    person = services.competition_create(actor=cast.users["chair"], union=cast.union, title="象棋", sport=Sport.CHESS,
                                         format=Format.ROUND_ROBIN, held_on=DAY, activity=activity)
    added = services.entries_from_signups(actor=cast.users["chair"], competition=person)
    assert sorted(e.worker_id for e in added) == sorted(s.worker_id for s in signups[1:])
    assert services.entries_from_signups(actor=cast.users["chair"], competition=person) == []  # idempotent
    team = services.competition_create(actor=cast.users["chair"], union=cast.union, title="排球",
                                       sport=Sport.VOLLEYBALL, format=Format.TEAM_ROUND_ROBIN, held_on=DAY,
                                       entry_kind="team", activity=activity)
    added = services.entries_from_signups(actor=cast.users["chair"], competition=team)
    assert {e.group_id for e in added} == {s.group_id for s in signups[1:]}
    assert all(e.worker_id is None for e in added)

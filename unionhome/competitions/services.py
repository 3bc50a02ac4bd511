"""Writes to competitions: set-up, entries, schedules and pairings, results, lots and prizes.

Rules enforced here (tests in ``tests/test_services.py``):
- results are valid for the sport: a chess-like game is 1-0, ½-½ or 0-1; set scores follow the
  volleyball / table-tennis rules (``formats.sets``); a bracket result cannot change a match whose
  winner already played on;
- entries are people or union-group teams of this union, once each, only before the start;
- prizes: the number of winners respects the welfare policy's prize ratio (rule 19, ``prize_check``),
  prize values are posted to the funds ledger under the key "competitions.prize" (职工活动支出 → 文体活动费).
"""
from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from unionhome.activities.queries import signup_accepted
from unionhome.competitions.formats import round_robin, swiss, timed
from unionhome.competitions.formats.sets import InvalidScore, check_match, parse_sets
from unionhome.competitions.models import Competition, Entry, Format, Match, Prize, Sport
from unionhome.competitions.queries import bracket_of, rules_of, standings_rows, swiss_games
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.money import parse_money
from unionhome.core.rules import rule_value
from unionhome.funds.services import entry_post_for, prize_check

SET_FORMATS = (Format.KNOCKOUT, Format.TEAM_ROUND_ROBIN)
# Sports decided in sets: every game of theirs is scored by sets (no draws), whatever the format.
SET_SPORTS = (Sport.VOLLEYBALL, Sport.TABLE_TENNIS)


def _actor_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# --- set-up ------------------------------------------------------------------------------------------
@transaction.atomic
def competition_create(*, actor, union, title: str, sport: str, format: str, held_on: dt.date,
                       entry_kind: str = Competition.EntryKind.PERSON, place: str = "", best_of: int | None = None,
                       swiss_rounds: int = 0, win_points=None, draw_points=None, loss_points=None,
                       match_points: str | None = None, activity=None) -> Competition:
    """A competition with its format; scoring defaults come from the sport's declared rules."""
    title = (title or "").strip()
    if not title:
        raise RuleViolation("title_required", gettext("请填写比赛名称"), field="title")
    if sport not in Sport.values:
        raise RuleViolation("sport_invalid", gettext("项目无效"), field="sport")
    if format not in Format.values:
        raise RuleViolation("format_invalid", gettext("赛制无效"), field="format")
    if entry_kind not in Competition.EntryKind.values:
        raise RuleViolation("entry_kind_invalid", gettext("参赛方式无效"), field="entry_kind")
    if format == Format.TEAM_ROUND_ROBIN and entry_kind != Competition.EntryKind.TEAM:
        raise RuleViolation("team_format_needs_teams", gettext("团体循环赛须以小组团体参赛"), field="entry_kind")
    set_points = deciding = 0
    if sport in SET_SPORTS and format in (Format.SWISS, Format.TIMED):
        raise RuleViolation("format_not_for_sets", gettext("乒乓球、排球按局计分：请选择单循环赛、团体循环赛或单败淘汰赛"),
                            field="format")
    if format in SET_FORMATS or sport in SET_SPORTS:
        if sport == Sport.VOLLEYBALL:
            set_points, deciding = rule_value("competitions.volleyball_set", union=union, on=held_on)
            best_of = best_of or 5
        elif sport == Sport.TABLE_TENNIS:
            set_points, deciding = rule_value("competitions.table_tennis_set", union=union, on=held_on)
            best_of = best_of or 5
        else:
            raise RuleViolation("sets_need_sport", gettext("分局计分的赛制只适用于排球、乒乓球"), field="sport")
        if best_of not in (3, 5, 7):
            raise RuleViolation("best_of_invalid", gettext("局数应为3、5或7局"), field="best_of")
    else:
        best_of = 0
    chess = rule_value("competitions.chess_points", union=union, on=held_on)
    try:
        points = [Decimal(str(v)) for v in (win_points if win_points is not None else chess[0],
                                            draw_points if draw_points is not None else chess[1],
                                            loss_points if loss_points is not None else chess[2])]
    except InvalidOperation:
        raise RuleViolation("points_invalid", gettext("胜/和/负得分须为数字")) from None
    if not points[0] >= points[1] >= points[2] >= 0 or points[0] == 0:
        raise RuleViolation("points_order", gettext("得分应为 胜 ≥ 和 ≥ 负 ≥ 0，且胜局得分大于0"))
    if activity is not None and activity.union_id != union.pk:
        raise RuleViolation("activity_other_union", gettext("活动不属于本工会"), field="activity")
    match_points = match_points or rule_value("competitions.table_tennis_match_points" if sport == Sport.TABLE_TENNIS
                                              else "competitions.match_points", union=union, on=held_on)
    _parse_match_points(match_points)
    if swiss_rounds < 0 or swiss_rounds > 15:
        raise RuleViolation("swiss_rounds_invalid", gettext("编排轮数应在1至15之间"), field="swiss_rounds")
    competition = Competition.objects.create(
        union=union, title=title, sport=sport, format=format, entry_kind=entry_kind, held_on=held_on, place=place,
        best_of=best_of, set_points=set_points, deciding_set_points=deciding, swiss_rounds=swiss_rounds,
        win_points=points[0], draw_points=points[1], loss_points=points[2], match_points=match_points,
        created_by=_actor_or_none(actor), activity=activity)
    audit_log(actor=actor, action="competitions.competition.created", target=competition,
              after=snapshot(competition))
    return competition


def _parse_match_points(text: str) -> list[int]:
    try:
        values = [int(v) for v in str(text).split(",")]
    except ValueError:
        values = []
    if len(values) != 4 or not values[0] >= values[1] >= values[2] >= values[3] >= 0:
        raise RuleViolation("match_points_invalid", gettext("场分应为四个整数，如 3,2,1,0（依次为：完胜、险胜、惜败、完败）"),
                            field="match_points")
    return values


def _locked(competition_or_id) -> Competition:
    """The competition row locked for this write (its union joined, not locked, for the audit trail)."""
    pk = getattr(competition_or_id, "pk", competition_or_id)
    return Competition.objects.select_related("union").select_for_update(of=("self",)).get(pk=pk)


def _locked_match(pk: int) -> Match:
    """The match row locked for a result: two officers entering the same game at once are serialised, the
    second sees (and audits as its ``before``) what the first recorded."""
    return Match.objects.select_for_update().get(pk=pk)


def _require_draft(competition: Competition) -> None:
    if competition.status != Competition.Status.DRAFT:
        raise Conflict("competition_started", gettext("比赛已开始，参赛名单不能再改"))


@transaction.atomic
def entry_add(*, actor, competition: Competition, worker=None, group=None, seed: int | None = None) -> Entry:
    """A person (with the group they belong to) or a union group's team, once per competition."""
    competition = _locked(competition)
    _require_draft(competition)
    if competition.entry_kind == Competition.EntryKind.PERSON:
        if worker is None:
            raise RuleViolation("worker_required", gettext("个人赛须选择参赛职工"), field="worker")
        if worker.union_id != competition.union_id:
            raise RuleViolation("worker_other_union", gettext("参赛者不属于本工会"), field="worker")
        if Entry.objects.filter(competition=competition, worker=worker).exists():
            raise Conflict("already_entered", gettext("%(name)s 已在参赛名单中") % {"name": worker.name})
        group, name = worker.group, worker.name
    else:
        if group is None:
            raise RuleViolation("group_required", gettext("团体赛须选择工会小组"), field="group")
        if group.union_id != competition.union_id:
            raise RuleViolation("group_other_union", gettext("小组不属于本工会"), field="group")
        if Entry.objects.filter(competition=competition, group=group, worker__isnull=True).exists():
            raise Conflict("already_entered", gettext("%(name)s 已报名参赛") % {"name": group.name})
        worker, name = None, group.name
    if seed is None:
        seed = (max((e.seed for e in competition.entries.all()), default=0)) + 1
    entry = Entry.objects.create(union=competition.union, competition=competition, worker=worker, group=group,
                                 name=name, seed=seed)
    audit_log(actor=actor, action="competitions.entry.added", target=entry, after=snapshot(entry))
    return entry


@transaction.atomic
def entries_from_signups(*, actor, competition: Competition) -> list[Entry]:
    """Entries from the activity's accepted sign-ups: each person, or each union group with someone signed up.

    Idempotent: people or groups already entered are skipped."""
    if competition.activity_id is None:
        raise RuleViolation("no_activity", gettext("该比赛未关联活动，无法从报名名单导入"))
    _require_draft(_locked(competition))
    added = []
    signups = list(signup_accepted(competition.activity))
    if competition.entry_kind == Competition.EntryKind.PERSON:
        have = set(competition.entries.values_list("worker_id", flat=True))
        for s in signups:
            if s.worker_id not in have:
                added.append(entry_add(actor=actor, competition=competition, worker=s.worker))
                have.add(s.worker_id)
    else:
        have = set(competition.entries.filter(worker__isnull=True).values_list("group_id", flat=True))
        for s in signups:
            if s.group_id is not None and s.group_id not in have:
                added.append(entry_add(actor=actor, competition=competition, group=s.group))
                have.add(s.group_id)
    return added


@transaction.atomic
def entry_remove(*, actor, entry: Entry) -> None:
    _require_draft(_locked(entry.competition_id))
    before = snapshot(entry)
    audit_log(actor=actor, action="competitions.entry.removed", target=entry, before=before)
    entry.delete()


# --- starting, pairing -------------------------------------------------------------------------------
@transaction.atomic
def competition_start(*, actor, competition: Competition) -> Competition:
    """Close the entry list and schedule: every round of a round robin, the first Swiss round, the bracket."""
    competition = _locked(competition)
    _require_draft(competition)
    entries = list(competition.entries.order_by("seed", "id"))
    if len(entries) < 2:
        raise RuleViolation("too_few_entries", gettext("至少需要2名参赛者才能开赛"))
    if competition.format in (Format.ROUND_ROBIN, Format.TEAM_ROUND_ROBIN):
        Match.objects.bulk_create([
            Match(union=competition.union, competition=competition, round=r, index=i, a=a, b=b)
            for r, pairs in enumerate(round_robin.schedule(entries), start=1)
            for i, (a, b) in enumerate(p for p in pairs if p[1] is not None)])
    elif competition.format == Format.SWISS:
        if not competition.swiss_rounds:
            competition.swiss_rounds = min(len(entries) - 1, math.ceil(math.log2(len(entries))) + 1)
        _create_swiss_round(competition, entries, 1)
    competition.status = Competition.Status.RUNNING
    competition.save(update_fields=["status", "swiss_rounds", "updated_at"])
    if competition.format == Format.KNOCKOUT:
        _sync_bracket(competition)
    audit_log(actor=actor, action="competitions.competition.started", target=competition,
              after={"status": competition.status, "entries": [e.pk for e in entries]})
    return competition


def _create_swiss_round(competition: Competition, entries: list[Entry], number: int) -> list[Match]:
    games, byes = swiss_games(competition)
    by_id = {e.pk: e for e in entries}
    pairings = swiss.pair_round([e.pk for e in entries], games, byes, rules_of(competition).points)
    matches = [Match(union=competition.union, competition=competition, round=number, index=i,
                     a=by_id[p.white], b=by_id[p.black] if p.black is not None else None,
                     score_a=Decimal(1) if p.black is None else None)
               for i, p in enumerate(pairings)]
    return Match.objects.bulk_create(matches)


@transaction.atomic
def swiss_pair_next(*, actor, competition: Competition) -> list[Match]:
    """Pair the next Swiss round once every game of the current one has a result."""
    competition = _locked(competition)
    if competition.format != Format.SWISS or competition.status != Competition.Status.RUNNING:
        raise Conflict("not_running_swiss", gettext("只有进行中的积分编排赛可以编排下一轮"))
    current = max((m.round for m in competition.matches.all()), default=0)
    if competition.matches.filter(score_a__isnull=True).exists():
        raise Conflict("round_unfinished", gettext("第%(current)s轮还有对局未录入结果") % {"current": current})
    if current >= competition.swiss_rounds:
        raise Conflict("rounds_complete", gettext("已赛满%(swiss_rounds)s轮") % {"swiss_rounds": competition.swiss_rounds})
    matches = _create_swiss_round(competition, list(competition.entries.order_by("seed", "id")), current + 1)
    audit_log(actor=actor, action="competitions.round.paired", target=competition,
              after={"round": current + 1, "pairings": [[m.a_id, m.b_id] for m in matches]})
    return matches


def _sync_bracket(competition: Competition) -> None:
    """Create a Match row for every bracket match whose two players are now known."""
    existing = {(m.round, m.index): m for m in competition.matches.all()}
    view = bracket_of(competition)
    new = []
    for m in view.matches():
        if m.bye or m.a is None or m.b is None or m.key in existing:
            continue
        new.append(Match(union=competition.union, competition=competition, round=m.round, index=m.index,
                         a_id=m.a, b_id=m.b))
    Match.objects.bulk_create(new)


# --- results -----------------------------------------------------------------------------------------
def _require_results_open(competition: Competition) -> None:
    if competition.status == Competition.Status.DRAFT:
        raise Conflict("competition_not_started", gettext("比赛尚未开始"))
    if competition.prizes.exists():
        raise Conflict("prizes_awarded", gettext("已评奖，成绩不能再修改"))


@transaction.atomic
def result_record(*, actor, match: Match, result: str = "", sets: str = "") -> Match:
    """Record (or correct) a game's result: chess-like ``result`` 1-0 / ½-½ / 0-1, or ``sets`` '11:7 9:11 …'."""
    competition = _locked(match.competition_id)
    _require_results_open(competition)
    match = _locked_match(match.pk)
    if match.is_bye:
        raise Conflict("bye_has_no_result", gettext("轮空无需录入结果"))
    before = snapshot(match)
    if competition.uses_sets:
        try:
            played = parse_sets(sets)
            score = check_match(played, rules_of(competition).sets)
        except InvalidScore as exc:
            raise RuleViolation("sets_invalid", exc.message, field="sets") from None
        match.sets = [list(s) for s in played]
        winner_id = match.a_id if score.a_won else match.b_id
    else:
        try:
            match.score_a = round_robin.parse_chess_result(result)
        except ValueError:
            raise RuleViolation("result_invalid", gettext("对局结果只能是 1-0、½-½ 或 0-1"), field="result") from None
        winner_id = {Decimal(1): match.a_id, Decimal(0): match.b_id}.get(match.score_a)
    if competition.format == Format.KNOCKOUT:
        _check_bracket_correction(competition, match, winner_id)
    match.winner_id = winner_id
    match.played_at = timezone.now()
    match.recorded_by = _actor_or_none(actor)
    match.save()
    if competition.format == Format.KNOCKOUT:
        _sync_bracket(competition)
    _finish_when_complete(competition)
    audit_log(actor=actor, action="competitions.result.recorded", union=competition.union, target=match,
              before=before, after=snapshot(match))
    return match


def _check_bracket_correction(competition: Competition, match: Match, winner_id: int) -> None:
    """A corrected bracket result may change who goes through only while the next match is unplayed."""
    if match.winner_id is None or match.winner_id == winner_id:
        return
    nxt = Match.objects.filter(competition=competition, round=match.round + 1, index=match.index // 2).first()
    if nxt is not None and nxt.winner_id is not None:
        raise Conflict("later_round_played", gettext("晋级者已进行下一轮比赛，不能再改变本场胜负"))
    if nxt is not None:
        nxt.delete()  # recreated with the corrected player by _sync_bracket


def _finish_when_complete(competition: Competition) -> None:
    """A scheduled competition finishes by itself when its last game has a result."""
    if competition.format == Format.TIMED:
        return
    done = not competition.matches.filter(winner__isnull=True, score_a__isnull=True).exists()
    if competition.format == Format.KNOCKOUT:
        done = bracket_of(competition).champion is not None
    elif competition.format == Format.SWISS:
        done = done and max((m.round for m in competition.matches.all()), default=0) >= competition.swiss_rounds
    status = Competition.Status.FINISHED if done else Competition.Status.RUNNING
    if status != competition.status:
        competition.status = status
        competition.save(update_fields=["status", "updated_at"])


@transaction.atomic
def time_record(*, actor, entry: Entry, time: str = "", did_not_finish: bool = False) -> Entry:
    """A timed event's result: a clock time ('1:02:03.5') or did-not-finish."""
    competition = _locked(entry.competition_id)
    if competition.format != Format.TIMED:
        raise Conflict("not_timed", gettext("该比赛不是计时赛"))
    _require_results_open(competition)
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    before = snapshot(entry)
    if did_not_finish:
        entry.seconds, entry.did_not_finish = None, True
    else:
        try:
            entry.seconds = timed.parse_time(time)
        except ValueError:
            raise RuleViolation("time_invalid", gettext("成绩格式应为 时:分:秒（如 1:02:03.5）或 分:秒"), field="time") from None
        if entry.seconds >= Decimal("10000000"):
            raise RuleViolation("time_invalid", gettext("成绩超出范围"), field="time")
        entry.seconds = entry.seconds.quantize(Decimal("0.01"))
        entry.did_not_finish = False
    entry.save(update_fields=["seconds", "did_not_finish", "updated_at"])
    audit_log(actor=actor, action="competitions.time.recorded", union=competition.union, target=entry,
              before=before, after=snapshot(entry))
    return entry


@transaction.atomic
def competition_finish(*, actor, competition: Competition) -> Competition:
    """Close a timed event (every entrant has a time or DNF) or confirm a finished one."""
    competition = _locked(competition)
    if competition.status != Competition.Status.RUNNING:
        raise Conflict("not_running", gettext("只有进行中的比赛可以结束"))
    if competition.format == Format.TIMED:
        if competition.entries.filter(seconds__isnull=True, did_not_finish=False).exists():
            raise Conflict("times_missing", gettext("还有参赛者没有成绩（未完成请标记“未完成”）"))
    else:
        raise Conflict("finishes_itself", gettext("对阵类比赛录完最后一场结果后自动结束"))
    competition.status = Competition.Status.FINISHED
    competition.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="competitions.competition.finished", target=competition,
              after={"status": competition.status})
    return competition


@transaction.atomic
def lots_draw(*, actor, competition: Competition, rng: random.Random | None = None) -> dict[int, int]:
    """Drawing of lots for entrants still level after every tie-break; the drawn numbers are kept and audited."""
    competition = _locked(competition)
    if competition.status != Competition.Status.FINISHED:
        raise Conflict("not_finished", gettext("比赛结束后才能抽签决定并列名次"))
    rows = [r for r in standings_rows(competition) if getattr(r, "needs_lots", False)]
    if not rows:
        raise Conflict("no_tie", gettext("没有需要抽签决定的并列名次"))
    rng = rng or random.SystemRandom()
    drawn: dict[int, int] = {}
    for rank in sorted({r.rank for r in rows}):
        tied = [r.entrant for r in rows if r.rank == rank]
        numbers = list(range(1, len(tied) + 1))
        rng.shuffle(numbers)
        drawn.update(zip(tied, numbers))
    for entry in Entry.objects.filter(pk__in=drawn):
        entry.lot = drawn[entry.pk]
        entry.save(update_fields=["lot", "updated_at"])
    audit_log(actor=actor, action="competitions.lots.drawn", target=competition, after={"lots": drawn})
    return drawn


# --- prizes ------------------------------------------------------------------------------------------
@transaction.atomic
def prizes_award(*, actor, competition: Competition, tiers: list[tuple[str, int, Decimal]], on: dt.date) -> list[Prize]:
    """Award prizes down the final ranking: ``tiers`` = [(title, how many, value each), …] e.g. 一等奖 1 名 300 元.

    Rule 19: winners ≤ participants × prize ratio. Prize values are posted to the ledger under
    职工活动支出 → 文体活动费, one entry per prize."""
    competition = _locked(competition)
    if competition.status != Competition.Status.FINISHED:
        raise Conflict("not_finished", gettext("比赛结束后才能评奖"))
    if competition.prizes.exists():
        raise Conflict("prizes_exist", gettext("本比赛已评奖"))
    tiers = [(str(t).strip(), int(n), parse_money(v, negative=False)) for t, n, v in tiers if int(n) > 0]
    if not tiers:
        raise RuleViolation("no_prizes", gettext("请至少设置一个奖项"))
    for title, _n, value in tiers:
        if not title:
            raise RuleViolation("prize_title_required", gettext("请填写奖项名称"))
    rows = [r for r in standings_rows(competition) if r.rank is not None]
    winners = sum(n for _t, n, _v in tiers)
    participants = competition.entries.count()
    prize_check(union=competition.union, participants=participants, winners=winners, on=on)
    if winners > len(rows):
        raise RuleViolation("too_many_prizes", gettext("只有%(len)s名参赛者有名次，不能设%(winners)s个奖") % {"len": len(rows), "winners": winners})
    if winners < len(rows) and rows[winners - 1].rank == rows[winners].rank:
        raise RuleViolation("tie_at_prize_line", gettext("第%(rank)s名并列，跨越获奖线：请先抽签决定名次") % {"rank": rows[winners - 1].rank})
    entries = {e.pk: e for e in competition.entries.all()}
    prizes, position = [], 0
    for title, count, value in tiers:
        for _ in range(count):
            row = rows[position]
            position += 1
            prize = Prize.objects.create(union=competition.union, competition=competition,
                                         entry=entries[row.entrant], rank=row.rank, title=title, amount=value,
                                         awarded_on=on)
            if value > 0:
                entry_post_for(actor=actor, source=prize, category_key="competitions.prize", amount=value, on=on,
                               counterparty=prize.entry.name,
                               note=gettext("%(title)s%(title2)s奖品") % {"title": competition.title, "title2": title})
            audit_log(actor=actor, action="competitions.prize.awarded", target=prize, after=snapshot(prize))
            prizes.append(prize)
    return prizes


def competition_document_export(*, actor, competition: Competition, doc: str, build) -> bytes:
    """Build a results or certificates document with ``build()``; every download is in the audit trail."""
    content = build()
    audit_log(actor=actor, action="competitions.document.downloaded", target=competition, note=doc)
    return content

"""Officers entering results at the same moment (PostgreSQL row locks), with ``core.testing.race``.

The controls patch the row locks away (``_locked`` for the competition, ``_locked_match`` for the game) and
make every caller read before any of them writes (``met``): the result entries then overwrite each other unseen
(a lost update), the final is never drawn, or a person is entered twice (the second refused by the database with
an IntegrityError rather than told "already entered"). A pause would not do: on CI's two loaded cores the second
caller once arrived after the first had committed, and the control passed."""
from decimal import Decimal
from unittest import mock

import pytest

from unionhome.competitions import services
from unionhome.competitions.models import Competition, Format, Match, Sport
from unionhome.competitions.tests.factories import competition, start
from unionhome.core.models import AuditEntry
from unionhome.core.testing.race import all_of, met, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

RESULTS = ["1-0", "0-1", "½-½", "1-0", "0-1", "½-½"]


def _competition_unlocked(competition_or_id):
    pk = getattr(competition_or_id, "pk", competition_or_id)
    return Competition.objects.select_related("union").get(pk=pk)


def _match_unlocked(pk):
    return Match.objects.get(pk=pk)


def _unlocked():
    return all_of(mock.patch.object(services, "_locked", _competition_unlocked),
                  mock.patch.object(services, "_locked_match", _match_unlocked))


def _unlocked_and_met(attribute, parties, **how):
    """The locks off, and every caller held at ``attribute`` until all ``parties`` have reached it."""
    return lambda: all_of(_unlocked(), met(services, attribute, parties, **how))


def _score(snapshot):
    return None if snapshot["score_a"] is None else Decimal(str(snapshot["score_a"]))


def test_one_game_entered_by_six_officers_at_once_loses_no_update(cast):
    officers = [cast.users["chair"], cast.users["committee"]]

    def prepare():
        c = start(cast, competition(cast, format=Format.ROUND_ROBIN, sport=Sport.CHESS, entrants=4))
        return Match.objects.filter(competition=c, a__isnull=False, b__isnull=False).order_by("round", "index")[0]

    def record(match, i):
        return services.result_record(actor=officers[i % 2], match=match, result=RESULTS[i])

    def each_entry_saw_the_one_before(burst):
        match = burst.state
        assert burst.failed == [], burst.summary()
        trail = list(AuditEntry.objects.filter(action="competitions.result.recorded", target_id=str(match.pk))
                     .order_by("id").values_list("before", "after"))
        assert len(trail) == len(RESULTS)
        for (_, previous), (before, _) in zip(trail, trail[1:]):  # every write started from the one before it
            assert _score(before) == _score(previous), trail
        match.refresh_from_db()
        assert match.score_a == _score(trail[-1][1])

    race(prepare=prepare, call=record, n=len(RESULTS), check=each_entry_saw_the_one_before,
         control=_unlocked_and_met("_locked_match", len(RESULTS)))


def test_both_semi_finals_recorded_at_once_create_exactly_one_final(cast):
    officers = [cast.users["chair"], cast.users["committee"]]

    def prepare():
        c = start(cast, competition(cast, format=Format.KNOCKOUT, sport=Sport.TABLE_TENNIS, entrants=4))
        return list(Match.objects.filter(competition=c, round=1).order_by("index"))

    def one_final(burst):
        first, second = burst.state
        assert burst.failed == [], burst.summary()
        finals = list(Match.objects.filter(competition_id=first.competition_id, round=2))
        assert len(finals) == 1, finals
        assert {finals[0].a_id, finals[0].b_id} == {first.a_id, second.a_id}

    # the control: both semi-finals saved before either looks for the final's two players
    race(prepare=prepare, n=2, check=one_final, control=_unlocked_and_met("_sync_bracket", 2, before=True),
         call=lambda semis, i: services.result_record(actor=officers[i], match=semis[i], sets="11:1 11:2 11:3"))


def test_the_same_person_entered_twice_at_once_is_entered_once_and_the_other_told(cast):
    worker = cast.workers["group2_worker"]

    def entered_once(burst):
        c = burst.state
        assert len(burst.succeeded) == 1 and burst.codes == ["already_entered"], burst.summary()
        assert c.entries.filter(worker=worker).count() == 1

    race(prepare=lambda: competition(cast, entrants=2), n=2, check=entered_once,
         control=_unlocked_and_met("_locked", 2),
         call=lambda c, i: services.entry_add(actor=cast.users["chair"], competition=c, worker=worker))

"""Two officers on two phones enter results at the same moment (PostgreSQL row locks)."""
import threading

import pytest
from django.db import connection

from unionhome.competitions import services
from unionhome.competitions.models import Format, Match, Sport
from unionhome.competitions.tests.factories import competition, start
from unionhome.core.errors import DomainError

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _together(calls):
    """Run the calls in threads released at once; return what each raised (None for success)."""
    barrier = threading.Barrier(len(calls))
    outcome = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            call()
        except Exception as exc:
            outcome[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcome


def test_both_semi_finals_recorded_at_once_create_exactly_one_final(cast):
    c = start(cast, competition(cast, format=Format.KNOCKOUT, sport=Sport.TABLE_TENNIS, entrants=4))
    first, second = Match.objects.filter(competition=c, round=1)
    outcome = _together([
        lambda: services.result_record(actor=cast.users["chair"], match=first, sets="11:1 11:2 11:3"),
        lambda: services.result_record(actor=cast.users["committee"], match=second, sets="11:1 11:2 11:3"),
    ])
    assert outcome == [None, None]
    final = Match.objects.get(competition=c, round=2)
    assert {final.a_id, final.b_id} == {first.a_id, second.a_id}


def test_the_same_person_entered_twice_at_once_is_entered_once_and_the_other_told(cast):
    c = competition(cast, entrants=2)
    worker = cast.workers["group2_worker"]
    outcome = _together([lambda: services.entry_add(actor=cast.users["chair"], competition=c, worker=worker)] * 2)
    assert sum(o is None for o in outcome) == 1
    assert all(o is None or (isinstance(o, DomainError) and o.code == "already_entered") for o in outcome)
    assert c.entries.filter(worker=worker).count() == 1

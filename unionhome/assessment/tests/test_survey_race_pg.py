"""Concurrent answers on PostgreSQL (``core.testing.race``): one member's parallel answers count once — the
respondent row's unique key decides. The control drops the key, replaces its ``ON CONFLICT DO NOTHING`` by a
check-then-insert and holds every caller after its check until all have checked (``met``): the answers are then
counted several times, every time (a pause between the check and the insert could be outrun)."""
import sys
from unittest import mock

import pytest

from unionhome.assessment import services_survey
from unionhome.assessment.models import Answer, Respondent
from unionhome.assessment.tests.helpers import survey
from unionhome.core.testing.race import all_of, constraint_dropped, met, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
HERE = sys.modules[__name__]
CALLERS = 30


def _answered(s, worker):
    return Respondent.objects.filter(survey=s, worker=worker).exists()


def _respondent_check_then_insert(s, worker):
    if _answered(s, worker):
        return False
    Respondent.objects.create(union_id=s.union_id, survey=s, worker=worker)
    return True


def _fresh(cast):
    from unionhome.assessment.models import Survey

    Survey.objects.filter(union=cast.union).delete()
    return survey(cast, open_=True)


def test_thirty_parallel_answers_from_one_member_count_once(cast):
    member = cast.workers["member"]

    def counted_once(burst):
        s = burst.state
        assert len(burst.succeeded) == 1 and burst.codes == ["already_answered"] * (CALLERS - 1), burst.summary()
        assert Respondent.objects.filter(survey=s).count() == 1
        assert Answer.objects.filter(survey=s, filled=True).count() == len(s.questions)

    def unprotected():
        return all_of(mock.patch.object(services_survey, "_respondent_insert", _respondent_check_then_insert),
                      met(HERE, "_answered", CALLERS),
                      constraint_dropped(Respondent, "respondent_once_per_member",
                                         cleanup=lambda: Respondent.objects.filter(worker=member).delete()))

    race(prepare=lambda: _fresh(cast),
         call=lambda s, i: services_survey.survey_answer(actor=None, survey=s, worker=member,
                                                         choices=["S"] * len(s.questions)),
         n=CALLERS, check=counted_once, control=unprotected)

"""Concurrent answers on PostgreSQL (``core.testing.race``): one member's parallel answers count once — the
respondent row's unique key decides; the control replaces it by a check-then-go and must show the double count."""
import time
from unittest import mock

import pytest

from unionhome.assessment import services_survey
from unionhome.assessment.models import Answer, Respondent
from unionhome.assessment.tests.helpers import survey
from unionhome.core.testing.race import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _respondent_unchecked(s, worker):
    if Respondent.objects.filter(survey=s, worker=worker).exists():
        return False
    time.sleep(0.05)
    return True  # nothing written: no unique key to stop the next answer


def _fresh(cast):
    from unionhome.assessment.models import Survey

    Survey.objects.filter(union=cast.union).delete()
    return survey(cast, open_=True)


def test_thirty_parallel_answers_from_one_member_count_once(cast):
    member = cast.workers["member"]

    def counted_once(burst):
        s = burst.state
        assert len(burst.succeeded) == 1 and burst.codes == ["already_answered"] * 29, burst.summary()
        assert Answer.objects.filter(survey=s, filled=True).count() == len(s.questions)

    race(prepare=lambda: _fresh(cast),
         call=lambda s, i: services_survey.survey_answer(actor=None, survey=s, worker=member,
                                                         choices=["S"] * len(s.questions)),
         n=30, check=counted_once,
         control=lambda: mock.patch.object(services_survey, "_respondent_insert", _respondent_unchecked))

"""Admissions approved at the same moment get distinct card numbers (PostgreSQL, ``core.testing.race``).

The control takes away the union's row lock ``card_number_next`` takes first and holds every admission after it
has read the highest number until all have read it (``met``): they then all take the same number and the unique
key on (union, card number) refuses all but one, every time — a pause in that window could be outrun."""
import datetime as dt
from unittest import mock

import pytest

from unionhome.core import idcard
from unionhome.core.testing.race import all_of, met, race
from unionhome.members import services_join
from unionhome.members.models import JoinApplication, Membership
from unionhome.members.services_join import join_application_approve, join_application_submit, join_link_renew

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
BORN = dt.date(1995, 3, 4)
N = 8


def test_parallel_admissions_each_get_the_next_free_card_number(cast):
    rounds = []

    def prepare():
        rounds.append(len(rounds))
        link = join_link_renew(actor=None, union=cast.union)
        return [join_application_submit(link=link, name=f"并发{len(rounds)}{i}", gender="M", birth_date=BORN,
                                        id_number=idcard.make("350102", BORN, len(rounds) * 100 + i, "M"),
                                        mobile="13812345678") for i in range(N)]

    def each_numbered_once(burst):
        assert burst.failed == [], burst.summary()
        cards = list(Membership.objects.filter(worker__in=[a.worker for a in burst.succeeded])
                     .values_list("card_number", flat=True))
        assert len(cards) == N and len(set(cards)) == N and all(cards), cards
        approved = JoinApplication.objects.filter(pk__in=[a.pk for a in burst.state], status="approved")
        assert approved.count() == N

    def unlocked():  # the union row not locked (its model mocked away), every admission met after its read
        return all_of(mock.patch.object(services_join, "Union", mock.MagicMock()),
                      met(services_join, "card_number_next", N))

    race(prepare=prepare,
         call=lambda applications, i: join_application_approve(actor=cast.users["chair"], application=applications[i]),
         n=N, threads=N, check=each_numbered_once, control=unlocked)

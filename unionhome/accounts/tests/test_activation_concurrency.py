"""Two issuers at once, and one code typed on two phones at once (PostgreSQL row locks, ``core.testing.race``).

The controls take the lock away and hold every caller after the read it guards until all have read (``met``):
the union's row lock of an issue (both issuers then read the member as without a login and both make one — the
database refuses the second with an IntegrityError, not "already issued"), and the code's row lock of an
activation (both phones then read the code as unused and both activate with it)."""
import datetime as dt
import itertools
from types import SimpleNamespace
from unittest import mock

import pytest
from django.db.models import QuerySet

from unionhome.accounts import services_activation
from unionhome.accounts.models import ActivationCode, Profile
from unionhome.accounts.services_activation import account_activate, accounts_issue
from unionhome.core import idcard
from unionhome.core.testing.race import all_of, met, race
from unionhome.members.services import worker_create
from unionhome.org.services import group_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
_numbers = itertools.count(1)
BORN = dt.date(1990, 5, 6)


def _member_without_login(cast):
    """A group of its own with one active member who has no login yet."""
    n = next(_numbers)
    group = group_create(actor=None, union=cast.union, name=f"并发发号小组{n}", unit=cast.units[0])
    worker = worker_create(actor=None, union=cast.union, name=f"并发{n}", gender="F", birth_date=BORN,
                           id_number=idcard.make("350102", BORN, 700 + n, "F"), group=group,
                           join_on=dt.date(2020, 1, 1))
    return SimpleNamespace(group=group, worker=worker)


def _not_locked(self, *args, **kwargs):
    return self


def test_the_chair_and_the_admin_issuing_at_once_make_one_login_each(cast):
    issuers = [cast.users["chair"], cast.users["admin"]]

    def one_login(burst):
        assert burst.failed == [] and all(len(r) == 1 for r in burst.results), burst.summary()
        worker = burst.state.worker
        assert Profile.objects.filter(worker=worker).count() == 1
        # the one who waited issued again: only the later code lives
        assert ActivationCode.objects.filter(user__profile__worker=worker, used_at__isnull=True,
                                             voided_at__isnull=True).count() == 1

    def unprotected():  # no union row lock; both have read the roster before either makes a login
        return all_of(mock.patch.object(services_activation, "Union", mock.MagicMock()),
                      met(services_activation, "_username_for", 2, before=True))

    race(prepare=lambda: _member_without_login(cast), n=2, check=one_login, control=unprotected,
         call=lambda st, i: accounts_issue(actor=issuers[i], union=cast.union, group=st.group))


def test_one_code_typed_on_two_phones_at_once_activates_once(cast):
    passwords = ["Neu-Passwort-77", "Andere-Pass-88"]

    def prepare():
        [slip] = accounts_issue(actor=None, union=cast.union, group=_member_without_login(cast).group)
        return slip

    def activated_once(burst):
        assert len(burst.succeeded) == 1 and burst.codes == ["activation_invalid"], burst.summary()
        assert ActivationCode.objects.filter(user_id=burst.state.user_id, used_at__isnull=False).count() == 1

    def unprotected():  # no row lock on the code; both phones have read it unused before either uses it
        return all_of(mock.patch.object(QuerySet, "select_for_update", _not_locked),
                      met(services_activation, "_password_checked", 2, before=True))

    race(prepare=prepare, n=2, check=activated_once, control=unprotected,
         call=lambda slip, i: account_activate(login=slip.username, code=slip.code, password=passwords[i]))

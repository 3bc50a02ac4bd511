"""Two issuers at once, and one code typed on two phones at once (PostgreSQL row locks)."""
import threading

import pytest
from django.db import connection

from unionhome.accounts.models import ActivationCode, Profile
from unionhome.accounts.services_activation import account_activate, accounts_issue

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _together(calls):
    barrier = threading.Barrier(len(calls))
    outcome = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            outcome[i] = call()
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


def test_the_chair_and_the_group_leader_issuing_at_once_make_one_login_each(cast):
    group = cast.groups[0]
    outcome = _together([lambda: accounts_issue(actor=cast.users["chair"], union=cast.union, group=group),
                         lambda: accounts_issue(actor=cast.users["group_leader"], union=cast.union, group=group)])
    assert all(isinstance(o, list) and len(o) == 1 for o in outcome), outcome
    worker = cast.workers["group1_worker"]
    assert Profile.objects.filter(worker=worker).count() == 1
    # the one who waited issued again: only the later code lives
    assert ActivationCode.objects.filter(user__profile__worker=worker, used_at__isnull=True,
                                         voided_at__isnull=True).count() == 1


def test_one_code_typed_on_two_phones_at_once_activates_once(cast):
    [slip] = accounts_issue(actor=None, union=cast.union, group=cast.groups[1])
    outcome = _together([lambda: account_activate(login="CT0011", code=slip.code, password="Neu-Passwort-77"),
                         lambda: account_activate(login="CT0011", code=slip.code, password="Andere-Pass-88")])
    assert sum(not isinstance(o, Exception) for o in outcome) == 1, outcome

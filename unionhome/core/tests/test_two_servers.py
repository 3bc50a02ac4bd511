"""Several app servers on one PostgreSQL (docs/reliability.md): two gunicorn servers share the sign-up burst
without overselling, a login made on one is valid on the other, and a lockout earned on one holds on the other."""
import concurrent.futures
import random
import re

import httpx
import pytest

from unionhome.accounts.services import account_create
from unionhome.activities.models import Signup
from unionhome.activities.tests.burst import Server, burst_activity, fire, seed_members
from unionhome.org.services import union_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
PASSWORD = "Two-servers-2026"


def test_a_burst_through_two_servers_fills_exactly_the_places():
    union = union_create(actor=None, name="双服务器测试工会", code="TWO")
    tokens = seed_members(union, 120)
    activity = burst_activity(union, capacity=20)
    random.Random(7).shuffle(tokens)
    with Server(workers=2) as a, Server(workers=2) as b, concurrent.futures.ThreadPoolExecutor(2) as pool:
        halves = [pool.submit(fire, server, activity.pk, part) for server, part in ((a, tokens[::2]), (b, tokens[1::2]))]
        results = [h.result() for h in halves]
    statuses = results[0].statuses + results[1].statuses
    assert [s for s in statuses if s >= 500] == []
    assert statuses.count(201) == 20 and statuses.count(409) == 100
    assert results[0].count(201) > 0 and results[1].count(201) > 0  # both servers sold places
    assert Signup.objects.filter(activity=activity, status="accepted").count() == 20


def _login(client: httpx.Client, base: str, username: str, password: str) -> httpx.Response:
    page = client.get(f"{base}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return client.post(f"{base}/accounts/login/", data={"username": username, "password": password,
                                                        "csrfmiddlewaretoken": token},
                       headers={"Referer": f"{base}/accounts/login/"})


def test_sessions_and_lockouts_hold_across_servers(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # what the servers verify
    union = union_create(actor=None, name="双服务器登录工会", code="TWO2")
    account_create(actor=None, username="two_officer", password=PASSWORD, union=union, roles=["committee"],
                   must_change_password=False)
    with Server(workers=1) as a, Server(workers=1) as b:
        with httpx.Client(trust_env=False, timeout=30) as browser:
            assert _login(browser, a.url, "two_officer", PASSWORD).status_code == 302
            session = browser.cookies.get("sessionid")
            assert session
        with httpx.Client(trust_env=False, timeout=30, cookies={"sessionid": session}) as other:
            assert other.get(f"{b.url}/").status_code == 200  # the login made on A is valid on B
        with httpx.Client(trust_env=False, timeout=30) as stranger:
            for _ in range(5):
                _login(stranger, a.url, "two_officer", "wrong-password")
            refused = _login(stranger, b.url, "two_officer", PASSWORD)  # same address, the other server
            assert refused.status_code != 302 and "sessionid" not in refused.cookies

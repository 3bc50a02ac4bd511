"""Several app servers on one PostgreSQL (docs/reliability.md): two gunicorn servers share the sign-up burst
without overselling and a vote without a second ballot, a login made on one is valid on the other, and a lockout
earned on one holds on the other."""
import concurrent.futures
import datetime as dt
import itertools
import random
import re

import httpx
import pytest

from unionhome.accounts.services import account_create
from unionhome.activities.models import Signup
from unionhome.activities.tests.burst import Server, burst_activity, fire, seed_members
from unionhome.committees.models import Committee
from unionhome.core.models import RuleSetting
from unionhome.elections import services as elections
from unionhome.elections.models import Ballot, Election, Participation
from unionhome.members.models import Worker
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


def test_a_vote_through_two_servers_takes_one_ballot_per_voter():
    """Every voter sends the ballot to both servers at once (a double click that a load balancer spreads):
    one is taken, the other answers 409 already_voted; the ballot box holds one ballot per voter."""
    from django.utils import timezone

    voters = 60
    union = union_create(actor=None, name="双服务器投票工会", code="TWO3")
    RuleSetting.objects.create(key="committees.seat_ranges", value=[[None, 1, 45]], source="test",
                               effective_from=dt.date(2000, 1, 1), union=union)
    tokens = seed_members(union, voters, prefix="vote")
    election = elections.election_create(actor=None, union=union, kind=Election.Kind.GENERAL,
                                         committee_kind=Committee.Kind.UNION, mode=Election.Mode.ONLINE, seats=3,
                                         held_on=timezone.localdate(), term_years=5, body=Election.Body.MEMBERS)
    for worker in Worker.objects.filter(union=union).order_by("pk")[:4]:
        elections.candidate_nominate(actor=None, election=election, worker=worker, confirmed=True)
    now = timezone.now()
    election = elections.election_open(actor=None, election=election, opens_at=now - dt.timedelta(minutes=1),
                                       closes_at=now + dt.timedelta(hours=3), present=voters)
    candidates = list(election.candidates.filter(write_in=False).values_list("pk", flat=True))
    with Server(workers=2) as a, Server(workers=2) as b:
        calls = [(server, token, i) for i, token in enumerate(tokens) for server in (a, b)]
        random.Random(11).shuffle(calls)
        clients = {server.url: httpx.Client(trust_env=False, timeout=60) for server in (a, b)}
        pick = itertools.cycle(candidates)

        def vote(call):
            server, token, i = call
            marks = [{"candidate_id": next(pick), "mark": "F"}]
            response = clients[server.url].post(f"{server.url}/api/v1/elections/{election.pk}/vote",
                                                json={"marks": marks},
                                                headers={"Authorization": f"Bearer {token}"})
            return server.url, i, response.status_code, response.json().get("code", "")

        try:
            with concurrent.futures.ThreadPoolExecutor(16) as pool:
                answers = list(pool.map(vote, calls))
        finally:
            for client in clients.values():
                client.close()
    assert [x for x in answers if x[2] >= 500] == []
    taken = [x for x in answers if x[2] == 201]
    assert sorted(i for _, i, _, _ in taken) == list(range(voters))  # each voter once
    assert {(status, code) for _, _, status, code in answers if status != 201} == {(409, "already_voted")}
    assert {url for url, *_ in taken} == {a.url, b.url}  # both servers took ballots
    assert Participation.objects.filter(election=election).count() == voters
    assert Ballot.objects.filter(election=election, filled=True).count() == voters

"""Out-of-range parameters (a 20-digit id or offset, year=10000, a negative page) never answer 500:
pages answer 400 or 404 with a Chinese message, the API a JSON error."""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from unionhome.core.tests.test_permission_matrix import ROUTES

HUGE = 10**20  # wider than any database integer (SQLite raises OverflowError, PostgreSQL "out of range")
QUERY = {"year": "10000", "page": "-1", "offset": str(HUGE), "limit": str(HUGE), "month": "10000-01",
         "start": "10000-01-01", "worker": str(HUGE), "group": str(HUGE), "unit": str(HUGE)}


@pytest.fixture
def cast(shared_cast):
    """The cast built once for the module (conftest.py's ``shared_cast``): each test runs in its own savepoint."""
    return shared_cast


def _huge(kwargs: dict | None) -> dict | None:
    if not kwargs or not any(isinstance(v, int) for v in kwargs.values()):
        return None
    return {k: HUGE if isinstance(v, int) else v for k, v in kwargs.items()}


def _check(response, route, problems, what):
    status = response.status_code
    if status >= 500:
        problems.append(f"{what}: {status}")
    elif route.is_api() and status >= 400 and not response["Content-Type"].startswith("application/json"):
        problems.append(f"{what}: {status} without a JSON error")


@pytest.mark.parametrize("route", ROUTES, ids=[f"{r.method}:{r.name}" for r in ROUTES])
def test_route_answers_huge_ids_and_out_of_range_parameters_without_a_server_error(route, cast):
    real = route.kwargs(cast) if route.kwargs else None  # builds the route's data once
    huge = _huge(real)
    problems = []
    for role in ["chair", "admin"]:
        client = Client(raise_request_exception=False)
        client.force_login(cast.users[role], backend="django.contrib.auth.backends.ModelBackend")
        if huge:
            url = reverse(route.name, kwargs=huge)
            body = route.data(cast) if callable(route.data) else route.data
            if route.method == "get":
                response = client.get(url)
            elif route.json:
                response = getattr(client, route.method)(url, body or {}, content_type="application/json")
            else:
                response = getattr(client, route.method)(url, body or {})
            _check(response, route, problems, f"{role} {route.method.upper()} {url}")
        if route.method == "get":
            url = reverse(route.name, kwargs=real)
            _check(client.get(url, QUERY), route, problems, f"{role} GET {url}?year=10000&offset={HUGE}…")
    assert not problems, "\n".join(problems)


def test_a_page_given_year_10000_answers_400_with_a_chinese_message(cast, client_for):
    response = client_for(cast.users["chair"]).get(reverse("activities:stats"), {"year": "10000"})
    assert response.status_code == 400
    assert "请求参数超出范围或格式不正确" in response.content.decode()


def test_the_api_answers_a_20_digit_offset_with_a_json_error(cast, client_for):
    response = client_for(cast.users["chair"]).get(reverse("api:members_workers"), {"offset": str(HUGE)})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_the_api_answers_year_10000_with_a_json_error(cast, client_for):
    response = client_for(cast.users["chair"]).get(reverse("api:activities_stats"), {"year": "10000"})
    assert response.status_code == 400
    assert response.json() == {"code": "bad_parameter", "message": "请求参数超出范围或格式不正确"}

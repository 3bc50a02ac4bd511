"""The permission matrix in the other direction: every role of the main union against the other union's rows
(and ids next to ours), and what each role's pages hold (no full ID number, no needy detail, no person for the
federation)."""
from __future__ import annotations

import pytest
from django.urls import reverse

from unionhome.core.testing.matrix import ROLES, int_kwargs, mirror
from unionhome.core.tests.test_permission_matrix import ROUTES

OURS = [r for r in ROLES if r != "outsider"]


@pytest.fixture
def cast(shared_cast):
    """The cast built once for the module (conftest.py's ``shared_cast``): each test runs in its own savepoint."""
    return shared_cast


def _request(client, route, url, body):
    if route.method == "get":
        return client.get(url, body or {})
    if route.json:
        return getattr(client, route.method)(url, body or {}, content_type="application/json")
    return getattr(client, route.method)(url, body or {})


ID_ROUTES = [r for r in ROUTES if r.kwargs]


@pytest.mark.parametrize("route", ID_ROUTES, ids=[f"{r.method}:{r.name}" for r in ID_ROUTES])
def test_every_role_of_the_union_gets_404_for_the_other_unions_rows_and_missing_ids(route, cast, client_for):
    ours = route.kwargs(cast)
    if not int_kwargs(ours):
        pytest.skip("no id in the URL")
    theirs_cast = mirror(cast)
    theirs = route.kwargs(theirs_cast)
    # an id beyond every row of ours: the neighbour a user probing ids would try next
    missing = {k: (v + 10_000 if isinstance(v, int) else v) for k, v in ours.items()}
    body = route.data(theirs_cast) if callable(route.data) else route.data
    problems = []
    for role in OURS:
        client = client_for(cast.users[role])
        allowed = route.expected(role) != 403
        for what, kwargs in (("other union's", theirs), ("missing", missing)):
            status = _request(client, route, reverse(route.name, kwargs=kwargs), body).status_code
            if status != 404 and not (status == 403 and not allowed):
                problems.append(f"{role} on the {what} id {kwargs}: expected 404, got {status}")
    assert not problems, f"{route.method.upper()} {route.name}\n" + "\n".join(problems)


GET_ROUTES = [r for r in ROUTES if r.method == "get"]
NEEDY_DETAIL = "尿毒症透析"  # the hardship file's illness (care.tests.factories.open_file)
# Where a permission's holders see a full ID number on purpose: the hardship file is the national form, and every
# reading of it is audited (care.services.hardship.hardship_file_view).
FULL_ID_SHOWN = {"care:hardship_detail": "care.hardship", "api:care_hardship_file": "care.hardship"}


@pytest.mark.parametrize("route", GET_ROUTES, ids=[r.name for r in GET_ROUTES])
def test_no_role_sees_a_full_id_number_needy_detail_it_may_not_or_a_person_as_the_federation(
        route, cast, client_for):
    from unionhome.care.tests.factories import consents, open_file
    from unionhome.core.permissions import registry

    needy = cast.workers["group2_worker"]
    consents(cast, needy)
    open_file(cast, needy)
    url = reverse(route.name, kwargs=route.kwargs(cast) if route.kwargs else None)
    id_numbers = {w.id_number for w in cast.workers.values()}
    names = {w.name for key, w in cast.workers.items() if key not in ("other_worker", "outsider")}
    may_see_needy = {r.value for r in registry()["care.hardship"].roles}
    full_id_perm = FULL_ID_SHOWN.get(route.name)
    may_see_id = {r.value for r in registry()[full_id_perm].roles} if full_id_perm else set()
    problems = []
    for role in ROLES:
        response = client_for(cast.users[role]).get(url)
        if response.status_code != 200 or response.get("Content-Type", "").split(";")[0] not in (
                "text/html", "application/json"):
            continue
        text = response.content.decode()
        shown = [n for n in id_numbers if n in text]
        if shown and role not in may_see_id:
            problems.append(f"{role}: full ID number {shown[0][:6]}…")
        if role not in may_see_needy and NEEDY_DETAIL in text:
            problems.append(f"{role}: the needy file's illness")
        if role == "federation":
            people = sorted(n for n in names if n in text)
            if people:
                problems.append(f"federation: a person of the union ({', '.join(people)})")
    assert not problems, f"GET {url}\n" + "\n".join(problems)

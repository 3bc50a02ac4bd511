"""Every route × every role → the status the matrix expects; an unlisted route fails."""
from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from unionhome.core.testing.matrix import ROLES, Route, accepted_methods

IGNORED = {"set_language"}  # Django's language switch: public by design (POST, CSRF protected)


def _all_routes() -> list[Route]:
    routes = []
    for config in apps.get_app_configs():
        if not config.name.startswith("unionhome."):
            continue
        try:
            tests = importlib.import_module(f"{config.name}.tests")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.tests":
                raise
            continue
        # every module tests/routes.py or tests/routes_<topic>.py contributes its ROUTES
        for info in pkgutil.iter_modules(tests.__path__):
            if info.name == "routes" or info.name.startswith("routes_"):
                routes.extend(importlib.import_module(f"{config.name}.tests.{info.name}").ROUTES)
    return routes


def _url_methods(resolver=None, prefix="") -> dict[str, set[str]]:
    """Every URL name → the methods its view accepts (``matrix.accepted_methods``)."""
    resolver = resolver or get_resolver()
    found: dict[str, set[str]] = {}
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            for name, methods in _url_methods(pattern, ns).items():
                found.setdefault(name, set()).update(methods)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = prefix + pattern.name
            found.setdefault(name, set()).update(accepted_methods(pattern.callback, name))
    return found


def _ignored(name: str) -> bool:
    return name in IGNORED or name.startswith("api:openapi") or name.startswith("api:api-root")


def test_every_route_is_in_the_matrix_with_every_method_its_view_accepts():
    listed = {(r.name, r.method) for r in _all_routes()}
    missing = sorted(f"{method.upper()} {name}" for name, methods in _url_methods().items() if not _ignored(name)
                     for method in methods if (name, method) not in listed)
    assert not missing, f"(route, method) pairs missing from the permission matrix: {missing}"


def test_the_method_detection_reads_decorators_forms_and_api_operations():
    methods = _url_methods()
    assert methods["activities:signup"] == {"post"}  # @require_POST
    assert methods["activities:list"] == {"get"}  # a page
    assert methods["activities:new"] == {"get", "post"}  # a form page (request.POST or None)
    assert methods["accounts:login"] == {"get", "post"}  # a class-based view
    assert methods["api:activities_signup"] == {"post"} and methods["api:activities_list"] == {"get"}


ROUTES = _all_routes()


@pytest.fixture
def cast(shared_cast):
    """The cast built once for the module (conftest.py's ``shared_cast``): each test runs in its own savepoint."""
    return shared_cast


def _body(route: Route, cast):
    return route.data(cast) if callable(route.data) else route.data


def _send(client, route: Route, url: str, body):
    if route.method == "get":
        return client.get(url, body or {})
    if route.json:
        return getattr(client, route.method)(url, body or {}, content_type="application/json")
    return getattr(client, route.method)(url, body or {})


@pytest.mark.parametrize("route", ROUTES, ids=[f"{r.method}:{r.name}" for r in ROUTES])
def test_route_answers_each_role_as_the_matrix_says(route: Route, cast, client_for):
    """Each role on its own: a write gets fresh objects (``kwargs``/``data`` called per role) and, with a
    ``probe``, must change it exactly for the roles let through."""
    shared = route.kwargs(cast) if route.kwargs and not route.is_write() else None
    problems = []
    for role in ["anonymous", *ROLES]:
        kwargs = shared if not route.is_write() else (route.kwargs(cast) if route.kwargs else None)
        url = reverse(route.name, kwargs=kwargs)
        body = _body(route, cast)
        before = route.probe(cast, kwargs or {}) if route.probe else None
        client = client_for(None if role == "anonymous" else cast.users[role])
        response = _send(client, route, url, body)
        expected = route.expected(role)
        if response.status_code != expected:
            problems.append(f"{role}: expected {expected}, got {response.status_code}")
        elif route.probe:
            changed = route.probe(cast, kwargs or {}) != before
            if changed != route.should_change(role):
                problems.append(f"{role}: {response.status_code} as expected, but the write "
                                f"{'happened' if changed else 'did not happen'} ({before!r})")
    assert not problems, f"{route.method.upper()} {route.name}\n" + "\n".join(problems)


PROBE_PENDING = {  # write rows from before the probes: each is to get one (the set may only shrink)
    "post:accounts:account_token_revoke", "post:accounts:disable", "post:accounts:logout",
    "post:accounts:recovery_codes_renew", "post:accounts:role_grant", "post:accounts:role_grant_confirm",
    "post:accounts:role_grant_reject", "post:accounts:role_revoke", "post:accounts:switch_union",
    "post:accounts:token_revoke", "post:accounts:two_factor_reset", "post:accounts:unlock",
    "post:care:blood_outcome", "post:care:blood_volunteer", "post:care:consent_withdraw",
    "post:care:donation_handover", "post:care:donation_receive", "post:care:donation_record",
    "post:care:hardship_assist", "post:care:hardship_close", "post:care:hardship_publish", "post:care:health_attend",
    "post:care:health_invite", "post:care:health_move", "post:care:health_schedule", "post:care:health_slots",
    "post:care:visit_discharge", "post:care:warmth_assign", "post:care:warmth_close", "post:care:warmth_done",
    "post:care:warmth_select", "post:committees:position_assign", "post:committees:position_end",
    "post:committees:term_approve", "post:committees:term_create", "post:committees:term_reschedule",
    "post:competitions:entries_import", "post:competitions:entry_add", "post:competitions:entry_remove",
    "post:competitions:finish", "post:competitions:lots", "post:competitions:pair_next",
    "post:competitions:result_record", "post:competitions:start", "post:competitions:time_record",
    "post:elections:approve", "post:elections:candidate_add", "post:elections:candidate_confirm",
    "post:elections:candidate_photo_upload", "post:elections:chair_create", "post:elections:close",
    "post:elections:close_finish", "post:elections:count", "post:elections:electors", "post:elections:next_round",
    "post:elections:officers", "post:elections:open", "post:elections:release", "post:funds:books_open",
    "post:funds:budget_set", "post:funds:dues_pay", "post:funds:dues_rate", "post:funds:entry_attach",
    "post:funds:entry_comment", "post:funds:entry_reverse", "post:funds:payout_request_decide",
    "post:funds:period_signoff", "post:members:create", "post:members:import_cancel", "post:members:import_confirm",
    "post:notifications:preferences", "post:notifications:read", "post:notifications:read_all",
}


def test_every_form_write_that_answers_302_checks_its_effect():
    """A 302 is what a successful form answers, and an invalid one too: such a row must say what changed."""
    unprobed = sorted(f"{r.method}:{r.name}" for r in ROUTES
                      if r.is_write() and not r.is_api() and r.probe is None
                      and any(r.expected(role) == 302 and r.should_change(role) for role in ROLES))
    missing = sorted(set(unprobed) - PROBE_PENDING)
    assert not missing, f"write rows answering 302 without a probe: {missing}"
    assert set(unprobed) >= PROBE_PENDING, f"probed now, strike from PROBE_PENDING: {sorted(PROBE_PENDING - set(unprobed))}"

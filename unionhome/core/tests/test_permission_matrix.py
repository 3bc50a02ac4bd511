"""Every route × every role → the status the matrix expects; an unlisted route fails."""
from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from unionhome.core.testing.matrix import ROLES, Route

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


def _url_names(resolver=None, prefix="") -> set[str]:
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_every_route_is_in_the_matrix():
    listed = {r.name for r in _all_routes()}
    missing = sorted(n for n in _url_names() - listed if n not in IGNORED and not n.startswith("api:openapi")
                     and not n.startswith("api:api-root"))
    assert not missing, f"routes missing from the permission matrix: {missing}"


ROUTES = _all_routes()


@pytest.mark.parametrize("route", ROUTES, ids=[f"{r.method}:{r.name}" for r in ROUTES])
def test_route_answers_each_role_as_the_matrix_says(route: Route, cast, client_for):
    url = reverse(route.name, kwargs=route.kwargs(cast) if route.kwargs else None)
    problems = []
    for role in ["anonymous", *ROLES]:
        client = client_for(None if role == "anonymous" else cast.users[role])
        body = route.data(cast) if callable(route.data) else route.data
        if route.method == "get":
            response = client.get(url, body or {})
        elif route.json:
            response = getattr(client, route.method)(url, body or {}, content_type="application/json")
        else:
            response = getattr(client, route.method)(url, body or {})
        expected = route.expected(role)
        if response.status_code != expected:
            problems.append(f"{role}: expected {expected}, got {response.status_code}")
    assert not problems, f"{route.method.upper()} {url}\n" + "\n".join(problems)

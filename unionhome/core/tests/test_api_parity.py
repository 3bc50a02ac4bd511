"""API parity (issue 13): every page that changes something has an API operation calling the same service.

Each app declares in ``<app>/tests/api_parity.py`` ``PARITY = {"page:route": "operation id" | "n/a: reason"}``.
A page route accepts POST when its view is wrapped in ``require_POST``/``require_http_methods`` or reads
``request.POST``/``request.method`` (found in the view's source, decorators included), or when the permission
matrix posts to it. The test fails when such a route is missing from every mapping, when a mapping names an
operation ``/api/v1/openapi.json`` does not list, or names a route that no longer exists or never takes a POST.
"""
from __future__ import annotations

import importlib
import inspect
import re

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from unionhome.core.tests.test_permission_matrix import ROUTES as MATRIX

# Pure UI posts of Django itself.
NOT_OURS = {"set_language": "n/a: Django's language switch (a cookie for the browser)"}
POST_SIGNS = re.compile(r"require_POST|require_http_methods|request\.POST|request\.method|form_action|button_action")


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern, f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name, pattern.callback


def _view_source(view) -> str:
    parts = []
    while view is not None:
        target = getattr(view, "view_class", None) or view
        try:
            parts.append(inspect.getsource(target))
        except (OSError, TypeError):
            pass
        view = getattr(view, "__wrapped__", None)
    return "\n".join(parts)


def post_page_routes() -> set[str]:
    posted_by_matrix = {r.name for r in MATRIX if r.method != "get" and not r.is_api()}
    found = set()
    for name, view in _patterns():
        if name.startswith("api:"):
            continue
        if name in posted_by_matrix or POST_SIGNS.search(_view_source(view)):
            found.add(name)
    return found


def parity_map() -> dict[str, str]:
    mapping = dict(NOT_OURS)
    for config in apps.get_app_configs():
        if not config.name.startswith("unionhome."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.api_parity")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{config.name}.tests", f"{config.name}.tests.api_parity"):
                raise
            continue
        overlap = mapping.keys() & module.PARITY.keys()
        assert not overlap, f"routes mapped twice: {sorted(overlap)}"
        mapping.update(module.PARITY)
    return mapping


def _operation_ids(client) -> set[str]:
    schema = client.get("/api/v1/openapi.json").json()
    return {op["operationId"] for item in schema["paths"].values() for op in item.values() if "operationId" in op}


def test_every_page_that_posts_has_an_api_operation_or_a_reason(client):
    mapping = parity_map()
    posting = post_page_routes()
    missing = sorted(posting - mapping.keys())
    assert not missing, f"page routes that accept POST with no API operation in any tests/api_parity.py: {missing}"
    operations = _operation_ids(client)
    unknown = sorted(f"{route} → {op}" for route, op in mapping.items()
                     if not op.startswith("n/a: ") and op not in operations)
    assert not unknown, f"mapped to operations /api/v1/openapi.json does not list: {unknown}"
    reasonless = sorted(route for route, op in mapping.items() if op.startswith("n/a") and len(op) < 12)
    assert not reasonless, f"'n/a' needs a reason: {reasonless}"


def test_the_mapping_names_only_page_routes_that_post(client):
    stale = sorted(set(parity_map()) - post_page_routes())
    assert not stale, f"mapped routes that do not exist or take no POST: {stale}"


def test_the_finder_sees_a_posting_view_and_skips_a_read_only_one():
    posting = post_page_routes()
    assert "funds:budget_set" in posting  # require_POST
    assert "funds:entry_new" in posting  # request.method == "POST" in the body
    assert "funds:ledger" not in posting

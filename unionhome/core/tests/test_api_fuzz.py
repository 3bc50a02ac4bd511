"""Schema-driven tests of the whole API (schemathesis): for every role of the cast, an anonymous caller and the
officer of another union, every operation of ``/api/v1/openapi.json`` is called with data generated from its schema.
No answer may be a 5xx, and every answer (the 4xx included: ``unionhome/api.py`` declares the error body for all)
must match the status codes, media type and body the document declares.

Bounded: a fixed seed (``derandomize``) and one generated request per operation (``EXAMPLES``), run in-process through Django's WSGI
handler on the test database (the election operations aimed at a real election and candidate, so they get past the
404 into their rules).
"""
from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# The time limit only catches a hang: interrupting a request mid-query leaves the connection unusable.
pytestmark = [pytest.mark.django_db, pytest.mark.timeout(1800), pytest.mark.long]

ROLES = ["anonymous", "member", "group_leader", "committee", "women_committee", "auditor", "finance",
         "hardship_officer", "chair", "federation", "admin", "outsider"]
# Generated requests per operation, each sent by every caller (12 × 93 operations): bounded for every ./test run;
# UNIONHOME_FUZZ_EXAMPLES=20 ./test unionhome/core/tests/test_api_fuzz.py searches further.
EXAMPLES = int(os.environ.get("UNIONHOME_FUZZ_EXAMPLES", "1"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
                suppress_health_check=list(HealthCheck), print_blob=True)


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler on the test database: the connection stays open between requests (as the test client
    keeps it), or the test's transaction would be lost."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _objects(cast) -> dict:
    """Real rows for the path parameters of the election operations."""
    from unionhome.elections.models import Election
    from unionhome.elections.tests import setup

    election = setup.open_online(setup.general(cast, mode=Election.Mode.ONLINE))
    return {"election_id": election.pk, "candidate_id": election.candidates.first().pk}


def _headers(cast, role) -> dict:
    from unionhome.accounts.services import token_issue

    if role == "anonymous":
        return {}
    _, key = token_issue(actor=None, user=cast.users[role], name="fuzz")
    return {"Authorization": f"Bearer {key}"}


def test_every_operation_answers_within_its_schema_for_every_role(cast, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    callers = {role: _headers(cast, role) for role in ROLES}
    known = _objects(cast)
    failures, calls = [], 0
    # The activation endpoints count wrong tries and lock the caller out by design (the same request answers 422,
    # then 429): not something a stateless fuzzer can judge; accounts/tests/test_activation*.py cover them.
    operations = [op for op in (result.ok() for result in schema.get_all_operations())
                  if not op.path.startswith("/api/v1/accounts/activate")]
    for operation in operations:
        params = {p.name for p in operation.path_parameters}
        fixed = {k: v for k, v in known.items() if k in params} if "/elections/" in operation.path else {}

        @FUZZ
        @given(case=operation.as_strategy(path_parameters=fixed or None))
        def run(case):
            nonlocal calls
            for role, headers in callers.items():  # each generated request, sent by every caller in turn
                response = case.call(headers=headers)
                calls += 1
                try:
                    case.validate_response(response, checks=CHECKS, headers=headers)
                except (Exception, BaseExceptionGroup) as exc:  # schemathesis reports a group of failed checks
                    raise AssertionError(f"as {role}: {exc}") from exc

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # every operation's failure, reported together
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    assert not failures, f"{len(failures)} operation(s) failed:\n" + "\n\n".join(failures)
    assert calls >= len(operations) * len(ROLES)


def test_a_missing_object_and_an_id_no_route_takes_answer_the_api_error_body(cast, client_for):
    """Found by the negative examples: ``/api/v1/activities/0.2`` matched no route and answered the HTML error page."""
    client = client_for(cast.users["chair"])
    for url in ("/api/v1/activities/0.2", "/api/v1/elections/-1/ballot", "/api/v1/elections/999999"):
        r = client.get(url)
        assert r.status_code == 404 and r["Content-Type"].startswith("application/json"), url
        assert r.json() == {"code": "not_found", "message": "记录不存在或无权访问"}
    assert client.get("/no-such-page/")["Content-Type"].startswith("text/html")  # pages keep their error page

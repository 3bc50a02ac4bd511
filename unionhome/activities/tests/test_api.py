import pytest

from unionhome.activities.tests.helpers import make_activity

pytestmark = pytest.mark.django_db


def _post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_losers_get_409_with_a_chinese_message_and_resubmits_are_idempotent(cast, client_for):
    a = make_activity(cast, capacity=1, waitlist=False)
    url = f"/api/v1/activities/{a.pk}/signup"
    member = client_for(cast.users["member"])
    first = _post(member, url, {"idempotency_key": "tok-1"})
    assert first.status_code == 201 and first.json()["status"] == "accepted"
    again = _post(member, url, {"idempotency_key": "tok-1"})
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    dup = _post(member, url)
    assert dup.status_code == 409 and dup.json() == {"code": "already_signed_up", "message": "已报名"}
    other = _post(client_for(cast.users["finance"]), url)
    assert other.status_code == 409 and other.json()["message"] == "名额已满"


def test_a_bearer_token_client_can_sign_up_without_csrf(cast, client):
    from unionhome.accounts.services import token_issue

    _, key = token_issue(actor=None, user=cast.users["member"], name="phone")
    a = make_activity(cast)
    r = client.post(f"/api/v1/activities/{a.pk}/signup", {}, content_type="application/json",
                    HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code == 201


def test_a_token_sign_up_costs_a_fixed_handful_of_statements(cast, client):
    """The burst path (benchmark P5): token with user, profile and roles, the activity with the worker; then in one
    transaction the INSERT, the audit row, the confirmation message (its recipient found inside its INSERT …
    SELECT) and, last, the conditional UPDATE of the activity's row — the row every sign-up of a burst locks is
    held only for that statement and the COMMIT. No re-reads, no duplicate check, no savepoint of its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from unionhome.accounts.services import token_issue

    _, key = token_issue(actor=None, user=cast.users["member"], name="phone")
    client.get("/api/v1/activities", HTTP_AUTHORIZATION=f"Bearer {key}")  # the app's list: last use just recorded
    a = make_activity(cast, capacity=5)
    with CaptureQueriesContext(connection) as queries:
        r = client.post(f"/api/v1/activities/{a.pk}/signup", {}, content_type="application/json",
                        HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code == 201
    sql = [q["sql"] for q in queries.captured_queries]
    # The test runs inside a transaction, so the service's own transaction shows as one savepoint pair (BEGIN and
    # COMMIT in production); the message has none of its own.
    assert sum(q.startswith("SAVEPOINT") for q in sql) == 1, sql
    statements = [q for q in sql if not q.upper().startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"))]
    # PostgreSQL: the token with its login, profile and roles (its use recorded in the same statement when due),
    # the activity with the member — then the four writes. SQLite reads the roles apart (no data-modifying CTE).
    assert len(statements) == (6 if connection.vendor == "postgresql" else 7), statements
    assert statements[-5].startswith("SELECT x.") and '"members_worker"' in statements[-5]
    assert statements[-1].startswith('UPDATE "activities_activity"'), statements
    assert sql[-1].startswith("RELEASE")  # the UPDATE is the transaction's last statement
    assert statements[-2].startswith('INSERT INTO "notifications_notification"') and " SELECT " in statements[-2]
    assert cast.users["member"].notifications.get().event == "activities.signup_confirmed"


def test_the_sign_up_answer_is_the_schemas_body(cast, client_for):
    """The sign-up renders its ``SignupOut`` body itself (no schema validation on the burst path): byte for byte what
    django-ninja renders through the schema, with the same status and content type — a new sign-up and a resubmit."""
    from ninja.renderers import JSONRenderer

    from unionhome.activities.api import SignupOut
    from unionhome.activities.models import Signup

    a = make_activity(cast, capacity=5)
    member = client_for(cast.users["member"])
    for _ in range(2):
        r = _post(member, f"/api/v1/activities/{a.pk}/signup", {"idempotency_key": "k-1"})
        assert r.status_code == 201 and r["Content-Type"] == "application/json; charset=utf-8"
        row = Signup.objects.get(pk=r.json()["id"])
        assert r.content.decode() == JSONRenderer().render(None, SignupOut.from_orm(row).model_dump(), response_status=201)
    assert set(r.json()) == set(SignupOut.model_fields) and r.json()["status"] == "accepted"


def test_dashboard_shows_overdue_loans_to_room_managers(cast, client_for):
    import datetime as dt

    from django.utils import timezone

    from unionhome.activities.services_room import asset_create, loan_create

    book = asset_create(actor=None, union=cast.union, name="《活着》", code="B-1", category="book")
    loan_create(actor=None, asset=book, worker=cast.workers["member"], lent_on=timezone.localdate() - dt.timedelta(days=60))
    assert "逾期未还" in client_for(cast.users["chair"]).get("/").content.decode()
    assert "逾期未还" not in client_for(cast.users["member"]).get("/").content.decode()


def test_the_sign_up_read_takes_the_member_without_their_encrypted_fields_and_only_in_the_union(cast):
    """``signup_parties``: the activity and the member in one statement; the member's ID number, mobile and address
    are not read (nor decrypted); another union's activity or member is a 404, as before."""
    import pytest
    from django.http import Http404

    from unionhome.activities.queries import signup_parties

    a = make_activity(cast, capacity=5)
    activity, worker = signup_parties(cast.union, a.pk, cast.workers["member"].pk)
    assert activity.pk == a.pk and activity.union == cast.union and worker.pk == cast.workers["member"].pk
    assert {"id_number", "mobile", "address"} <= worker.get_deferred_fields()
    assert worker.membership.status == cast.workers["member"].membership.status
    with pytest.raises(Http404):
        signup_parties(cast.other_union, a.pk, cast.workers["member"].pk)
    other = make_activity(cast, union=cast.other_union, actor=cast.users["outsider"])
    with pytest.raises(Http404):
        signup_parties(cast.union, other.pk, cast.workers["member"].pk)
    with pytest.raises(Http404):
        signup_parties(cast.other_union, other.pk, cast.workers["member"].pk)  # our member, their activity

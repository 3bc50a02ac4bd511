"""``core.statements``: a statement built once per process, and ``insert_row`` writing what the ORM writes."""
import pytest
from django.db.models import signals

from unionhome.core.audit import audit_log
from unionhome.core.models import AuditEntry
from unionhome.core.statements import built_once, insert_row

pytestmark = pytest.mark.django_db


def test_built_once_builds_a_statement_once_per_key():
    calls = []
    first = built_once(("test_statements", 1), lambda: calls.append(1) or "SELECT 1")
    again = built_once(("test_statements", 1), lambda: calls.append(1) or "SELECT 2")
    assert first == again == "SELECT 1" and calls == [1]


@pytest.mark.parametrize("model_path", ["unionhome.core.models.AuditEntry", "unionhome.activities.models.Signup"])
def test_nothing_listens_to_the_signals_insert_row_does_not_send(model_path):
    """``insert_row`` sends no pre/post_save: a receiver connected to these models would be skipped silently."""
    from django.utils.module_loading import import_string

    model = import_string(model_path)
    for signal in (signals.pre_save, signals.post_save):
        assert not signal.has_listeners(model), (signal, model)


def test_an_audit_row_is_the_row_the_orm_reads_back(cast):
    user = cast.users["chair"]
    entry = audit_log(actor=user, action="test.thing.done", union=cast.union, target=cast.workers["member"],
                      before={"a": 1}, after={"b": [1, "二"]}, note="备注")
    stored = AuditEntry.objects.get(pk=entry.pk)
    names = [f.attname for f in AuditEntry._meta.concrete_fields]
    assert [getattr(entry, n) for n in names] == [getattr(stored, n) for n in names]
    assert not entry._state.adding and entry.actor == user
    assert (stored.union_id, stored.actor_id, stored.actor_name, stored.target_type, stored.target_id) == (
        cast.union.pk, user.pk, user.get_username(), "members.worker", str(cast.workers["member"].pk))
    assert stored.after == {"b": [1, "二"]} and stored.at is not None and stored.target_label


def test_insert_row_fills_defaults_and_timestamps_as_create_does(cast):
    from unionhome.activities.models import Signup
    from unionhome.activities.tests.helpers import make_activity

    a = make_activity(cast, capacity=5)
    worker = cast.workers["member"]
    row = insert_row(Signup, {"union_id": cast.union.pk, "activity_id": a.pk, "worker_id": worker.pk,
                              "status": "accepted"}, activity=a, worker=worker)
    stored = Signup.objects.get(pk=row.pk)
    assert stored.source == "self" and len(stored.checkin_code) >= 6 and stored.checkin_code == row.checkin_code
    assert stored.created_at == row.created_at == stored.updated_at and stored.group_id is None
    assert row.activity is a and str(row) == str(stored)


def _prepared_audit_inserts(connection) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                       ['INSERT INTO "core_auditentry"%'])
        return cursor.fetchone()[0]


def test_the_burst_statements_are_prepared_on_postgresql_and_only_they(cast, settings):
    """PostgreSQL plans a statement sent with ``statement_cursor`` once per connection (planning the token read cost
    more than running it); other queries keep Django's client-side binding and are never prepared."""
    from django.db import connection

    from unionhome.core.statements import statement_cursor

    if connection.vendor != "postgresql":
        with statement_cursor() as cursor:  # elsewhere a plain cursor
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
        return
    settings.UNIONHOME_PG_PREPARED = True
    before = _prepared_audit_inserts(connection)
    audit_log(actor=cast.users["chair"], action="test.thing.done", union=cast.union)
    assert _prepared_audit_inserts(connection) == before + 1
    audit_log(actor=cast.users["chair"], action="test.thing.done", union=cast.union)
    assert _prepared_audit_inserts(connection) == before + 1  # the same statement, prepared once
    AuditEntry.objects.create(union=cast.union, action="test.orm", actor_name="x")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement NOT LIKE %s",
                       ['INSERT INTO "core_auditentry" ("at"%'])
        assert cursor.fetchone()[0] == 0  # the ORM's own queries: never prepared


def test_preparing_is_turned_off_by_the_setting(cast, settings):
    from django.db import connection

    from unionhome.core.statements import statement_cursor

    settings.UNIONHOME_PG_PREPARED = False
    with statement_cursor() as cursor:
        assert type(cursor.cursor) is type(connection.cursor().cursor)  # Django's own cursor


def test_the_wsgi_application_builds_the_url_conf_as_the_server_starts():
    """Not on each worker's first request (≈ 1.6 s of CPU building the API): gunicorn --preload shares it."""
    import subprocess
    import sys

    code = ("import sys; import unionhome.wsgi; "
            "print('unionhome.api' in sys.modules and 'unionhome.activities.api' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"

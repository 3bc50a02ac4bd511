"""Statements built once per process, for the burst paths (benchmarks P5/P6, issue 14 §5).

Building a statement through the ORM (a query set, its compiler, the model's fields) costs more CPU than sending
it; on a path that runs thousands of times a minute the same SQL is built once per process and kept here:
``built_once(key, build)``. ``insert_row`` writes one row of a model with such a statement (``INSERT … RETURNING``
its id) and returns the instance as ``Model.objects.create`` would: every concrete column written, ``auto_now``/
``auto_now_add`` stamped, defaults filled, each value prepared by its own field for this database. It sends no
``pre_save``/``post_save`` signal: use it only for models nothing listens to (``test_statements`` checks the ones
that use it).

``statement_cursor()`` is the cursor these statements are sent with. On PostgreSQL it binds parameters on the server
and the statement is prepared on the connection at its first use: parsed and planned once per connection, not on
every call. Planning was most of what PostgreSQL spent on the burst paths (2026-12-01, pg_stat_statements during a
sign-up burst: the token read 0.94 ms to plan and 0.18 ms to run, the activity with the member 0.39 ms and
0.05 ms). Every other query keeps Django's client-side binding, never prepared (Django's default, safe behind a
transaction-pooling proxy): ``UNIONHOME_PG_PREPARED=0`` turns preparing off for these too, for such a proxy.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

_BUILT: dict = {}


def built_once(key, build: Callable[[], Any]) -> Any:
    """``build()``'s result for ``key``, built on the first call in this process and kept (a statement, its columns,
    its converters). ``key`` names everything the result depends on (the model, the variant)."""
    try:
        return _BUILT[key]
    except KeyError:
        _BUILT[key] = value = build()
        return value


def statement_cursor(conn=None):
    """A cursor for a statement built once (see the module's text): prepared on PostgreSQL, a plain one elsewhere.
    Like ``connection.cursor()`` it is wrapped by Django (query logging, ``execute_wrapper``, errors) and used in a
    ``with`` block. ``conn``: the default database's connection, when the caller already holds it (each use of the
    ``django.db.connection`` proxy looks the connection up again; this runs several times per burst request)."""
    conn = conn or connections[DEFAULT_DB_ALIAS]
    if conn.vendor != "postgresql" or not settings.UNIONHOME_PG_PREPARED or conn.queries_logged:
        # Where queries are logged (DEBUG, a test counting statements) Django's own cursor, whose log shows each
        # statement with its values: Django cannot read a prepared statement's text back.
        return conn.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    conn.ensure_connection()
    raw = conn.connection
    if raw.prepare_threshold is None:  # Django turns preparing off; only server-binding cursors prepare at all
        raw.prepare_threshold = 0
    conn.validate_thread_sharing()
    return conn.make_cursor(ServerBindingCursor(raw))


def _insert_statement(model, conn) -> tuple[str, list, list, int]:
    """``INSERT INTO table (every concrete column but the id) VALUES (…) RETURNING id`` — shaped as the ORM writes
    it — the fields in that order and, for each, how its value is made when the caller gives none."""
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    q = conn.ops.quote_name
    table = q(meta.db_table)
    sql = (f"INSERT INTO {table} ({', '.join(q(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    if conn.features.can_return_columns_from_insert:
        sql += f" RETURNING {table}.{q(meta.pk.column)}"
    stamped = [bool(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)) for f in fields]
    at = [f.primary_key for f in meta.concrete_fields].index(True)  # where the id goes among from_db's values
    return sql, fields, stamped, at


def insert_row(model, values: dict[str, Any], **related):
    """Write one row of ``model`` and return it as an instance (``from_db``: not ``adding``, in this database).

    ``values`` by attname (``union_id``, ``status``, …); a column not given gets ``now`` when it is ``auto_now`` or
    ``auto_now_add``, else the field's default. ``related`` (``activity=activity``) sets already loaded related
    instances on the result, so that reading them costs no query."""
    conn = connections[DEFAULT_DB_ALIAS]
    sql, fields, stamped, at = built_once(("insert_row", model, conn.alias), lambda: _insert_statement(model, conn))
    now = None
    row = []
    for f, stamp in zip(fields, stamped, strict=True):
        if f.attname in values:
            value = values[f.attname]
        elif stamp:
            value = now = now or timezone.now()
        else:
            value = f.get_default()
        row.append(value)
    params = [f.get_db_prep_save(v, conn) for f, v in zip(fields, row, strict=True)]
    returning = conn.features.can_return_columns_from_insert
    with statement_cursor(conn) as cursor:
        cursor.execute(sql, params)
        pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    row.insert(at, pk)
    obj = model.from_db(conn.alias, None, row)  # every concrete field, in their order
    for name, instance in related.items():
        if instance is not None:
            setattr(obj, name, instance)
    return obj

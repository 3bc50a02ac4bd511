"""A deliberate, logged window in which audit rows may be deleted (retention purge, test flush)."""
from __future__ import annotations

import contextlib

from django.db import connection


@contextlib.contextmanager
def audit_maintenance():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('unionhome.audit_maintenance', 'on', false)")
        else:
            cursor.execute("INSERT INTO core_audit_maintenance (unlocked) VALUES (1)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config('unionhome.audit_maintenance', 'off', false)")
            else:
                cursor.execute("DELETE FROM core_audit_maintenance")

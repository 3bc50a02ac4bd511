"""The database refuses UPDATE and DELETE on ledger entries: a mistake is reversed by a new entry.

Same pattern and the same maintenance window as the audit table (core 0003): on PostgreSQL the session
setting ``unionhome.audit_maintenance`` lets a DELETE through, on SQLite a row in ``core_audit_maintenance``
(the test flush opens that window; PostgreSQL flushes with TRUNCATE, which row triggers do not see).
"""
from django.db import migrations

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS funds_ledgerentry_no_update BEFORE UPDATE ON funds_ledgerentry
       BEGIN SELECT RAISE(ABORT, 'ledger entries are immutable'); END;""",
    """CREATE TRIGGER IF NOT EXISTS funds_ledgerentry_no_delete BEFORE DELETE ON funds_ledgerentry
       WHEN NOT EXISTS (SELECT 1 FROM core_audit_maintenance WHERE unlocked = 1)
       BEGIN SELECT RAISE(ABORT, 'ledger entries are immutable'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS funds_ledgerentry_no_update;",
    "DROP TRIGGER IF EXISTS funds_ledgerentry_no_delete;",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION funds_ledgerentry_immutable() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE' AND current_setting('unionhome.audit_maintenance', true) = 'on' THEN
           RETURN OLD;
         END IF;
         RAISE EXCEPTION 'ledger entries are immutable';
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER funds_ledgerentry_no_change BEFORE UPDATE OR DELETE ON funds_ledgerentry
       FOR EACH ROW EXECUTE FUNCTION funds_ledgerentry_immutable();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS funds_ledgerentry_no_change ON funds_ledgerentry;",
    "DROP FUNCTION IF EXISTS funds_ledgerentry_immutable();",
]


def forwards(apps, schema_editor):
    for sql in POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for sql in POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("funds", "0003_welfare_policies_fujian_anhui_2018"), ("core", "0003_audit_rows_immutable")]
    operations = [migrations.RunPython(forwards, backwards)]

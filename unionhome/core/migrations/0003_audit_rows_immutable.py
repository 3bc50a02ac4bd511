"""The database itself refuses UPDATE and DELETE on audit rows (MLPS 安全审计: protected from change).

Only a maintenance window opened by ``core.audit_maintenance.audit_maintenance()``
(retention purge, test-database flush) lets deletes through: on PostgreSQL the
session setting ``unionhome.audit_maintenance``, on SQLite a row in
``core_audit_maintenance`` (not a Django model, so flush never touches it).
"""
from django.db import migrations

SQLITE = [
    "CREATE TABLE IF NOT EXISTS core_audit_maintenance (unlocked integer NOT NULL);",
    """CREATE TRIGGER IF NOT EXISTS core_auditentry_no_update BEFORE UPDATE ON core_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit rows are immutable'); END;""",
    """CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete BEFORE DELETE ON core_auditentry
       WHEN NOT EXISTS (SELECT 1 FROM core_audit_maintenance WHERE unlocked = 1)
       BEGIN SELECT RAISE(ABORT, 'audit rows are immutable'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete;",
    "DROP TABLE IF EXISTS core_audit_maintenance;",
]

POSTGRES = [
    """CREATE OR REPLACE FUNCTION core_auditentry_immutable() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE' AND current_setting('unionhome.audit_maintenance', true) = 'on' THEN
           RETURN OLD;
         END IF;
         RAISE EXCEPTION 'audit rows are immutable';
       END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER core_auditentry_no_change BEFORE UPDATE OR DELETE ON core_auditentry
       FOR EACH ROW EXECUTE FUNCTION core_auditentry_immutable();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_change ON core_auditentry;",
    "DROP FUNCTION IF EXISTS core_auditentry_immutable();",
]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_relations_and_constraints")]
    operations = [migrations.RunPython(forwards, backwards)]

"""On PostgreSQL the database itself refuses overlapping live bookings of one room
(an exclusion constraint over tstzrange); SQLite relies on the service's room lock."""
from django.db import migrations

ADD = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE activities_booking ADD CONSTRAINT booking_no_overlap
  EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status = 'booked');
"""
DROP = "ALTER TABLE activities_booking DROP CONSTRAINT IF EXISTS booking_no_overlap;"


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_activities_signups_room")]
    operations = [migrations.RunPython(add, drop)]

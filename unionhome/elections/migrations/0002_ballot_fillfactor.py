"""PostgreSQL: fill ballot pages only to a quarter, so filling a pre-allocated blank ballot rewrites it
on its own (randomly placed) page instead of appending it at the end of the table in voting order."""
from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE elections_ballot SET (fillfactor = 25)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE elections_ballot RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [("elections", "0001_elections_ballots_and_counts")]
    operations = [migrations.RunPython(forwards, backwards)]

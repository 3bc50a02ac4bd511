from django.db import migrations

APP = 'competitions'
CHECKED = [('Prize', 'ledger_entry_id')]


def links_held_by_the_ledger(apps, schema_editor):
    """Before the column goes: every entry it names must already point back at its record (``source_type`` and
    ``source_id``, set by every posting since funds 0001), so no link is lost. A row the ledger does not know
    stops the migration instead of being dropped silently."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    LedgerEntry = apps.get_model("funds", "LedgerEntry")
    for model_name, column in CHECKED:
        model = apps.get_model(APP, model_name)
        content_type = ContentType.objects.filter(app_label=APP, model=model_name.lower()).first()
        for pk, entry_id in model.objects.exclude(**{column: None}).values_list("pk", column):
            if not LedgerEntry.objects.filter(pk=entry_id, source_type=content_type, source_id=str(pk)).exists():
                raise RuntimeError(f"{APP}.{model_name} #{pk}: ledger entry {entry_id} does not name it as its source")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('funds', '0008_payout_request_to_chair'),
        ('competitions', '0002_competition_belongs_to_activity'),
    ]

    operations = [
        migrations.RunPython(links_held_by_the_ledger, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='prize',
            name='ledger_entry_id',
        ),
    ]

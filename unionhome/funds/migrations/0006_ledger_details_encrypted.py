"""Ledger counterparties and notes encrypted at rest; welfare and assistance entries marked confidential.

Add → backfill → remove: new encrypted columns are filled from the plain ones, the plain ones dropped and the
new ones take their names. Ledger rows refuse UPDATE (0004), so the backfill lifts that trigger for its own
statements only; SQLite rebuilds the table on these schema changes, which drops its triggers, so they are
created again at the end.
"""
from django.db import migrations, models

import unionhome.core.crypto

NO_UPDATE_SQLITE = "funds_ledgerentry_no_update"


def _triggers_off(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE funds_ledgerentry DISABLE TRIGGER funds_ledgerentry_no_change;")
    else:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {NO_UPDATE_SQLITE};")


def _triggers_on(schema_editor):
    from importlib import import_module

    immutable = import_module("unionhome.funds.migrations.0004_ledger_rows_immutable")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE funds_ledgerentry ENABLE TRIGGER funds_ledgerentry_no_change;")
    else:
        for sql in immutable.SQLITE:  # IF NOT EXISTS: idempotent
            schema_editor.execute(sql)


def _copy(apps, schema_editor, pairs, confidential: bool):
    LedgerEntry = apps.get_model("funds", "LedgerEntry")
    WelfarePayout = apps.get_model("funds", "WelfarePayout")
    ContentType = apps.get_model("contenttypes", "ContentType")
    sensitive_types = set(ContentType.objects.filter(app_label="care", model__in=["assistance", "carevisit"])
                          .values_list("pk", flat=True))
    welfare_entries = set(WelfarePayout.objects.values_list("entry_id", flat=True))
    _triggers_off(schema_editor)
    try:
        for entry in LedgerEntry.objects.all().iterator():
            for old, new in pairs:
                setattr(entry, new, getattr(entry, old))
            fields = [new for _, new in pairs]
            if confidential:
                entry.confidential = (entry.pk in welfare_entries or entry.source_type_id in sensitive_types
                                      or (entry.reverses_id is not None and entry.reverses_id in welfare_entries))
                fields.append("confidential")
            entry.save(update_fields=fields)
    finally:
        _triggers_on(schema_editor)


def forwards(apps, schema_editor):
    _copy(apps, schema_editor, [("note", "note_secret"), ("counterparty", "counterparty_secret")], True)


def backwards(apps, schema_editor):
    _copy(apps, schema_editor, [("note_secret", "note"), ("counterparty_secret", "counterparty")], False)


def recreate_triggers(apps, schema_editor):
    _triggers_on(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("funds", "0005_welfare_payout_reversed"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [
        migrations.AddField("ledgerentry", "note_secret",
                            unionhome.core.crypto.EncryptedTextField(blank=True, default="", mask="all",
                                                                     verbose_name="摘要")),
        migrations.AddField("ledgerentry", "counterparty_secret",
                            unionhome.core.crypto.EncryptedTextField(blank=True, default="", mask="all",
                                                                     verbose_name="对方单位/个人")),
        migrations.AddField("ledgerentry", "confidential",
                            models.BooleanField(default=False, verbose_name="涉及个人困难或健康信息")),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField("ledgerentry", "note"),
        migrations.RemoveField("ledgerentry", "counterparty"),
        migrations.RenameField("ledgerentry", "note_secret", "note"),
        migrations.RenameField("ledgerentry", "counterparty_secret", "counterparty"),
        migrations.RunPython(recreate_triggers, migrations.RunPython.noop),
    ]

"""Re-encrypt every EncryptedTextField with the first key of UNIONHOME_FIELD_KEYS.

Rotation: put the new key first (keep the old ones after it), run this command,
then remove the old keys once it reports nothing left under them.
"""
from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from unionhome.core.audit import audit_log
from unionhome.core.crypto import EncryptedTextField, _ring, key_id_of

BATCH = 500


def encrypted_fields():
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if fields:
            yield model, fields


def rotate(*, stdout=None) -> dict[str, int]:
    """Re-encrypt the rows not yet under the current key; returns rows rewritten per model."""
    current, _keys = _ring()
    report = {}
    for model, fields in encrypted_fields():
        table = connection.ops.quote_name(model._meta.db_table)
        pk = connection.ops.quote_name(model._meta.pk.column)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        rewritten = 0
        with transaction.atomic():
            # Read the stored (encrypted) text to see which key each value is under.
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {pk}, {columns} FROM {table}")
                stale = [row[0] for row in cursor.fetchall()
                         if any(value and key_id_of(value) != current for value in row[1:])]
            for start in range(0, len(stale), BATCH):
                objs = list(model._base_manager.filter(pk__in=stale[start:start + BATCH]))
                # Saving the decrypted value encrypts it again with the first key.
                model._base_manager.bulk_update(objs, [f.name for f in fields])
                rewritten += len(objs)
            if rewritten:
                audit_log(actor=None, action="core.field_keys.rotated", target_label=model._meta.label,
                          after={"rows": rewritten, "key": current})
        report[model._meta.label] = rewritten
        if stdout is not None:
            stdout.write(f"{model._meta.label}: {rewritten} 行已用密钥 {current} 重新加密")
    return report


class Command(BaseCommand):
    help = "用第一把字段密钥重新加密所有加密字段（密钥轮换）"

    def handle(self, *args, **options):
        try:
            rotate(stdout=self.stdout)
        except Exception as exc:  # a missing old key: nothing was changed in that model's transaction
            raise CommandError(f"密钥轮换失败：{exc}") from exc

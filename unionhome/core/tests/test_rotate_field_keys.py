import base64
import os

import pytest
from django.core.management import call_command
from django.db import connection

from unionhome.core.models import AuditEntry
from unionhome.members.models import Worker

pytestmark = pytest.mark.django_db
NEW_KEY = "k2:" + base64.b64encode(os.urandom(32)).decode()


def stored(column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {column} FROM members_worker ORDER BY id")
        return cursor.fetchall()


def test_rotation_re_encrypts_every_row_with_the_first_key_and_loses_none(cast, settings):
    plain = {w.pk: (w.id_number, w.mobile) for w in Worker.objects.all()}
    assert all(value.startswith("enc:k1:") for _pk, value in stored("id_number"))
    old_keys = list(settings.FIELD_ENCRYPTION_KEYS)
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, *old_keys]
    call_command("rotate_field_keys", stdout=open(os.devnull, "w"))
    for column in ("id_number", "mobile"):
        assert all(value.startswith("enc:k2:") for _pk, value in stored(column) if value)
    # the old key can now go: every value still reads back the same, and nothing was lost
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    assert {w.pk: (w.id_number, w.mobile) for w in Worker.objects.all()} == plain
    assert AuditEntry.objects.filter(action="core.field_keys.rotated", target_label="members.Worker").exists()
    # a second run has nothing left to do
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, *old_keys]
    from unionhome.core.management.commands.rotate_field_keys import rotate

    assert rotate()["members.Worker"] == 0

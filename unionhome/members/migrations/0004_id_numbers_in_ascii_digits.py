"""ID numbers stored with full-width or other-script digits (accepted before core.idcard.normalise mapped them)
are rewritten in ASCII digits and X, with their blind index and tail, so the duplicate check and the ID-tail
search find them. A row whose ASCII form is already on the union's roster (the same person entered twice)
is left as it is, for the officers to merge."""
import hashlib
import hmac
import unicodedata

from django.conf import settings
from django.db import migrations

_X = frozenset("xXｘＸ")


def _ascii(value: str) -> str:  # the rule of core.idcard.normalise, frozen here as migrations must be
    out = []
    for ch in value or "":
        if ch.isspace() or unicodedata.category(ch) == "Cf":
            continue
        if ch in _X:
            out.append("X")
            continue
        digit = unicodedata.digit(ch, None) if not ch.isascii() else None
        out.append(str(digit) if digit is not None else ch.upper() if ch.isascii() else ch)
    return "".join(out)


def forwards(apps, schema_editor):
    Worker = apps.get_model("members", "Worker")
    key = settings.BLIND_INDEX_KEY.encode()
    for worker in Worker.objects.only("pk", "union_id", "id_number").iterator(chunk_size=2000):
        number = worker.id_number or ""
        fixed = _ascii(number)
        if fixed == number:
            continue
        digest = hmac.new(key, fixed.strip().upper().encode(), hashlib.sha256).hexdigest()
        if Worker.objects.filter(union_id=worker.union_id, id_number_hash=digest).exclude(pk=worker.pk).exists():
            continue
        worker.id_number, worker.id_number_hash, worker.id_tail = fixed, digest, fixed[-4:]
        worker.save(update_fields=["id_number", "id_number_hash", "id_tail"])


class Migration(migrations.Migration):
    dependencies = [("members", "0003_search_indexes")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

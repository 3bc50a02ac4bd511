"""The needy file's cause, the household members' occupation and assistance notes encrypted at rest.

Add → backfill → remove: each plain column is copied into a new encrypted one, dropped, and the encrypted
one takes its name.
"""
from django.db import migrations

import unionhome.core.crypto

FIELDS = [  # model, field, verbose name, blank
    ("hardshipfile", "cause", "致困原因", False),
    ("hardshipfile", "cause_detail", "致困情况说明", True),
    ("householdmember", "occupation", "工作/就学情况", True),
    ("assistance", "description", "内容", True),
]
MODEL_NAMES = {"hardshipfile": "HardshipFile", "householdmember": "HouseholdMember", "assistance": "Assistance"}


def _copy(apps, suffix_from: str, suffix_to: str):
    for model_name in MODEL_NAMES.values():
        model = apps.get_model("care", model_name)
        pairs = [(f + suffix_from, f + suffix_to) for m, f, _, _ in FIELDS if MODEL_NAMES[m] == model_name]
        for row in model.objects.all().iterator():
            for old, new in pairs:
                setattr(row, new, getattr(row, old) or "")
            row.save(update_fields=[new for _, new in pairs])


def forwards(apps, schema_editor):
    _copy(apps, "", "_secret")


def backwards(apps, schema_editor):
    _copy(apps, "_secret", "")


CAUSES = [("illness", "本人或家属患病"), ("disability", "残疾"), ("accident", "意外事故/灾害"), ("schooling", "子女就学"),
          ("unemployment", "下岗失业"), ("low_income", "收入低"), ("other", "其他")]


def _add(model, field, label, blank):
    extra = {"choices": CAUSES} if field == "cause" else {}
    encrypted = unionhome.core.crypto.EncryptedTextField(blank=blank, default="", mask="all", verbose_name=label,
                                                         **extra)
    # The cause is required: its default only fills existing rows before the backfill.
    return migrations.AddField(model, field + "_secret", encrypted, preserve_default=blank)


class Migration(migrations.Migration):
    dependencies = [("care", "0002_household_rows_id_number_and_own_income")]

    operations = (
        [_add(m, f, label, blank) for m, f, label, blank in FIELDS]
        + [migrations.RunPython(forwards, backwards)]
        + [migrations.RemoveField(m, f) for m, f, _, _ in FIELDS]
        + [migrations.RenameField(m, f + "_secret", f) for m, f, _, _ in FIELDS]
    )

from django.db import migrations


class Migration(migrations.Migration):
    """The group leader is now ``committees.GroupLeader``: committees 0004 copies every leader before this
    migration drops the column (it declares ``run_before`` this one, so org never depends on an app above it)."""

    dependencies = [
        ('org', '0003_merge_founding_date_and_natural_order'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='uniongroup',
            name='leader',
        ),
    ]

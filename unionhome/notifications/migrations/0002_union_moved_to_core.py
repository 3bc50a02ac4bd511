import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """``union`` points at ``core.Union`` (moved from org, same table): state only, no database change."""

    run_before = [
        ('org', '0005_union_moved_to_core'),
    ]

    dependencies = [
        ('core', '0004_union_moved_here'),
        ('notifications', '0001_inbox_deliveries_preferences'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='notification',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.union', verbose_name='工会'),
            ),
        ]),
    ]

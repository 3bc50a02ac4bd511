import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """``union`` points at ``core.Union`` (moved from org, same table): state only, no database change."""

    run_before = [
        ('org', '0005_union_moved_to_core'),
    ]

    dependencies = [
        ('core', '0004_union_moved_here'),
        ('members', '0007_join_applications'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='joinapplication',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='joinlink',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='membership',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='membershipevent',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='worker',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
        ]),
    ]

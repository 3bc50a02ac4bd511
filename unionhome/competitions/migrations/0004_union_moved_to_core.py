import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """``union`` points at ``core.Union`` (moved from org, same table): state only, no database change."""

    run_before = [
        ('org', '0005_union_moved_to_core'),
    ]

    dependencies = [
        ('competitions', '0003_ledger_link_is_the_entrys_source'),
        ('core', '0004_union_moved_here'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='competition',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='entry',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='match',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='prize',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
        ]),
    ]

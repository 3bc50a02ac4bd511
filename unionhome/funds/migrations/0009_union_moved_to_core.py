import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """``union`` points at ``core.Union`` (moved from org, same table): state only, no database change."""

    run_before = [
        ('org', '0005_union_moved_to_core'),
    ]

    dependencies = [
        ('core', '0004_union_moved_here'),
        ('funds', '0008_payout_request_to_chair'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='budget',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='duespayment',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='duesrate',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='entryattachment',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='entrycomment',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='ledgerbook',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='ledgerentry',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='ledgeropening',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='payoutrequest',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='periodsignoff',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='welfarepayout',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
        ]),
    ]

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """``union`` points at ``core.Union`` (moved from org, same table): state only, no database change."""

    run_before = [
        ('org', '0005_union_moved_to_core'),
    ]

    dependencies = [
        ('care', '0004_ledger_link_is_the_entrys_source'),
        ('core', '0004_union_moved_here'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='assistance',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='blooddrive',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='bloodvolunteer',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='carevisit',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='consent',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='donation',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='donationdrive',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='hardshipfile',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='healthcheckcampaign',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='healthcheckinvite',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='healthcheckslot',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='householdmember',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='publication',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='visitphoto',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='warmthcampaign',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='warmthvisit',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
        ]),
    ]

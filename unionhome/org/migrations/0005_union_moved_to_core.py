import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """``Union`` now lives in core (same table, ``org_union``): only Django's picture of the models changes,
    no table or column. Every app's migration that re-points its ``union`` field declares ``run_before``
    this one, so org depends on nothing above it."""


    dependencies = [
        ('core', '0004_union_moved_here'),
        ('org', '0004_group_leader_moved_to_committees'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='uniongroup',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.AlterField(
                model_name='unit',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='工会'),
            ),
            migrations.DeleteModel(
                name='Union',
            ),
        ]),
    ]

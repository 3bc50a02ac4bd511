import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """``union`` points at ``core.Union`` (moved from org, same table): state only, no database change."""

    run_before = [
        ('org', '0005_union_moved_to_core'),
    ]

    dependencies = [
        ('accounts', '0005_activation_codes_and_office_roles'),
        ('core', '0004_union_moved_here'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='activationcode',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.union'),
            ),
            migrations.AlterField(
                model_name='roleassignment',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.union'),
            ),
            migrations.AlterField(
                model_name='rolegrantrequest',
                name='union',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.union'),
            ),
        ]),
    ]

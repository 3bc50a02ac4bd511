"""The policy's caps and festivals now live in rows (0009 copied them); the JSON columns go, in their own
migration so that PostgreSQL alters the table in a transaction with no pending row checks."""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("funds", "0010_welfare_policy_rows_and_national_rule")]
    operations = [
        migrations.RemoveField(
            model_name='welfarepolicy',
            name='caps',
        ),
        migrations.RemoveField(
            model_name='welfarepolicy',
            name='festivals',
        ),
    ]

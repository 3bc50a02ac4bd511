import django.db.models.deletion
from django.db import migrations, models



def _rename(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="union").exists():
        ContentType.objects.filter(app_label=old, model="union").update(app_label=new)


def content_type_moved(apps, schema_editor):
    _rename(apps, "org", "core")


def content_type_moved_back(apps, schema_editor):
    _rename(apps, "core", "org")


class Migration(migrations.Migration):
    """``Union`` moves here from org keeping its table ``org_union`` (it is the tenant every row, audit entry and
    rule setting points at, so it sits in the lowest layer). State only: the database does not change,
    except that the content type is renamed so permissions and generic links follow the model."""


    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0003_audit_rows_immutable'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='Union',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=100, verbose_name='名称')),
                    ('code', models.CharField(max_length=40, unique=True, verbose_name='代码')),
                    ('kind', models.CharField(choices=[('federation', '总工会/上级工会'), ('grassroots', '基层工会')], default='grassroots', max_length=20, verbose_name='类型')),
                    ('path', models.CharField(db_index=True, default='', editable=False, max_length=255)),
                    ('province', models.CharField(blank=True, max_length=20, verbose_name='省份')),
                    ('credit_code', models.CharField(blank=True, max_length=18, verbose_name='统一社会信用代码')),
                    ('address', models.CharField(blank=True, max_length=200, verbose_name='地址')),
                    ('founded_on', models.DateField(blank=True, null=True, verbose_name='成立日期')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='core.union', verbose_name='上级工会')),
                ],
                options={
                    'verbose_name': '工会',
                    'db_table': 'org_union',
                    'ordering': ['path'],
                },
            ),
            migrations.AlterField(
                model_name='auditentry',
                name='union',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union'),
            ),
            migrations.AlterField(
                model_name='rulesetting',
                name='union',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.union'),
            ),
            migrations.AddConstraint(
                model_name='union',
                constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['federation', 'grassroots'])), name='union_kind_valid'),
            ),
        ]),
        migrations.RunPython(content_type_moved, content_type_moved_back),
    ]

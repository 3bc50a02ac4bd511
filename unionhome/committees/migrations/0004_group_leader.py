import django.db.models.deletion
from django.db import migrations, models


def leaders_copied(apps, schema_editor):
    """Every group's leader (``org.UnionGroup.leader``) becomes a ``GroupLeader`` row, before org drops it."""
    UnionGroup = apps.get_model("org", "UnionGroup")
    GroupLeader = apps.get_model("committees", "GroupLeader")
    GroupLeader.objects.bulk_create(
        GroupLeader(union_id=g.union_id, group_id=g.pk, worker_id=g.leader_id)
        for g in UnionGroup.objects.exclude(leader_id=None).only("pk", "union_id", "leader_id"))


def leaders_restored(apps, schema_editor):
    UnionGroup = apps.get_model("org", "UnionGroup")
    for row in apps.get_model("committees", "GroupLeader").objects.all():
        UnionGroup.objects.filter(pk=row.group_id).update(leader_id=row.worker_id)


class Migration(migrations.Migration):
    run_before = [
        ('org', '0004_group_leader_moved_to_committees'),
    ]

    dependencies = [
        ('committees', '0003_term_organiser_and_reschedule'),
        ('members', '0005_surname_pinyin'),
        ('org', '0003_merge_founding_date_and_natural_order'),
    ]

    operations = [
        migrations.CreateModel(
            name='GroupLeader',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('group', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='leadership', to='org.uniongroup', verbose_name='工会小组')),
                ('union', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.union', verbose_name='工会')),
                ('worker', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='led_groups', to='members.worker', verbose_name='负责人')),
            ],
            options={
                'verbose_name': '工会小组负责人',
                'ordering': ['group'],
            },
        ),
        migrations.RunPython(leaders_copied, leaders_restored),
    ]

"""Welfare policies: caps and festivals become rows (a cap per festival, e.g. Guizhou 春节 ≤500, others ≤200),
versions are drafted and published by the federation, and a payout made while no provincial policy was in force
(national rule, regulations §2.3) has no policy and waits for the chair's confirmation.

Every existing policy keeps its figures: each ``caps`` key becomes an item row, each festival a festival row
(no per-festival cap: the old schema could not express one), and it counts as published when it was created.
"""
import datetime as dt
from decimal import Decimal

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def to_rows(apps, schema_editor):
    WelfarePolicy = apps.get_model("funds", "WelfarePolicy")
    Item = apps.get_model("funds", "WelfarePolicyItem")
    Festival = apps.get_model("funds", "WelfarePolicyFestival")
    published = dt.datetime(2018, 1, 1, tzinfo=dt.timezone.utc)
    for policy in WelfarePolicy.objects.all():
        for benefit, cap in (policy.caps or {}).items():
            Item.objects.create(policy=policy, benefit=benefit, cap=None if cap in (None, "") else Decimal(cap))
        for festival in policy.festivals or []:
            Festival.objects.create(policy=policy, festival=festival, cap=None)
        policy.published_at = published
        policy.save(update_fields=["published_at"])


def to_json(apps, schema_editor):
    WelfarePolicy = apps.get_model("funds", "WelfarePolicy")
    for policy in WelfarePolicy.objects.all():
        policy.caps = {i.benefit: None if i.cap is None else str(i.cap.normalize())
                       for i in policy.items.order_by("id")}
        policy.festivals = list(policy.festival_rows.order_by("id").values_list("festival", flat=True))
        policy.save(update_fields=["caps", "festivals"])
    WelfarePolicy.objects.filter(published_at__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('funds', '0009_union_moved_to_core'),
        ('core', '0004_union_moved_here'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='WelfarePolicyFestival',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('festival', models.CharField(max_length=30, verbose_name='节日')),
                ('cap', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='该节日每人限额')),
            ],
            options={
                'verbose_name': '福利政策节日',
                'ordering': ['policy', 'id'],
            },
        ),
        migrations.CreateModel(
            name='WelfarePolicyItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('benefit', models.CharField(max_length=20, verbose_name='慰问项目')),
                ('cap', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='每人限额')),
            ],
            options={
                'verbose_name': '福利政策限额',
                'ordering': ['policy', 'id'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='welfarepolicy',
            name='welfare_policy_version',
        ),
        migrations.AddField(
            model_name='welfarepayout',
            name='confirmed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='主席确认时间'),
        ),
        migrations.AddField(
            model_name='welfarepayout',
            name='confirmed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='welfarepayout',
            name='needs_confirmation',
            field=models.BooleanField(default=False, verbose_name='按全国规定发放，待主席确认'),
        ),
        migrations.AddField(
            model_name='welfarepolicy',
            name='published_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='发布时间'),
        ),
        migrations.AddField(
            model_name='welfarepolicy',
            name='published_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='welfarepolicy',
            name='publisher',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.union', verbose_name='发布单位'),
        ),
        migrations.AlterField(
            model_name='welfarepayout',
            name='policy',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='funds.welfarepolicy'),
        ),
        migrations.AddConstraint(
            model_name='welfarepolicy',
            constraint=models.UniqueConstraint(condition=models.Q(('published_at__isnull', False)), fields=('province', 'effective_from'), name='welfare_policy_version'),
        ),
        migrations.AddField(
            model_name='welfarepolicyfestival',
            name='policy',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='festival_rows', to='funds.welfarepolicy'),
        ),
        migrations.AddField(
            model_name='welfarepolicyitem',
            name='policy',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='funds.welfarepolicy'),
        ),
        migrations.AddConstraint(
            model_name='welfarepolicyfestival',
            constraint=models.UniqueConstraint(fields=('policy', 'festival'), name='welfare_policy_festival_once'),
        ),
        migrations.AddConstraint(
            model_name='welfarepolicyfestival',
            constraint=models.CheckConstraint(condition=models.Q(('cap__isnull', True), ('cap__gte', 0), _connector='OR'), name='welfare_policy_festival_cap_not_negative'),
        ),
        migrations.AddConstraint(
            model_name='welfarepolicyitem',
            constraint=models.UniqueConstraint(fields=('policy', 'benefit'), name='welfare_policy_item_once'),
        ),
        migrations.AddConstraint(
            model_name='welfarepolicyitem',
            constraint=models.CheckConstraint(condition=models.Q(('cap__isnull', True), ('cap__gte', 0), _connector='OR'), name='welfare_policy_item_cap_not_negative'),
        ),
        migrations.RunPython(to_rows, to_json),
    ]

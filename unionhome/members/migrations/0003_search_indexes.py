"""Indexes that let PostgreSQL answer every member search from an index (P3 in docs/benchmarks.md).

- pinyin and initials prefixes (LIKE 'q%'): (union, column varchar_pattern_ops), usable under any collation;
  they replace the single-column pinyin/initials indexes and the plain (union, initials) one, which no
  union-scoped query needs (the plain (union, pinyin) index stays for the list's order);
- name substring (LIKE '%q%'): a pg_trgm GIN index over the name with every character made a word of its own
  (' 张 三 '), so that one- and two-character queries, the usual length of a Chinese name, are indexed too.
  The expression must stay identical to ``members.queries.SpacedName``. PostgreSQL only: SQLite scans.
"""
from django.db import migrations, models, transaction
from django.db.utils import DatabaseError

TRGM_INDEX = ("CREATE INDEX IF NOT EXISTS worker_name_chars_trgm ON members_worker "
              "USING gin ((' ' || regexp_replace(name, '(.)', '\\1 ', 'g')) gin_trgm_ops)")


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as exc:
        raise RuntimeError(
            "成员搜索需要 PostgreSQL 扩展 pg_trgm（PostgreSQL 13 起为可信扩展，库的属主即可创建；更早的版本需超级用户）。"
            "请以超级用户在本库执行 CREATE EXTENSION pg_trgm; 然后重新运行 migrate。"
            " / The member search needs the pg_trgm extension: run CREATE EXTENSION pg_trgm; in this database as a "
            f"superuser (on Debian it ships with the postgresql package), then migrate again. ({exc})") from exc
    schema_editor.execute(TRGM_INDEX)


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS worker_name_chars_trgm")  # the extension may serve others


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0002_relations_and_constraints'),
        ('org', '0001_initial'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='worker',
            name='members_wor_union_i_8ae965_idx',
        ),
        migrations.AlterField(
            model_name='worker',
            name='name_initials',
            field=models.CharField(default='', editable=False, max_length=50),
        ),
        migrations.AlterField(
            model_name='worker',
            name='name_pinyin',
            field=models.CharField(default='', editable=False, max_length=200),
        ),
        migrations.AddIndex(
            model_name='worker',
            index=models.Index(fields=['union', 'name_pinyin'], name='worker_pinyin_prefix', opclasses=['int8_ops', 'varchar_pattern_ops']),
        ),
        migrations.AddIndex(
            model_name='worker',
            index=models.Index(fields=['union', 'name_initials'], name='worker_initials_prefix', opclasses=['int8_ops', 'varchar_pattern_ops']),
        ),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]

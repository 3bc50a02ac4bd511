"""manage.py backup: the database and the uploaded files in one sealed archive, old archives pruned."""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from unionhome.backups.services import backup_create
from unionhome.core.commands import command_errors


class Command(BaseCommand):
    help = "备份数据库和上传的文件（加密归档），并按数量和天数清理旧备份"

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="备份目录（默认 UNIONHOME_BACKUP_DIR，即 var/backups）")
        parser.add_argument("--keep", type=int, default=30, help="保留最近几份（默认 30）")
        parser.add_argument("--max-age-days", type=int, default=None, help="删除早于这么多天的备份（最新一份总保留）")

    def handle(self, *args, **options):
        if options["keep"] is not None and options["keep"] < 1:
            raise CommandError("--keep 至少为 1")
        try:
            with command_errors():
                result = backup_create(directory=options["dir"], keep=options["keep"],
                                       max_age_days=options["max_age_days"])
        except OSError as exc:  # a full disk, a directory we may not write: the earlier archives are untouched
            raise CommandError(f"备份失败（{exc.strerror or exc}），之前的备份未受影响") from exc
        manifest = result.manifest
        self.stdout.write(f"备份完成：{result.path}")
        self.stdout.write(f"  {len(manifest['tables'])} 张表，{sum(manifest['tables'].values())} 行；"
                          f"{len(manifest['files'])} 个文件；审计记录 {manifest['audit']['count']} 条")

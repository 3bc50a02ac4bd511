"""manage.py restore ARCHIVE: replace the database and the uploaded files with those of a backup, then check them."""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from unionhome.backups.services import backup_restore
from unionhome.core.commands import command_errors


class Command(BaseCommand):
    help = "从备份恢复数据库和上传的文件（会覆盖现有数据）"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="备份文件（.uhbk）")
        parser.add_argument("--yes", action="store_true", help="不询问，直接覆盖现有数据")

    def handle(self, *args, **options):
        if not options["yes"]:
            answer = input("恢复会用备份覆盖现有的全部数据和文件。确定吗？输入 yes 继续：")
            if answer.strip().lower() != "yes":
                raise CommandError("已取消，未做任何改动")
        try:
            with command_errors():
                report = backup_restore(archive=options["archive"])
        except OSError as exc:
            raise CommandError(f"恢复失败（{exc.strerror or exc}）") from exc
        self.stdout.write(f"恢复完成：备份时间 {report['manifest']['created_at']}，{report['rows']} 行，"
                          f"{report['files']} 个文件；行数和审计记录与备份清单一致")

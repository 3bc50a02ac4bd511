"""python manage.py import_roster FILE [--union CODE] [--valid-only] [--dry-run]: the page's import, from a shell."""
from django.core.management.base import BaseCommand, CommandError

from unionhome.core.commands import command_errors
from unionhome.members import importing
from unionhome.org.queries import grassroots_union


class Command(BaseCommand):
    help = "导入花名册（.xlsx）：逐行检查；有错误时不导入，除非指定 --valid-only"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--union", help="基层工会代码（只有一个基层工会时可省略）")
        parser.add_argument("--valid-only", action="store_true", help="只导入有效行")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不导入")

    def handle(self, *args, file, union=None, valid_only=False, dry_run=False, **options):
        with command_errors():
            target = grassroots_union(union)
        try:
            with command_errors(self.stderr):
                report = importing.roster_import(actor=None, union=target, path=file, valid_only=valid_only,
                                                 dry_run=dry_run)
        except FileNotFoundError:
            raise CommandError(f"找不到文件 {file}")
        for error in report.errors[:50]:
            self.stderr.write(f"第{error.row}行 {error.column}：{error.message}")
        for note in report.notes:
            self.stderr.write(self.style.WARNING(note))
        if dry_run:
            self.stdout.write(f"共 {report.total} 行：有效 {report.valid} 行，有误 {report.invalid_rows} 行")
        else:
            self.stdout.write(self.style.SUCCESS(
                f"{target.name}：已导入 {report.created} 人（其中会员 {report.members_created} 人），"
                f"跳过有误 {report.invalid_rows} 行"))

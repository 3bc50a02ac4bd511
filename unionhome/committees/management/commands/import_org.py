"""python manage.py import_org FILE [--union CODE] [--dry-run] [--template OUT]: the page's import, from a shell."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from unionhome.committees.org_import import org_import, org_template
from unionhome.core.commands import command_errors
from unionhome.org.queries import grassroots_union


class Command(BaseCommand):
    help = "导入组织架构（.xlsx）：单位、工会小组及负责人、委员会届次与职务；有任何一行出错则整个文件不导入"

    def add_arguments(self, parser):
        parser.add_argument("file", help="要导入的文件；与 --template 同用时为模板的保存位置")
        parser.add_argument("--union", help="基层工会代码（只有一个基层工会时可省略）")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不导入")
        parser.add_argument("--template", action="store_true", help="把空白模板保存到 FILE")

    def handle(self, *args, file, union=None, dry_run=False, template=False, **options):
        if template:
            Path(file).write_bytes(org_template())
            self.stdout.write(f"模板已保存到 {file}")
            return
        with command_errors():
            target = grassroots_union(union)
        if not Path(file).is_file():
            raise CommandError(f"找不到文件 {file}")
        with command_errors(self.stderr):
            report = org_import(actor=None, union=target, path=file, dry_run=dry_run)
        c = report.created
        verb = "检查无误（未导入）" if dry_run else "已导入"
        self.stdout.write(self.style.SUCCESS(
            f"{target.name}：{verb} 单位 {c['units']} 个、小组 {c['groups']} 个、小组负责人 {c['leaders']} 名、"
            f"届次 {c['terms']} 个、职务 {c['positions']} 个；已有而未改动 {report.unchanged} 行"))

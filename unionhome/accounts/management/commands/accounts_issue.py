"""python manage.py accounts_issue [--union CODE] [--group NAME] --slips out.docx

A login for every active member without one (of the union, or one group), each with a one-time activation code;
members whose login awaits activation get a new code. The codes are written only to the slips (.docx, one A4 page
per group): keep the file safe and delete it once the slips are handed out.
"""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from unionhome.accounts import documents
from unionhome.accounts.services_activation import accounts_issue
from unionhome.core.errors import DomainError
from unionhome.org.models import UnionGroup
from unionhome.org.queries import grassroots_union


class Command(BaseCommand):
    help = "为在会会员发放账号（激活码），生成激活通知单（.docx，每个工会小组一页）"

    def add_arguments(self, parser):
        parser.add_argument("--union", default="", help="基层工会代码（只有一个基层工会时可省略）")
        parser.add_argument("--group", default="", help="只为这个工会小组发放（小组名称）")
        parser.add_argument("--slips", required=True, help="激活通知单的输出文件（.docx）")

    def handle(self, *args, **options):
        out = Path(options["slips"])
        if out.suffix.lower() != ".docx":
            raise CommandError("通知单文件须以 .docx 结尾")
        try:
            union = grassroots_union(options["union"] or None)
            group = None
            if options["group"]:
                group = UnionGroup.objects.filter(union=union, name=options["group"]).first()
                if group is None:
                    raise CommandError(f"{union.name}没有名为“{options['group']}”的工会小组")
            issued = accounts_issue(actor=None, union=union, group=group)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if not issued:
            self.stdout.write("没有需要发放的账号：在会会员都已有账号并已激活")
            return
        url = settings.UNIONHOME_SITE_URL.rstrip("/") + reverse("accounts:activate")
        out.write_bytes(documents.slips(union=union, issued=issued, activate_url=url))
        self.stdout.write(self.style.SUCCESS(f"已发放 {len(issued)} 个账号，激活通知单：{out}"))

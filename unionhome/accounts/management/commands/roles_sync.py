"""python manage.py roles_sync [--union CODE]

Roles follow office: grant the role of every office held today (committee positions of approved terms, group
leaders) and end those no office backs any more. Idempotent; run it daily (cron or a timer, beside
``db_worker``) so that terms that end by date take their roles with them.
"""
from django.core.management.base import BaseCommand, CommandError

from unionhome.accounts.services_roles import roles_sync
from unionhome.core.models import Union


class Command(BaseCommand):
    help = "按任职情况核对角色：在任职务授予相应角色，离任或届满的收回（可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("--union", default="", help="只核对这个基层工会（代码）；默认全部")

    def handle(self, *args, **options):
        unions = Union.objects.filter(kind=Union.Kind.GRASSROOTS)
        if options["union"]:
            unions = unions.filter(code=options["union"])
            if not unions.exists():
                raise CommandError(f"没有代码为 {options['union']} 的基层工会")
        for union in unions.order_by("pk"):
            granted, ended = roles_sync(actor=None, union=union)
            if granted or ended:
                self.stdout.write(f"{union.name}：授予 {granted}，收回 {ended}")
        self.stdout.write(self.style.SUCCESS("角色已与任职情况核对一致"))

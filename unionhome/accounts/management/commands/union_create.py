"""python manage.py union_create: set up a union (and its federation) with its first chair, from a shell.

Interactive when run without --name; with flags for scripts:
  manage.py union_create --name 某某公司工会 --credit-code 81350102MC0000001X --province 福建 --founded 2020-05-01 \
      --chair zhangsan [--chair-name 张三] [--password ...] [--parent CITY-FED] [--federation-name ... --federation-code ...]
Without --password the chair's one-time password is printed once; it must be changed at the first login.
"""
import datetime as dt
import getpass

from django.core.management.base import BaseCommand, CommandError

from unionhome.accounts.services_setup import union_set_up
from unionhome.core.commands import command_errors
from unionhome.core.models import Union


class Command(BaseCommand):
    help = "设立工会：上级总工会（可选）、基层工会（名称、统一社会信用代码、省份、成立日期）及其主席账号"

    def add_arguments(self, parser):
        parser.add_argument("--name", help="工会名称")
        parser.add_argument("--credit-code", help="统一社会信用代码（18位）")
        parser.add_argument("--province", help="省份，如 福建、新疆")
        parser.add_argument("--founded", help="成立日期 YYYY-MM-DD")
        parser.add_argument("--code", default="", help="工会代码（默认用统一社会信用代码）")
        parser.add_argument("--parent", default="", help="已有上级总工会的代码（任意层级）")
        parser.add_argument("--federation-name", default="", help="同时新建的上级总工会名称")
        parser.add_argument("--federation-code", default="", help="同时新建的上级总工会代码")
        parser.add_argument("--chair", help="主席的登录用户名")
        parser.add_argument("--chair-name", default="", help="主席姓名")
        parser.add_argument("--password", default="", help="主席的密码（省略则生成一次性密码并显示）")

    def handle(self, *args, **o):
        if not o["name"]:
            o = self._ask(o)
        missing = [flag for flag, key in (("--name", "name"), ("--credit-code", "credit_code"),
                                          ("--province", "province"), ("--chair", "chair")) if not o[key]]
        if missing:
            raise CommandError(f"缺少参数：{' '.join(missing)}")
        parent = None
        if o["parent"]:
            parent = Union.objects.filter(code=o["parent"], kind=Union.Kind.FEDERATION).first()
            if parent is None:
                raise CommandError(f"没有代码为 {o['parent']} 的总工会")
        try:
            founded = dt.date.fromisoformat(o["founded"]) if o["founded"] else None
        except ValueError:
            raise CommandError(f"成立日期格式应为 YYYY-MM-DD：{o['founded']}")
        with command_errors():
            done = union_set_up(actor=None, name=o["name"], credit_code=o["credit_code"], province=o["province"],
                                founded_on=founded, code=o["code"], parent=parent,
                                federation_name=o["federation_name"], federation_code=o["federation_code"],
                                chair_username=o["chair"], chair_name=o["chair_name"],
                                chair_password=o["password"] or None)
        if done.federation:
            self.stdout.write(f"已设立上级总工会：{done.federation.name}（{done.federation.code}）")
        self.stdout.write(self.style.SUCCESS(f"已设立工会：{done.union.name}（代码 {done.union.code}）"))
        self.stdout.write(f"主席账号：{done.chair.username}")
        if done.one_time_password:
            self.stdout.write(f"一次性密码：{done.one_time_password}（首次登录后须修改，请妥善交给主席）")

    def _ask(self, o):
        def ask(label, default=""):
            answer = input(f"{label}{f'（默认 {default}）' if default else ''}：").strip()
            return answer or default

        self.stdout.write("设立工会（直接回车表示不填）")
        o["parent"] = ask("已有上级总工会的代码（没有则回车）")
        if ask("是否同时新建上级总工会？(y/N)", "N").lower().startswith("y"):
            o["federation_name"] = ask("上级总工会名称")
            o["federation_code"] = ask("上级总工会代码")
        o["name"] = ask("工会名称")
        o["credit_code"] = ask("统一社会信用代码")
        o["province"] = ask("省份（如 福建）")
        o["founded"] = ask("成立日期 YYYY-MM-DD")
        o["chair"] = ask("主席的登录用户名")
        o["chair_name"] = ask("主席姓名")
        o["password"] = getpass.getpass("主席的密码（回车则生成一次性密码）：")
        return o

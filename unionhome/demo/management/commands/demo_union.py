from django.conf import settings
from django.core.management.base import BaseCommand

from unionhome.core.models import Union
from unionhome.demo.builder import DEMO_LOGINS, build_demo


class Command(BaseCommand):
    help = "建立示范工会（县政府机关工会）及各角色的演示账号"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="已有示范工会时跳过")

    def handle(self, *args, if_empty=False, **options):
        if Union.objects.filter(code="DEMO").exists():
            if if_empty:
                self.stdout.write("示范工会已存在，跳过。")
            else:
                self.stderr.write("示范工会已存在。")
                return
        else:
            ctx = build_demo()
            self.stdout.write(f"已建立示范工会：{ctx.union.name}，职工 {len(ctx.workers)} 人。")
        self.stdout.write("演示账号（密码均为 %s）：" % settings.UNIONHOME_DEMO_PASSWORD)
        for username, label in DEMO_LOGINS:
            self.stdout.write(f"  {username:<12} {label}")
        # The demo binds no authenticator: each officer sets one up at the first login, as in production.
        self.stdout.write("工会主席、经费会计、经审委员会主任、帮扶专干和系统管理员须两步验证：首次登录时用手机上的"
                          "验证器扫描二维码绑定，之后每次登录输入验证码。")

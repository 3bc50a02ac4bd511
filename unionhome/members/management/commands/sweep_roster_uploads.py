"""Delete roster files whose preview was never confirmed (older than an hour): run from cron every few minutes."""
from django.core.management.base import BaseCommand

from unionhome.members.uploads import MAX_AGE_SECONDS, upload_sweep


class Command(BaseCommand):
    help = "删除超过一小时未确认的花名册上传文件（含明文身份证号）"

    def handle(self, *args, **options):
        removed = upload_sweep(max_age=MAX_AGE_SECONDS)
        self.stdout.write(f"removed {removed} roster upload(s)")

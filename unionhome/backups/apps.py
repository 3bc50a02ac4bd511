from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class BackupsConfig(AppConfig):
    name = "unionhome.backups"
    verbose_name = gettext_lazy("备份与恢复")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class RecordsConfig(AppConfig):
    name = "unionhome.records"
    label = "records"
    verbose_name = gettext_lazy("台账")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class StudyConfig(AppConfig):
    name = "unionhome.study"
    verbose_name = gettext_lazy("学习与培训")

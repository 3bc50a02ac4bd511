from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class MembersConfig(AppConfig):
    name = "unionhome.members"
    label = "members"
    verbose_name = gettext_lazy("职工与会员")

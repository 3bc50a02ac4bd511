from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "unionhome.org"
    label = "org"
    verbose_name = "组织"

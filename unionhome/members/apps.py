from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "unionhome.members"
    label = "members"
    verbose_name = "职工与会员"

from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "unionhome.committees"
    label = "committees"
    verbose_name = "委员会"

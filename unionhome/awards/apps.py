from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "unionhome.awards"
    label = "awards"

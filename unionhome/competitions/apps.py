from django.apps import AppConfig


class CompetitionsConfig(AppConfig):
    name = "unionhome.competitions"
    label = "competitions"

from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "unionhome.elections"
    label = "elections"

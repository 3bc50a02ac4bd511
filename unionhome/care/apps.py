from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "unionhome.care"
    label = "care"

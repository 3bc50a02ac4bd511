from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "unionhome.demo"
    label = "demo"

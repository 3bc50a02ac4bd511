from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "unionhome.plans"
    label = "plans"

from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "unionhome.funds"
    label = "funds"

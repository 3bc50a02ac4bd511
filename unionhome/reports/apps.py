from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "unionhome.reports"
    label = "reports"

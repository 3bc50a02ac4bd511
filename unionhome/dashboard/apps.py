from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "unionhome.dashboard"
    label = "dashboard"

from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "unionhome.activities"
    label = "activities"

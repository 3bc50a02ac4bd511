from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "unionhome.assessment"
    label = "assessment"

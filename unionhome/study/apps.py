from django.apps import AppConfig


class StudyConfig(AppConfig):
    name = "unionhome.study"
    verbose_name = "学习与培训"

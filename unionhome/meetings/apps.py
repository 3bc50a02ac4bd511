from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "unionhome.meetings"
    label = "meetings"

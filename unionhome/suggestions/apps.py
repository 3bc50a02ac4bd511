from django.apps import AppConfig


class SuggestionsConfig(AppConfig):
    name = "unionhome.suggestions"
    label = "suggestions"

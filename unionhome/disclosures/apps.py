from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "unionhome.disclosures"
    label = "disclosures"

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy


class CoreConfig(AppConfig):
    name = "unionhome.core"
    label = "core"
    verbose_name = gettext_lazy("核心")

    def ready(self) -> None:
        # Each domain app declares its permissions and its rule figures in
        # <app>/permissions.py and <app>/rules.py; load them into the registries.
        autodiscover_modules("permissions")
        autodiscover_modules("rules")
        autodiscover_modules("nav")
        autodiscover_modules("panels")
        autodiscover_modules("figures")

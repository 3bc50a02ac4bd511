from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy


class JobsConfig(AppConfig):
    name = "unionhome.jobs"
    label = "jobs"
    verbose_name = gettext_lazy("后台任务")

    def ready(self) -> None:
        # Each app declares the long jobs it runs in the background in <app>/jobs.py (``runner(kind, label)``).
        autodiscover_modules("jobs")

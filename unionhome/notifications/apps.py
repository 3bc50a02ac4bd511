from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy


class NotificationsConfig(AppConfig):
    name = "unionhome.notifications"
    label = "notifications"
    verbose_name = gettext_lazy("消息通知")

    def ready(self) -> None:
        # Each app that sends declares its event kinds in <app>/events.py (``event_kind(...)``), the way
        # permissions and rule figures are declared.
        autodiscover_modules("events")

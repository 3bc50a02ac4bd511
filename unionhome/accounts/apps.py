from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class AccountsConfig(AppConfig):
    name = "unionhome.accounts"
    label = "accounts"
    verbose_name = gettext_lazy("账号与角色")

    def ready(self) -> None:
        # Logins follow membership and roles follow office: the lower layers' hooks (accounts/receivers.py).
        from unionhome.accounts import receivers

        receivers.connect()

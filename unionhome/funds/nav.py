from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("经费"), "funds:ledger", "funds.view", order=40)

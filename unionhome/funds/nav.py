from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("经费"), "funds:ledger", "funds.view", order=40)
add(gettext_lazy("福利政策编制"), "funds:policies", "funds.policy_edit", order=41)

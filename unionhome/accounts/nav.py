from django.utils.translation import gettext_lazy as _

from unionhome.core.nav import add

add(_("账号"), "accounts:manage", "accounts.manage", order=80)
add(_("账号发放"), "accounts:issue", "accounts.issue", order=81)
add(_("查看账号"), "accounts:federation_viewers", "accounts.federation_viewers", order=96)
add(_("设立下级工会"), "setup:union_new", "org.union_create", order=95)

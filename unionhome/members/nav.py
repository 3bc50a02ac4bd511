from django.utils.translation import gettext_lazy as _

from unionhome.core.nav import add

add(_("会员"), "members:list", "members.view", order=20)

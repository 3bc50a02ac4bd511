from django.utils.translation import gettext_lazy as _

from unionhome.core.nav import add

add(_("工作台"), "dashboard:home", None, order=0)
add(_("组织"), "org:home", "org.view", order=10)
add(_("我的"), "dashboard:mine", None, order=1)

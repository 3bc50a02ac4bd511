from django.utils.translation import gettext_lazy as _

from unionhome.core.nav import add

add(_("会员"), "members:list", "members.view", order=20)
add(_("入会申请"), "members:join_list", "members.manage", order=21)

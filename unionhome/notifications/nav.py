from django.utils.translation import gettext_lazy as _

from unionhome.core.nav import add

add(_("通知公告"), "notifications:broadcasts", "notifications.broadcast", order=82)

"""The notifications app's own event: an officer's notice (通知公告)."""
from django.utils.translation import gettext_lazy as _

from unionhome.notifications.registry import event_kind

event_kind("notifications.broadcast", _("通知公告"))

from django.utils.translation import gettext_lazy

from unionhome.core.permissions import OFFICERS, Role, register

# The chair, committee members and the admin write to the whole union; a group leader to their own group (the
# service checks the group).
register("notifications.broadcast", gettext_lazy("发送通知公告"), {*OFFICERS, Role.GROUP_LEADER})

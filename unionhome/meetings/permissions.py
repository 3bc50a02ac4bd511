from django.utils.translation import gettext_lazy

from unionhome.core.permissions import ALL_ROLES, Role, register

MEETING_READERS = {Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.CHAIR, Role.ADMIN, Role.GROUP_LEADER}
register("meetings.view", gettext_lazy("查看会议、纪要和决定落实情况"), MEETING_READERS)
register("meetings.manage", gettext_lazy("召开会议：议程、点名、决定、纪要"), {Role.COMMITTEE, Role.CHAIR, Role.ADMIN})
register("regulations.view", gettext_lazy("阅读规章制度"), ALL_ROLES - {Role.FEDERATION})
register("regulations.manage", gettext_lazy("修订规章制度、委员年度目标"), {Role.CHAIR, Role.ADMIN})

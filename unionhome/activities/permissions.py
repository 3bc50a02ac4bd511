from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

_MEMBERS = {Role.MEMBER, Role.GROUP_LEADER, Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.FINANCE,
            Role.HARDSHIP, Role.CHAIR, Role.ADMIN}
_OFFICERS = {Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.CHAIR, Role.ADMIN}

register("activities.view", gettext_lazy("查看活动、报名参加"), _MEMBERS)
register("activities.manage", gettext_lazy("组织活动、管理报名名单"), _OFFICERS)
register("activities.checkin", gettext_lazy("活动签到"), _OFFICERS | {Role.GROUP_LEADER})
register("activities.group_signups", gettext_lazy("查看本小组会员的报名"), {Role.GROUP_LEADER})
register("activities.stats", gettext_lazy("查看参与统计"), _OFFICERS | {Role.AUDITOR})
register("room.view", gettext_lazy("查看活动室设备和预约"), _MEMBERS)
register("room.manage", gettext_lazy("管理活动室设备、借还和预约"), {Role.COMMITTEE, Role.CHAIR, Role.ADMIN})

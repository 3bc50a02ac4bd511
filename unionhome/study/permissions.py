from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

_MEMBERS = {Role.MEMBER, Role.GROUP_LEADER, Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.FINANCE,
            Role.HARDSHIP, Role.CHAIR, Role.ADMIN}
_OFFICERS = {Role.COMMITTEE, Role.CHAIR, Role.ADMIN}

register("study.view", gettext_lazy("参加小组学习、提交心得体会、答题"), _MEMBERS)
# A group leader records only their own group's sessions: the service checks the group (services._check_may_record).
register("study.record", gettext_lazy("记录小组学习、考勤，审阅心得体会"), _OFFICERS | {Role.GROUP_LEADER})
register("study.manage", gettext_lazy("制定学习计划，组织教育活动、培训和知识测试"), _OFFICERS)
register("study.stats", gettext_lazy("查看学习出勤和心得统计"), _OFFICERS | {Role.GROUP_LEADER, Role.WOMEN_COMMITTEE})

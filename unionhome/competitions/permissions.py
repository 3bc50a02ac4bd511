from django.utils.translation import gettext_lazy

from unionhome.core.permissions import ALL_ROLES, Role, register

register("competitions.view", gettext_lazy("查看比赛、积分榜和奖牌榜"), ALL_ROLES - {Role.FEDERATION})
register("competitions.manage", gettext_lazy("组织比赛、录入成绩、评奖"), {Role.COMMITTEE, Role.CHAIR, Role.ADMIN})

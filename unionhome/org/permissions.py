from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

GRASSROOTS = {Role.MEMBER, Role.GROUP_LEADER, Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.FINANCE,
              Role.HARDSHIP, Role.CHAIR, Role.ADMIN}
register("org.view", gettext_lazy("查看组织架构"), GRASSROOTS)
register("org.manage", gettext_lazy("管理组织架构"), {Role.CHAIR, Role.ADMIN})
register("dashboard.view", gettext_lazy("查看工作台"), GRASSROOTS)
register("federation.view", gettext_lazy("查看下级工会汇总数据"), {Role.FEDERATION})
register("org.union_create", gettext_lazy("设立下级工会"), {Role.FEDERATION})

from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

register("plans.view", gettext_lazy("查看年度工作计划、年中检查和年终总结"),
         {Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.CHAIR, Role.ADMIN, Role.GROUP_LEADER})
register("plans.manage", gettext_lazy("制定工作计划，填写年中检查和年终总结"), {Role.COMMITTEE, Role.CHAIR, Role.ADMIN})

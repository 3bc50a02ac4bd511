from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

register("care.view", gettext_lazy("查看慰问、送温暖、妇检、捐献记录"),
         {Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.HARDSHIP, Role.CHAIR, Role.AUDITOR, Role.FINANCE, Role.ADMIN})
register("care.manage", gettext_lazy("登记慰问、送温暖、捐献活动"), {Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.HARDSHIP, Role.CHAIR})
register("care.hardship", gettext_lazy("困难职工档案（敏感）"), {Role.CHAIR, Role.HARDSHIP})
register("care.health", gettext_lazy("妇检安排与结果（敏感）"), {Role.WOMEN_COMMITTEE, Role.CHAIR})
register("care.publicity", gettext_lazy("查看困难职工公示"),
         {Role.MEMBER, Role.GROUP_LEADER, Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.FINANCE,
          Role.HARDSHIP, Role.CHAIR})

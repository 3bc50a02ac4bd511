from unionhome.core.permissions import Role, register

register("care.view", "查看慰问、送温暖、妇检、捐献记录",
         {Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.HARDSHIP, Role.CHAIR, Role.AUDITOR, Role.FINANCE, Role.ADMIN})
register("care.manage", "登记慰问、送温暖、捐献活动", {Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.HARDSHIP, Role.CHAIR})
register("care.hardship", "困难职工档案（敏感）", {Role.CHAIR, Role.HARDSHIP})
register("care.health", "妇检安排与结果（敏感）", {Role.WOMEN_COMMITTEE, Role.CHAIR})
register("care.publicity", "查看困难职工公示",
         {Role.MEMBER, Role.GROUP_LEADER, Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.FINANCE,
          Role.HARDSHIP, Role.CHAIR})

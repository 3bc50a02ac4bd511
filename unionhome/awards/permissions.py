from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

register("awards.view", gettext_lazy("查看年终评选公示、荣誉名册，对公示提出异议"),
         {Role.MEMBER, Role.GROUP_LEADER, Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.FINANCE,
          Role.HARDSHIP, Role.CHAIR, Role.ADMIN})
register("awards.nominate", gettext_lazy("录入小组推荐结果（小组长限本组）"),
         {Role.GROUP_LEADER, Role.COMMITTEE, Role.CHAIR})
register("awards.manage", gettext_lazy("组织年终评选：评定、公示、答复异议、确定、奖励、证书"),
         {Role.COMMITTEE, Role.CHAIR})

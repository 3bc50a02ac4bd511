from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

register("members.view", gettext_lazy("查看会员（本人/本组/全部按角色）"),
         {Role.MEMBER, Role.GROUP_LEADER, Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.FINANCE,
          Role.HARDSHIP, Role.CHAIR, Role.ADMIN})
register("members.view_all", gettext_lazy("查看全体会员"),
         {Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.FINANCE, Role.HARDSHIP, Role.CHAIR, Role.ADMIN})
register("members.manage", gettext_lazy("维护花名册和会籍"), {Role.COMMITTEE, Role.CHAIR, Role.ADMIN})
register("members.reveal", gettext_lazy("查看完整身份证号/手机号"), {Role.CHAIR, Role.ADMIN})
register("members.import", gettext_lazy("导入花名册"), {Role.CHAIR, Role.ADMIN})
register("members.export", gettext_lazy("导出名单"), {Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.CHAIR, Role.ADMIN, Role.GROUP_LEADER})

from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

# Every member votes; officers hold the member role too, listed here so the matrix reads it directly.
register("elections.vote", gettext_lazy("参加选举投票、查看已公布的选举结果"),
         {Role.MEMBER, Role.GROUP_LEADER, Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.FINANCE,
          Role.HARDSHIP, Role.CHAIR})
register("elections.manage", gettext_lazy("筹备和主持选举、录入计票、报批"), {Role.CHAIR, Role.ADMIN})

from django.utils.translation import gettext_lazy

from unionhome.core.permissions import ALL_ROLES, Role, register

register("assessment.view", gettext_lazy("查看职工之家自评表和会员评家结果"),
         {Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.CHAIR, Role.ADMIN})
register("assessment.manage", gettext_lazy("为职工之家自评打分、上传佐证，组织会员评家"), {Role.COMMITTEE, Role.CHAIR, Role.ADMIN})
register("assessment.submit", gettext_lazy("提交（锁定）职工之家自评"), {Role.CHAIR})
register("assessment.answer", gettext_lazy("参加会员评家"), ALL_ROLES - {Role.FEDERATION})

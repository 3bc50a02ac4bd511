from django.utils.translation import gettext_lazy

from unionhome.core.permissions import ALL_ROLES, Role, register

register("disclosures.view", gettext_lazy("查看政务（会务）公开事项"), ALL_ROLES - {Role.FEDERATION})
register("disclosures.manage", gettext_lazy("维护公开事项、安排公开检查"), {Role.COMMITTEE, Role.CHAIR, Role.ADMIN})
register("disclosures.inspect", gettext_lazy("查看公开检查，作为检查人记录检查结果和整改"),
         {Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.CHAIR, Role.ADMIN})

from django.utils.translation import gettext_lazy

from unionhome.core.permissions import ALL_ROLES, Role, register

register("suggestions.view", gettext_lazy("提出合理化建议、查看建议公开栏"), ALL_ROLES - {Role.FEDERATION})
register("suggestions.manage", gettext_lazy("分办、评估、答复合理化建议，跟踪落实"), {Role.COMMITTEE, Role.CHAIR, Role.ADMIN})

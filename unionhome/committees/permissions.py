from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

register("committees.manage", gettext_lazy("管理委员会、届次与职务"), {Role.CHAIR, Role.ADMIN})

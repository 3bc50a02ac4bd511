from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

register("accounts.manage", gettext_lazy("管理账号与角色"), {Role.CHAIR, Role.ADMIN})

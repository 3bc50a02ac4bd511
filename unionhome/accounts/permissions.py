from unionhome.core.permissions import Role, register

register("accounts.manage", "管理账号与角色", {Role.CHAIR, Role.ADMIN})

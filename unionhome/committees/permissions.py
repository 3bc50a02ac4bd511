from unionhome.core.permissions import Role, register

register("committees.manage", "管理委员会、届次与职务", {Role.CHAIR, Role.ADMIN})

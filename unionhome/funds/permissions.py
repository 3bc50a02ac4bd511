from unionhome.core.permissions import Role, register

register("funds.view", "查看经费账目", {Role.CHAIR, Role.FINANCE, Role.AUDITOR, Role.ADMIN, Role.COMMITTEE})
register("funds.post", "记账、冲销、记录慰问发放", {Role.FINANCE, Role.CHAIR})
register("funds.override", "批准超限额慰问", {Role.CHAIR})
register("funds.review", "经费审查：意见与期间审签", {Role.AUDITOR})
register("funds.budget", "编制预算", {Role.CHAIR, Role.FINANCE})
register("funds.dues", "会费管理", {Role.FINANCE, Role.CHAIR})
register("funds.confidential", "查看慰问、帮扶凭证的对方与摘要（涉及个人困难或健康信息）", {Role.CHAIR, Role.HARDSHIP})
register("funds.policy_edit", "编制和发布本省福利政策", {Role.FEDERATION})

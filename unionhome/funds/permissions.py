from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

register("funds.view", gettext_lazy("查看经费账目"), {Role.CHAIR, Role.FINANCE, Role.AUDITOR, Role.ADMIN, Role.COMMITTEE})
register("funds.post", gettext_lazy("记账、冲销、记录慰问发放"), {Role.FINANCE, Role.CHAIR})
register("funds.override", gettext_lazy("批准超限额慰问"), {Role.CHAIR})
register("funds.review", gettext_lazy("经费审查：意见与期间审签"), {Role.AUDITOR})
register("funds.budget", gettext_lazy("编制预算"), {Role.CHAIR, Role.FINANCE})
register("funds.dues", gettext_lazy("会费管理"), {Role.FINANCE, Role.CHAIR})
register("funds.confidential", gettext_lazy("查看慰问、帮扶凭证的对方与摘要（涉及个人困难或健康信息）"), {Role.CHAIR, Role.HARDSHIP})
register("funds.policy_edit", gettext_lazy("编制和发布本省福利政策"), {Role.FEDERATION})

from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

register("accounts.manage", gettext_lazy("管理账号与角色"), {Role.CHAIR, Role.ADMIN})
# The chair and the admin issue for the whole union or any group; a group leader for their own group only
# (``services_activation.accounts_issue`` checks which group): they hand out the slips or read the codes out.
register("accounts.issue", gettext_lazy("发放会员账号（激活码）"), {Role.CHAIR, Role.ADMIN, Role.GROUP_LEADER})
register("accounts.federation_viewers", gettext_lazy("开通上级工会查看账号"), {Role.FEDERATION})

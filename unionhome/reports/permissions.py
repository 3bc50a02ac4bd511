from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

register("reports.view", gettext_lazy("查看年度工作总结草稿、版本并下载"),
         {Role.COMMITTEE, Role.WOMEN_COMMITTEE, Role.AUDITOR, Role.CHAIR, Role.ADMIN})
register("reports.edit", gettext_lazy("撰写年度工作总结、生成数字、上传模板"), {Role.CHAIR, Role.ADMIN})

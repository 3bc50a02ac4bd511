"""Figures of membership records that are policy of this platform rather than of the regulations."""
from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

declare("members.join_applications_per_address_hour", 5,
        source=gettext_lazy("本平台防滥用设定：公开的入会申请链接无需登录，同一网络地址一小时内最多提交的申请数"
                            "（OWASP ASVS 11.1.4 防自动化）"),
        effective="2026-01-01", label=gettext_lazy("入会申请：同一地址每小时最多提交数"))

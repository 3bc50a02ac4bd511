from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

# An API token is a password that does not change: it lives a bounded time and is issued anew
# (OWASP ASVS 3.5.2 / 等保2.0 身份鉴别). 90 days matches the platform's password review cycle.
declare("accounts.token_days", 90, source=gettext_lazy("本系统账号安全规定（OWASP ASVS 3.5）"), effective="2026-01-01",
        label=gettext_lazy("API令牌有效期（天）"))

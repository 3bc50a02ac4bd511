from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

# An API token is a password that does not change: it lives a bounded time and is issued anew
# (OWASP ASVS 3.5.2 / 等保2.0 身份鉴别). 90 days matches the platform's password review cycle.
declare("accounts.token_days", 90, source=gettext_lazy("本系统账号安全规定（OWASP ASVS 3.5）"), effective="2026-01-01",
        label=gettext_lazy("API令牌有效期（天）"))

# A one-time activation code is a password handed over on paper or read aloud: it must not outlive the
# hand-over (NIST SP 800-63B §6.1.2.1 bounds an activation secret's life; OWASP ASVS 2.5.1 one-time and
# expiring). Two weeks covers a group leader reading the codes out at the next group meeting.
declare("accounts.activation_days", 14, source=gettext_lazy("本系统账号安全规定（NIST SP 800-63B §6.1.2.1，OWASP ASVS 2.5.1）"),
        effective="2026-01-01", label=gettext_lazy("激活码有效期（天）"))
# Wrong tries before a code dies (the lockout per login and address also counts them): with 8 characters
# from 31, guessing within the limit is hopeless (OWASP ASVS 2.2.1 limits failed attempts).
declare("accounts.activation_attempts", 5, source=gettext_lazy("本系统账号安全规定（OWASP ASVS 2.2.1）"), effective="2026-01-01",
        label=gettext_lazy("激活码允许输错次数"))

from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

# A bundle holds a year of the union's records (masked by default): it is kept for the download, not archived
# (PIPL art.19: personal information is kept no longer than the purpose needs). A week covers a visit of the
# assessors; a union may shorten it, or allow one download only.
declare("records.bundle_days", 7, source=gettext_lazy("本系统个人信息保护规定（《个人信息保护法》第十九条）"),
        effective="2026-01-01", label=gettext_lazy("台账包保留天数"))
declare("records.bundle_once", False, source=gettext_lazy("本系统个人信息保护规定（《个人信息保护法》第十九条）"),
        effective="2026-01-01", label=gettext_lazy("台账包只能下载一次"))

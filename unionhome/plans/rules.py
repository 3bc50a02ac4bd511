"""Figures the plan rules read (docs/union-year.md: 有计划、有检查、有总结)."""
from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

declare("plans.midyear_check_by_month", 7,
        source=gettext_lazy("职工之家建设要求工会工作“有计划、有检查、有总结”（docs/union-year.md，regulations §4“六有”）；"
                            "年中检查最迟于当月底前完成，月份为本会配置"),
        effective="2026-01-01", label=gettext_lazy("年中检查最迟完成月份（提醒）"))

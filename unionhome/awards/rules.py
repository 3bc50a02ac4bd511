"""Figures of the year-end evaluation (issue 11 §3; docs/rules.md §2.3, rule 19)."""
from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

declare("awards.quota_per_group", 2,
        source=gettext_lazy("本会年度工作安排：年终全员考评，各小组评选1至2名先进工作者（union-year.md “Evaluation”）"),
        effective="2026-01-01", label=gettext_lazy("每组每种荣誉名额上限"))
declare("awards.publicity_workdays", 5,
        source=gettext_lazy("评选结果公示不少于5个工作日（按国务院放假安排计，含调休上班日）[S]"),
        effective="2026-01-01", label=gettext_lazy("评选公示期（工作日）"))
declare("awards.reward_cap", "500.00",
        source=gettext_lazy("安徽省基层工会经费收支管理办法：奖品一等奖不超过500元（docs/rules.md §2.3）[S]"),
        effective="2018-01-01", label=gettext_lazy("每人每项荣誉奖品价值上限（元）"))
declare("awards.reward_forms", ["goods", "voucher"],
        source=gettext_lazy("省级基层工会经费管理办法：不得发放现金、购物卡（docs/rules.md §2.3，规则17）"),
        effective="2018-01-01", label=gettext_lazy("允许的奖励形式"))
declare("awards.exclusion_grounds", ["受到党纪政务处分", "年度考核不称职", "违反会员义务受到批评教育"],
        source=gettext_lazy("本会评选办法：受处分或考核不称职者当年不参评（可按工会评选办法调整）"),
        effective="2026-01-01", label=gettext_lazy("不参评的情形"))
declare("awards.group_quota_per_union", 2,
        source=gettext_lazy("本会评选办法：优秀工会小组由工会委员会在各小组中评选，每年不超过2个（可按工会评选办法调整）"),
        effective="2026-01-01", label=gettext_lazy("每年优秀工会小组名额上限"))

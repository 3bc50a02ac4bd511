"""Figures the care rules use (regulations §5, §6, §7; rules 18, 24–26, 30)."""
from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

# Rule 24. Monthly 低保 per person by place; "*" applies where no place is listed. A union (or a province)
# overrides the whole mapping with a RuleSetting row naming its local 民政 notice.
declare("care.hardship.dibao_monthly", {"*": "783.00"},
        source=gettext_lazy("民政部2023年4季度民政统计数据：全国城市低保平均标准783元/人·月 [U: 以当地民政部门公布标准为准]"),
        effective="2024-01-01", label=gettext_lazy("低保标准（元/人·月，按地区）"))
declare("care.hardship.relative_multiple", "2",
        source=gettext_lazy("困难职工认定：人均可支配收入低于低保标准2倍为相对困难（pdsgh.org/node/16762）[S]"),
        effective="2019-01-01", label=gettext_lazy("相对困难倍数"))
declare("care.hardship.accident_cost_ratio", "0.8",
        source=gettext_lazy("青岛市意外致困认定：扣除赔偿保险后支出超过家庭年收入80%（isunte.cn/p/226478）[S]"),
        effective="2019-01-01", label=gettext_lazy("意外致困支出比例"))
declare("care.hardship.review_months", 12, source=gettext_lazy("困难职工档案管理：每年复核（一户一档、动态管理）[S]"),
        effective="2019-01-01", label=gettext_lazy("复核周期（月）"))
declare("care.hardship.migrant_min_years", 1, source=gettext_lazy("农民工建档需在岗且入会满1年（regulations §5）[S]"),
        effective="2019-01-01", label=gettext_lazy("农民工建档最短入会年限"))
declare("care.hardship.publicity_workdays", 5,
        source=gettext_lazy("困难职工建档公示不少于5个工作日（按国务院放假安排计，含调休上班日）[S: mencius.gov.cn cms/item-view-id-17784]"),
        effective="2019-01-01", label=gettext_lazy("公示期（工作日）"))
declare("care.hardship.guardian_age", 14, source=gettext_lazy("《个人信息保护法》第28、31条：不满十四周岁未成年人信息需监护人同意"),
        effective="2021-11-01", label=gettext_lazy("需监护人同意的年龄"))

# Rule 26 and §6: 妇检 cycle and screening age.
declare("care.health.cycle_years", 2, source=gettext_lazy("《福建省女职工劳动保护条例》(2020) 第7条：至少每两年一次妇科检查 [S]"),
        effective="2020-01-01", label=gettext_lazy("妇检周期（年）"))
declare("care.health.screening_age", 35, source=gettext_lazy("《福建省女职工劳动保护条例》(2020) 第7条：35岁以上增加乳腺癌、宫颈癌筛查 [S]"),
        effective="2020-01-01", label=gettext_lazy("增加两癌筛查年龄"))

# Blood drives: 《献血法》第2条 18–55 周岁; GB 18467-2011 lets healthy repeat donors give up to 60.
declare("care.blood.min_age", 18, source=gettext_lazy("《中华人民共和国献血法》第2条"), effective="1998-10-01", label=gettext_lazy("献血最低年龄"))
declare("care.blood.max_age", 60, source=gettext_lazy("GB 18467-2011《献血者健康检查要求》：既往无献血反应的多次献血者可延长至60周岁"),
        effective="2012-07-01", label=gettext_lazy("献血最高年龄"))

# Visit photos: images only, kept small enough for a phone upload on a weak network.
declare("care.photo.max_bytes", 5 * 1024 * 1024, source=gettext_lazy("本平台上传限制（与 FILE_UPLOAD_MAX_MEMORY_SIZE 一致）"),
        effective="2026-01-01", label=gettext_lazy("照片大小上限（字节）"))
declare("care.photo.max_count", 10, source=gettext_lazy("本平台上传限制：每次慰问的照片数"),
        effective="2026-01-01", label=gettext_lazy("每次慰问照片数上限"))

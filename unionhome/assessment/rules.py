"""Figures of the 职工之家 self-assessment (issue 12 §5; docs/rules.md §4): the veto thresholds and the limits of an
evidence upload. The criteria and their weights are configuration too, in ``models.Criterion`` (a data migration
ships the default set; a union sets its own weight from a date on)."""
from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

declare("assessment.membership_rate_min", 90,
        source=gettext_lazy("2015年全国模范职工之家评选条件：入会率达90%以上（docs/rules.md §4）"),
        effective="2015-07-01", label=gettext_lazy("职工之家一票否决：入会率下限（%）"))
declare("assessment.satisfaction_min", 90,
        source=gettext_lazy("2015年全国模范职工之家评选条件：会员对职工之家建设满意率达90%以上（docs/rules.md §4）"),
        effective="2015-07-01", label=gettext_lazy("职工之家一票否决：会员满意率下限（%）"))
declare("assessment.evidence_max_bytes", 10 * 1024 * 1024, source=gettext_lazy("本平台上传限制（OWASP ASVS 5.1.1）"),
        effective="2026-01-01", label=gettext_lazy("自评佐证文件大小上限（字节）"))
declare("assessment.evidence_per_line_max", 10, source=gettext_lazy("本平台上传限制"),
        effective="2026-01-01", label=gettext_lazy("每个评分项最多佐证文件数"))
declare("assessment.survey_questions_max", 10, source=gettext_lazy("会员评家问卷宜简短，便于在手机上作答（本平台设定）"),
        effective="2026-01-01", label=gettext_lazy("会员评家问卷最多问题数"))
